import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const START_TIMEOUT_MS = 120_000;

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

/**
 * The real server (src/main.ts, the same entry point as `npm run start:prod`) as a child
 * process, so a test can kill it the way an operating system would. It runs through ts-node so
 * that no build is needed before the tests.
 */
export class ServerProcess {
  private stderr = '';

  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-8000);
    });
  }

  static async start(env: Record<string, string>): Promise<ServerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', 'ts-node/register', join('src', 'main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.test.json'),
        TS_NODE_TRANSPILE_ONLY: 'true',
        NODE_ENV: 'test',
        DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '1000000',
        ...env,
        PORT: String(port),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const server = new ServerProcess(`http://127.0.0.1:${port}`, child);
    await server.waitUntilHealthy();
    return server;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Ends the process with SIGKILL: no shutdown hooks, no draining, no chance to tidy up. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill(signal);
    await exited;
  }

  private async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      try {
        const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(5000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (!this.alive) throw new Error(`The server exited during start:\n${this.stderr}`);
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`The server did not become healthy in time:\n${this.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
