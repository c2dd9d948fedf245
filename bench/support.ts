import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { Pool, type PoolClient } from 'pg';
import { APP_DATABASE_ROLE } from '../src/database/app-role';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/database/embedded-postgres';
import { SCOPE_SETTING } from '../src/services/scoped-transactions';

export const ROOT = resolve(__dirname, '..');

export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** A throwaway embedded PostgreSQL for one benchmark run. */
export async function startBenchDatabase(): Promise<EmbeddedServer> {
  const dir = mkdtempSync(join(tmpdir(), 'linkway-bench-'));
  return startEmbeddedPostgres(dir, () => undefined);
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Peak resident memory of the server process so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** How `npm run start:prod` starts the server: its environment assignments and node options. */
export interface ProductionCommand {
  env: Record<string, string>;
  nodeArgs: string[];
}

/**
 * `npm run start:prod` read from package.json (`NAME=value … node … dist/main.js`), with each
 * `${NAME:-default}` filled in from the environment as the shell would: the bench runs the command
 * users run, its heap cap and allocator settings included.
 */
export function productionCommand(env: NodeJS.ProcessEnv = process.env): ProductionCommand {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const expand = (word: string) =>
    word.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, dflt: string) => env[name] || dflt);
  const script = pkg.scripts['start:prod'];
  const words = script.split(/\s+/).map(expand);
  const node = words.indexOf('node');
  const assignments = words.slice(0, Math.max(node, 0)).map((w) => /^(\w+)=(.*)$/.exec(w));
  const understood =
    node >= 0 &&
    words[words.length - 1] === 'dist/main.js' &&
    assignments.every(Boolean) &&
    !/['"`\\]|\$(?!\{\w+:-[^}]*\})/.test(script);
  if (!understood) {
    throw new Error(
      'start:prod is no longer "NAME=value … node … dist/main.js" with only ${NAME:-default} ' +
        'expansions: teach the bench to run it',
    );
  }
  return {
    env: Object.fromEntries(assignments.map((m) => [m![1], m![2]])),
    nodeArgs: words.slice(node + 1, -1),
  };
}

/** Starts the built server (dist/main.js) as `npm run start:prod` would, against the given database. */
export async function startServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS='--prof' profiles the servers (node --prof-process reads the logs).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const production = productionCommand();
  const child = spawn(
    process.execPath,
    [...production.nodeArgs, ...nodeArgs, join(ROOT, 'dist', 'main.js')],
    {
      env: {
        ...process.env,
        ...production.env,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'linkway-bench-app-')),
        DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '100000000',
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error('The server exited during start');
    if (Date.now() > deadline) throw new Error('The server did not become healthy in 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    process: child,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i])).join(' | ');
  console.log(line(cols));
  console.log(width.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

/**
 * A pool as the app connects: the row-level security role. Baselines that read service-owned
 * tables use it with `inScope`, so both sides pay for the policies and run the same statements.
 */
export function appRolePool(connectionString: string, max: number): Pool {
  return new Pool({ connectionString, max, options: `-c role=${APP_DATABASE_ROLE}` });
}

/** Runs `work` in one transaction whose service scope is set first, as ScopedTransactions does. */
export async function inScope<T>(
  pool: Pool,
  scope: string,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT set_config($1, $2, true)', [SCOPE_SETTING, scope]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
