/**
 * `npm run bench` (add `-- --quick` for a short trial run): every benchmark in one run against
 * throwaway embedded PostgreSQL servers, each figure beside a raw-PostgreSQL baseline measured in
 * the same run, then a table with PASS/MISS per target. Progress goes to stderr, the table to
 * stdout. Uses the built server (dist/), so `npm run bench` builds first.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { runCaseloadBench, type LatencyRow } from './caseload.bench';
import { runIntakeBench, type IntakeBenchResult } from './intake.bench';
import { runPlacementsBench, type PlacementsBenchResult } from './placements.bench';
import { runReportsBench, type ReportsBenchResult } from './reports.bench';
import {
  login,
  printTable,
  progress,
  startBenchDatabase,
  startServer,
  type RunningServer,
} from './support';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const wanted = (part: string) => !only || only.split(',').includes(part);

const SIZES = quick
  ? {
      intakeSeconds: 5,
      seed: { cases: 1_000, referrals: 10_000 },
      pageRequests: 50,
      offers: 300,
      reports: [10_000, 50_000],
    }
  : {
      intakeSeconds: 20,
      seed: { cases: 10_000, referrals: 100_000 },
      pageRequests: 200,
      offers: 1_500,
      reports: [100_000, 1_000_000],
    };

/**
 * Every server in the run is started as `npm run start:prod` starts it (see `productionCommand`),
 * heap cap and allocator settings included, so the memory figure is that of the command users run.
 * The intake and page server also runs with NODE_ENV=production (cached views; secure cookies
 * behind a TLS proxy, which the bench plays with X-Forwarded-Proto).
 */
/** Intake against its same-statement baseline must not fall below this (a regression guard). */
const INTAKE_GUARD = 0.42;
function productionEnv(dataKey: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(32).toString('base64'),
    DATA_ENCRYPTION_KEY: dataKey,
    // The bench is the TLS proxy in front (loopback), so its X-Forwarded-Proto is believed.
    TRUST_PROXY: 'loopback',
  };
}

const ADMIN = { email: 'bench.admin@linkway.test', password: 'quiet harbour lantern 41' };
const PASSWORD = 'amber meadow kettle 12';
const MEMORY_TARGET_MB = 300;

interface Figures {
  intake?: IntakeBenchResult;
  pages?: LatencyRow[];
  placements?: PlacementsBenchResult;
  reports?: ReportsBenchResult[];
  /** Peak resident memory (VmHWM) of each server process we started, by phase. */
  peakMb: Record<string, number>;
}

async function api(
  server: RunningServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Intake, then the caseload and case pages, on one server and database. */
async function intakeAndPages(figures: Figures): Promise<void> {
  const db = await startBenchDatabase();
  const dataKey = randomBytes(32).toString('base64');
  const server = await startServer(db.url, {
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    ...productionEnv(dataKey),
  });
  try {
    const adminToken = await login(server.url, ADMIN.email, ADMIN.password);
    const gp = await api(server, adminToken, 'POST', '/api/organisations', {
      name: 'Bench GP practice',
      kind: 'gp_practice',
      postcode: 'NG7 1AA',
    });
    const user = async (email: string, role: string, organisationId?: unknown) => {
      const u = await api(server, adminToken, 'POST', '/api/users', {
        email,
        name: `Bench ${role}`,
        role,
        password: PASSWORD,
        ...(organisationId ? { organisationId } : {}),
      });
      return { id: u.id as string, token: await login(server.url, email, PASSWORD), email };
    };
    const referrer = await user('bench.referrer@linkway.test', 'referrer', gp.id);
    const linkWorker = await user('bench.lw@linkway.test', 'link_worker');
    const { items: services } = (await api(server, adminToken, 'GET', '/api/services')) as {
      items: { id: string; isDefault: boolean }[];
    };
    const defaultServiceId = services.find((s) => s.isDefault)!.id;

    if (wanted('intake'))
      figures.intake = await runIntakeBench({
        databaseUrl: db.url,
        server,
        referrer: {
          token: referrer.token,
          userId: referrer.id,
          organisationId: gp.id as string,
          defaultServiceId,
        },
        connections: 32,
        seconds: SIZES.intakeSeconds,
      });
    if (wanted('pages'))
      figures.pages = await runCaseloadBench({
        databaseUrl: db.url,
        server,
        dataKey,
        linkWorker: { ...linkWorker, password: PASSWORD },
        adminToken,
        seed: SIZES.seed,
        requests: SIZES.pageRequests,
      });
    figures.peakMb['intake and pages'] = server.peakRssMb();
  } finally {
    await server.stop();
    await db.stop();
  }
}

/**
 * Peak memory of the servers the placements and reports benchmarks start for themselves: their
 * dist/main.js children of this process are sampled every half second (VmHWM only grows, so the
 * last sample before a server stops is its peak, give or take that half second).
 */
function watchServerMemory(): { stop(): number } {
  let peakKb = 0;
  const sample = () => {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        if (Number(/PPid:\s+(\d+)/.exec(status)?.[1]) !== process.pid) continue;
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/main.js')) continue;
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // the process ended between listing and reading
      }
    }
  };
  const timer = setInterval(sample, 500);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(peakKb / 1024);
    },
  };
}

