import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { DirectoryImportService } from './directory-import.service';
import type { ImportFormat } from './group.dto';

/**
 * npm run import:directory -- <file.json|file.csv> [--format hsds|csv]
 * Imports an HSDS/ORUK JSON feed or a CSV (columns in directory-import.service.ts). New groups
 * arrive pending. Progress goes to stderr; the result (imported, rejected rows) to stdout as JSON.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const formatArg = args[args.indexOf('--format') + 1];
  if (!file) throw new Error('Usage: import-directory <file.json|file.csv> [--format hsds|csv]');
  const format: ImportFormat =
    formatArg === 'csv' || formatArg === 'hsds'
      ? formatArg
      : extname(file).toLowerCase() === '.csv'
        ? 'csv'
        : 'hsds';
  const content = readFileSync(file, 'utf8');

  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
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
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
