// The bootstrap first: it loads reflect-metadata before any decorated class.
import { parseArgs, runCli } from './cli-bootstrap';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { DirectoryImportService } from '../directory/directory-import.service';
import type { ImportFormat } from '../directory/group.dto';

/**
 * npm run import:directory -- <file.json|file.csv> [--format hsds|csv]
 * Imports an HSDS/ORUK JSON feed or a CSV (columns in directory-import.service.ts). New groups
 * arrive pending. Progress goes to stderr; the result (imported, rejected rows) to stdout as JSON.
 * Exit code 2 when some rows were rejected.
 */
const { options, positional } = parseArgs(process.argv.slice(2));
const file = positional[0];
if (!file) {
  console.error('Usage: import-directory <file.json|file.csv> [--format hsds|csv]');
  process.exitCode = 1;
} else {
  const format: ImportFormat =
    options.format === 'csv' || options.format === 'hsds'
      ? options.format
      : extname(file).toLowerCase() === '.csv'
        ? 'csv'
        : 'hsds';
  void runCli(async (app) => {
    const content = readFileSync(file, 'utf8');
    let lastPercent = -1;
    const result = await app.get(DirectoryImportService).import(content, format, {
      actorId: null,
      onProgress: (done, total) => {
        const percent = Math.floor((done / Math.max(total, 1)) * 100);
        if (percent !== lastPercent) {
          lastPercent = percent;
          process.stderr.write(`\rChecked ${done} of ${total} (${percent}%)`);
        }
      },
    });
    process.stderr.write('\n');
    console.log(JSON.stringify({ imported: result.imported, rejected: result.rejected }, null, 2));
    process.exitCode = result.rejected.length ? 2 : 0;
  });
}