const fixed = (n: number | undefined, digits = 1) => (n === undefined ? '—' : n.toFixed(digits));
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function table(figures: Figures): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const row = (
    measure: string,
    app: string,
    baseline: string,
    ratio: string,
    target = '',
    result = '',
  ) => rows.push({ measure, app, 'raw SQL': baseline, ratio, target, result });
  const i = figures.intake;
  if (i) {
    row(
      `referral intake, ${i.connections} clients (req/s)`,
      fixed(i.http.perSecond),
      fixed(i.sql.perSecond),
      fixed(i.ratio, 2),
      // A regression guard, not a goal: the figure stood at 0.42–0.49 when it was set.
      '≥ 0.42',
      verdict(i.ratio >= INTAKE_GUARD),
    );
    row(
      '  intake p50 / p99 latency (ms)',
      `${i.http.p50Ms} / ${i.http.p99Ms}`,
      `${i.sql.p50Ms} / ${i.sql.p99Ms}`,
      '',
      '',
      '',
    );
    row(
      '  intake errors (non-2xx)',
      String(i.http.errors),
      String(i.sql.errors),
      '',
      '0',
      verdict(i.http.errors === 0),
    );
  }
  for (const p of figures.pages ?? [])
    row(
      `${p.what} p50 (p99) ms`,
      `${fixed(p.p50Ms)} (${fixed(p.p99Ms)})`,
      `${fixed(p.sqlP50Ms)} (${fixed(p.sqlP99Ms)})`,
      fixed(p.ratio),
      p.p99TargetMs ? `p99 < ${p.p99TargetMs}` : '',
      p.p99TargetMs ? verdict(p.p99Ms < p.p99TargetMs) : '',
    );
  const pl = figures.placements;
  if (pl) {
    const ratio = pl.http.offersPerSecond / Math.max(pl.sql.offersPerSecond, 0.001);
    row(
      'offers/s under contention',
      fixed(pl.http.offersPerSecond),
      fixed(pl.sql.offersPerSecond),
      fixed(ratio, 2),
      '',
      '',
    );
    row(
      '  reserved / places (failed requests)',
      `${pl.http.reserved}/${pl.http.places} (${pl.http.errors})`,
      `${pl.sql.reserved}/${pl.sql.places} (${pl.sql.errors})`,
      '',
      'reserved ≤ places',
      verdict(pl.http.reserved <= pl.http.places && pl.sql.reserved <= pl.sql.places),
    );
  }
  for (const r of figures.reports ?? []) {
    row(
      `service-access report at ${r.referrals.toLocaleString('en-GB')} referrals (ms, app ÷ its data work)`,
      fixed(r.endpointMs, 0),
      fixed(r.sqlMs, 0),
      fixed(r.ratio, 2),
      '≤ 1.5',
      verdict(r.ratio <= 1.5),
    );
    row(
      `  the same report against a bare GROUP BY of its breakdowns (ms)`,
      fixed(r.endpointMs, 0),
      fixed(r.bareGroupByMs, 0),
      fixed(r.bareRatio, 2),
      '< 1000 ms, ≤ 3',
      verdict(r.endpointMs < 1000 && r.bareRatio <= 3),
    );
  }
  const peaks = Object.entries(figures.peakMb);
  if (peaks.length) {
    const peak = Math.max(...peaks.map(([, mb]) => mb));
    row(
      `server peak memory VmHWM (MB; ${peaks.map(([k, mb]) => `${k} ${mb}`).join(', ')})`,
      String(peak),
      '',
      '',
      `< ${MEMORY_TARGET_MB}`,
      verdict(peak < MEMORY_TARGET_MB),
    );
  }
  return rows;
}

/** A phase's figures as soon as it ends, so a long run that is stopped later still shows them. */
function showPhase(name: string, figures: Figures): void {
  progress(`${name} done:`);
  printTable(table(figures));
}

async function main(): Promise<void> {
  const started = Date.now();
  progress(
    `${quick ? 'quick' : 'full'} run on ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
  );
  const figures: Figures = { peakMb: {} };
  if (wanted('intake') || wanted('pages')) {
    await intakeAndPages(figures);
    showPhase('intake and pages', figures);
  }
  if (wanted('placements')) {
    progress('placements: offers under contention');
    const memory = watchServerMemory();
    figures.placements = await runPlacementsBench({ offers: SIZES.offers, connections: 20 });
    figures.peakMb['placements'] = memory.stop();
    showPhase('placements', { placements: figures.placements, peakMb: {} });
  }
  if (wanted('reports')) {
    progress(
      `reports at ${SIZES.reports.map((n) => n.toLocaleString('en-GB')).join(' and ')} referrals`,
    );
    const memory = watchServerMemory();
    figures.reports = await runReportsBench({ sizes: SIZES.reports });
    figures.peakMb['reports'] = memory.stop();
  }

  console.log(`\nLinkway benchmark (${quick ? 'quick' : 'full'}), ${new Date().toISOString()}`);
  printTable(table(figures));
  console.log(`\nTotal ${((Date.now() - started) / 60000).toFixed(1)} min.`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
