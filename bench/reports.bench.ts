/**
 * The service-access report at realistic volumes: GET /api/reports/service-access through the
 * built server over HTTP against the same data work run directly through `pg`, and against a bare
 * `GROUP BY`, at each size (by default 100,000 and 1,000,000 referrals), as ratios. Runs on a
 * throwaway embedded PostgreSQL filled by the synthetic data generator (`seed:synthetic`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDimensions, type Dimension } from '../src/reports/service-access/dimensions';
import { DIMENSION_COLUMN } from '../src/reports/service-access/service-access.sql';
import { readServiceAccessChunks } from '../src/reports/service-access/service-access.chunks';
import { REPORT_SETTINGS_SQL } from '../src/reports/report-settings';
import { ACTIVITY_BY_MONTH_SQL } from '../src/reports/activity/activity.sql';
import { readActivityCases } from '../src/reports/activity/activity.summary';
import { SCOPE_SETTING } from '../src/services/scoped-transactions';
import type { PoolClient } from 'pg';
import { appRolePool, login, progress, ROOT, startBenchDatabase, startServer } from './support';

export interface ReportsBenchOptions {
  /** Referral counts to measure at, smallest first; the database grows between them. */
  sizes?: number[];
  /** Timed runs per side and size (after one warm-up run); the median is reported. */
  runs?: number;
  /** The report's breakdowns, as in `?by=`. */
  by?: string;
  from?: string;
  to?: string;
}

export interface ReportsBenchResult {
  readonly referrals: number;
  readonly by: string;
  /** Median wall time of the report through the running server over HTTP (JSON). */
  readonly endpointMs: number;
  /**
   * Median wall time of the endpoint's data work alone, through pg in this process, as the JSON
   * endpoint does it: copying the period's chunks and adding them up (readServiceAccessChunks) on
   * one connection, beside the link workers' activity (by month, people contacted, first places)
   * on another.
   */
  readonly sqlMs: number;
  /** endpointMs ÷ sqlMs: what the application adds on top of its data work (HTTP, suppression). */
  readonly ratio: number;
  /** Median wall time of a bare `GROUP BY` of the same breakdowns over the same rows (`count(*)` only). */
  readonly bareGroupByMs: number;
  /** endpointMs ÷ bareGroupByMs: what the whole report costs against the least any breakdown can. */
  readonly bareRatio: number;
}

/** Each breakdown's column in `report_referral_fact`, the rows the report reads. */
const BARE_COLUMN: Readonly<Record<Dimension, string>> = {
  channel: 'channel',
  migrantStatus: 'migrant_status',
  countryOfBirth: 'country_of_birth',
  mainLanguage: 'main_language',
  interpreterNeeded: 'interpreter_needed',
  ageBand: 'age_band',
  sex: 'sex',
  area: 'area',
  need: 'unnest(reasons)',
  yearOfArrivalBand: 'year_of_arrival_band',
  service: 'service',
};

/**
 * The floor for the report: the period's referrals grouped by the chosen breakdowns and counted,
 * nothing else (no measures, margins, trend, medians or completeness), from the same rows.
 */
export function bareGroupBySql(dimensions: readonly Dimension[]): string {
  const keys = dimensions.map((d) => BARE_COLUMN[d]);
  return `SELECT ${[...keys, 'count(*)'].join(', ')}
  FROM report_referral_fact
 WHERE local_day BETWEEN $1::date AND $2::date
 GROUP BY ${keys.map((_, i) => i + 1).join(', ') || '()'}`;
}

const ADMIN = { email: 'bench.reports.admin@linkway.test', password: 'amber meadow kettle 12' };
const COMMISSIONER = { email: 'bench.commissioner@linkway.test', password: ADMIN.password };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm caches and plans
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** Adds `referrals` synthetic referrals with the generator's own command, showing its progress. */
async function seed(databaseUrl: string, referrals: number, seedValue: number): Promise<void> {
  const built = join(ROOT, 'dist', 'cli', 'seed-synthetic.cli.js');
  const args = existsSync(built)
    ? [built]
    : ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/cli/seed-synthetic.cli.ts')];
  const child = spawn(
    process.execPath,
    [...args, '--referrals', String(referrals), '--seed', String(seedValue)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'linkway-bench-seed-')),
        DEMO_DATA: 'false',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.test.json'),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`seed:synthetic exited with ${code}`);
}

