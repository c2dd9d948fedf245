#!/usr/bin/env node
/**
 * `npm test`: runs Jest, then ends with one plain line, "N passed, N failed[, N skipped]", that
 * CI and people can read without knowing Jest's summary format. Arguments pass through to Jest.
 */
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const resultsFile = join(mkdtempSync(join(tmpdir(), 'linkway-jest-')), 'results.json');
const run = spawnSync(
  process.execPath,
  [
    require.resolve('jest/bin/jest'),
    '--json',
    `--outputFile=${resultsFile}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
if (existsSync(resultsFile)) {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  process.stderr.write(
    `\n${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
  );
}
process.exit(run.status ?? 1);
