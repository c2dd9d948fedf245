// The bootstrap first: it loads reflect-metadata before any decorated class.
import { parseArgs, runCli } from './cli-bootstrap';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { PopulationImportService } from '../reports/population/population-import.service';
import {
  populationSourceOf,
  SAMPLE_POPULATION_FILES,
} from '../reports/population/sample-population';

// npm run import:population -- path/to/census2021-ts021-ltla.csv [--source TS021]
//   (no path: the shipped SYNTHETIC sample for the demo area; see its README)
void runCli(async (app) => {
  const { options, positional } = parseArgs(process.argv.slice(2));
  const files = positional.length > 0 ? positional.map((f) => resolve(f)) : SAMPLE_POPULATION_FILES;
  const importer = app.get(PopulationImportService);
  for (const file of files) {
    console.log(`Importing population counts from ${file}`);
    const started = Date.now();
    const result = await importer.import(
      createReadStream(file),
      { source: options.source ?? populationSourceOf(file) },
      (p) =>
        process.stdout.write(
          `\r  ${p.read.toLocaleString('en-GB')} rows read, ${p.written.toLocaleString('en-GB')} figures written, ${p.rejected} rejected`,
        ),
    );
    process.stdout.write('\n');
    console.log(
      `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.written.toLocaleString('en-GB')} figures (${result.kinds.join(', ') || 'none'}).`,
    );
    if (result.leftOut.length > 0) {
      console.log(`  Left out (totals, broader groups, other bands): ${result.leftOut.length}`);
    }
    if (result.rejected > 0) {
      console.error(`  ${result.rejected} rows rejected:`);
      for (const r of result.rejectedRows) console.error(`    line ${r.line}: ${r.reason}`);
      if (result.rejected > result.rejectedRows.length) {
        console.error(`    … and ${result.rejected - result.rejectedRows.length} more`);
      }
      process.exitCode = 2;
    }
  }
});