export async function runReportsBench(
  options: ReportsBenchOptions = {},
): Promise<ReportsBenchResult[]> {
  const sizes = [...(options.sizes ?? [100_000, 1_000_000])].sort((a, b) => a - b);
  const runs = options.runs ?? 5;
  const by = options.by ?? 'channel,migrantStatus,ageBand';
  const from = options.from ?? '2000-01-01';
  const to = options.to ?? '2100-12-31';
  const { dimensions, unknown } = parseDimensions(by);
  if (unknown.length > 0) throw new Error(`Unknown breakdowns: ${unknown.join(', ')}`);

  const db = await startBenchDatabase();
  const server = await startServer(db.url, {
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  });
  // The commissioner's statements as the app runs them: the row-level security role, every service,
  // the report's read and the activity's on connections of their own.
  const pool = appRolePool(db.url, 2);
  try {
    const adminToken = await login(server.url, ADMIN.email, ADMIN.password);
    const created = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        ...COMMISSIONER,
        name: 'Benchmark commissioner',
        role: 'commissioner',
      }),
    });
    if (created.status !== 201) throw new Error(`creating the commissioner: ${created.status}`);
    const token = await login(server.url, COMMISSIONER.email, COMMISSIONER.password);

    const query = new URLSearchParams({ from, to, by }).toString();
    const url = `${server.url}/api/reports/service-access?${query}`;
    const columns = dimensions.map((d) => DIMENSION_COLUMN[d]);
    const results: ReportsBenchResult[] = [];
    let referrals = 0;
    for (const size of sizes) {
      if (referrals < size) {
        progress(`generating ${(size - referrals).toLocaleString('en-GB')} synthetic referrals`);
        await seed(db.url, size - referrals, size);
        referrals = size;
      }
      progress(`timing service-access by ${by} at ${size.toLocaleString('en-GB')} referrals`);
      const endpointMs = await timed(runs, async () => {
        const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        if (!res.ok) throw new Error(`the report answered ${res.status}`);
        await res.json();
      });
      const client = await pool.connect();
      const activityClient = await pool.connect();
      const inTransaction = async (on: PoolClient, work: () => Promise<unknown>) => {
        await on.query('BEGIN');
        await on.query('SELECT set_config($1, $2, true)', [SCOPE_SETTING, '*']);
        await on.query(REPORT_SETTINGS_SQL);
        await work();
        await on.query('COMMIT');
      };
      const period = { from, to };
      let sqlMs: number;
      let bareGroupByMs: number;
      try {
        // The facts and chunks are current: the endpoint's runs above brought them up to date.
        sqlMs = await timed(runs, () =>
          Promise.all([
            inTransaction(client, () => readServiceAccessChunks(client, columns, period)),
            inTransaction(activityClient, async () => {
              await activityClient.query(ACTIVITY_BY_MONTH_SQL, [from, to]);
              await readActivityCases(
                async (sql, p) => (await activityClient.query(sql, p)).rows,
                period,
              );
            }),
          ]),
        );
        bareGroupByMs = await timed(runs, () =>
          inTransaction(client, () => client.query(bareGroupBySql(dimensions), [from, to])),
        );
      } finally {
        client.release();
        activityClient.release();
      }
      const result: ReportsBenchResult = {
        referrals: size,
        by,
        endpointMs: Math.round(endpointMs),
        sqlMs: Math.round(sqlMs),
        ratio: Math.round((endpointMs / sqlMs) * 100) / 100,
        bareGroupByMs: Math.round(bareGroupByMs),
        bareRatio: Math.round((endpointMs / bareGroupByMs) * 100) / 100,
      };
      progress(
        `service-access at ${size.toLocaleString('en-GB')} referrals: endpoint ${result.endpointMs} ms, its data work ${result.sqlMs} ms, ratio ${result.ratio}; bare GROUP BY ${result.bareGroupByMs} ms, ratio ${result.bareRatio}`,
      );
      results.push(result);
    }
    return results;
  } finally {
    await pool.end();
    await server.stop();
    await db.stop();
  }
}
