#!/usr/bin/env node
/**
 * `npm run fuzz -- --runs N [--seed S] [--report FILE]`: the schema-driven fuzzing of every
 * OpenAPI operation (test/security/fuzz.e2e-spec.ts) with N requests in all instead of CI's
 * bounded number, and a seed of your choice (a random one by default, printed with the figures).
 */
const { spawnSync } = require('node:child_process');

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = option('runs') ?? '10000';
const seed = option('seed') ?? String(Math.floor(Math.random() * 2 ** 31));
if (!/^\d+$/.test(runs) || !/^-?\d+$/.test(seed)) {
  console.error('usage: npm run fuzz -- --runs N [--seed S] [--report FILE]');
  process.exit(2);
}
const run = spawnSync(
  process.execPath,
  [
    require.resolve('jest/bin/jest'),
    '--maxWorkers=1',
    '--runTestsByPath',
    'test/security/fuzz.e2e-spec.ts',
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, FUZZ_REPORT: option('report') ?? '' },
  },
);
process.exit(run.status ?? 1);
