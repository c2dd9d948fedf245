// The bootstrap first: it loads reflect-metadata before any decorated class.
import { parseArgs, runCli } from './cli-bootstrap';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { PostcodeImportService } from '../services/postcodes/postcode-import.service';
import { SAMPLE_POSTCODES_CSV } from '../services/postcodes/sample-postcodes';

// npm run import:postcodes -- path/to/ONSPD.csv   (no path: the shipped Nottingham sample)
void runCli(async (app) => {
  const file = resolve(parseArgs(process.argv.slice(2)).positional[0] ?? SAMPLE_POSTCODES_CSV);
  console.log(`Importing postcode areas from ${file}`);
  const started = Date.now();
  const result = await app
    .get(PostcodeImportService)
    .import(createReadStream(file), (p) =>
      process.stdout.write(
        `\r  ${p.read.toLocaleString('en-GB')} read, ${p.imported.toLocaleString('en-GB')} imported, ${p.skipped} skipped`,
      ),
    );
  process.stdout.write('\n');
  console.log(
    `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.imported.toLocaleString('en-GB')} postcodes imported, ${result.skipped} skipped.`,
  );
});
