import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { AuthService } from '../src/auth/auth.service';
import { UsersService } from '../src/auth/users.service';
import { serviceAccessSql } from '../src/reports/service-access/service-access.sql';
import { SyntheticDataService } from '../src/reports/synthetic/synthetic-data.service';

export interface ReportsBenchResult {
  readonly referrals: number;
  /** Median wall time of GET /api/reports/service-access through the real app over HTTP. */
  readonly endpointMs: number;
  /** Median wall time of the same aggregate SQL run directly through pg. */
  readonly sqlMs: number;
  /** endpointMs ÷ sqlMs: what the app adds on top of the database's work. */
  readonly ratio: number;
}

const BY = 'channel,migrantStatus,ageBand';
const FROM = '2000-01-01';
const TO = '2100-12-31';

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

/**
 * For each size: fill the database with synthetic referrals up to that size, then time the
 * service-access report through the running Nest app over HTTP against the same SQL through pg.
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (use a scratch DATA_DIR).
 */
export async function runReportsBench(
  options: { sizes?: number[]; runs?: number; log?: (line: string) => void } = {},
): Promise<ReportsBenchResult[]> {
  const sizes = [...(options.sizes ?? [100_000, 1_000_000])].sort((a, b) => a - b);
  const runs = options.runs ?? 5;
  const log = options.log ?? ((line: string) => console.log(line));
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  configureApp(app);
  await app.listen(0);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const dataSource = app.get(DataSource);
  const options_ = dataSource.options as { url?: string };
  const pool = new Pool({ connectionString: options_.url, max: 2 });
  try {
    const user = await app.get(UsersService).create(
      {
        email: `bench.${Date.now()}@bench.example`,
        name: 'Benchmark commissioner',
        role: 'commissioner',
        password: `bench-${Date.now()}-password`,
      },
      null,
    );
    const { accessToken } = await app.get(AuthService).issueToken({ ...user });
    const url = `http://127.0.0.1:${port}/api/reports/service-access?from=${FROM}&to=${TO}&by=${BY}`;
    const sql = serviceAccessSql(['channel', 'migrantStatus', 'ageBand']);
    const results: ReportsBenchResult[] = [];
    for (const size of sizes) {
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM referral');
      if (n < size) {
        log(`Generating ${(size - n).toLocaleString('en-GB')} synthetic referrals…`);
        await app
          .get(SyntheticDataService)
          .generate({ referrals: size - n, seed: size }, (p) =>
            process.stdout.write(
              `\r  ${p.referrals.toLocaleString('en-GB')} / ${p.of.toLocaleString('en-GB')}`,
            ),
          );
        process.stdout.write('\n');
      }
      const endpointMs = await timed(runs, async () => {
        const res = await fetch(url, { headers: { Authorization: `Bearer ${accessToken}` } });
        if (!res.ok) throw new Error(`report answered ${res.status}`);
        await res.json();
      });
      const sqlMs = await timed(runs, () => pool.query(sql, [FROM, TO]));
      const result = { referrals: Math.max(n, size), endpointMs, sqlMs, ratio: endpointMs / sqlMs };
      log(
        `service-access at ${result.referrals.toLocaleString('en-GB')} referrals: endpoint ${endpointMs.toFixed(0)} ms, raw SQL ${sqlMs.toFixed(0)} ms, ratio ${result.ratio.toFixed(2)}`,
      );
      results.push(result);
    }
    return results;
  } finally {
    await pool.end();
    await app.close();
  }
}
