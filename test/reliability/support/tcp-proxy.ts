import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy between the app and PostgreSQL, so a test can take the database away
 * (every connection reset, new ones refused), or let it fall silent (connections stay open but
 * nothing gets through, as when a network path hangs), and give it back, without touching the
 * server that other test files share.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly pairs = new Set<[Socket, Socket]>();
  private stalled = false;
  private port = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  /** A proxy to the server of the given PostgreSQL URL. */
  static async start(databaseUrl: string): Promise<TcpProxy> {
    const { hostname, port } = new URL(databaseUrl);
    const proxy = new TcpProxy({ host: hostname, port: Number(port || 5432) });
    await proxy.listen(0);
    return proxy;
  }

  /** Rewrites a PostgreSQL URL to go through this proxy. */
  via(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** The database "goes away": open connections are reset and new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.pairs.clear();
    if (server) await new Promise((r) => server.close(r));
  }

  /** The database "comes back" on the same address. */
  async restore(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  /** The network "hangs": nothing is lost or reset, but nothing gets through either way. */
  stall(): void {
    this.stalled = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** The hang ends: what was held back flows on. */
  resume(): void {
    this.stalled = false;
    for (const [client, upstream] of this.pairs) this.forward(client, upstream);
  }

  close(): Promise<void> {
    return this.cut();
  }

  private listen(port: number): Promise<void> {
    const server = createServer((c) => this.pipe(c));
    this.server = server;
    return new Promise((ok, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => {
        const a = server.address();
        this.port = typeof a === 'object' && a ? a.port : port;
        ok();
      });
    });
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    for (const s of pair) {
      this.sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        this.sockets.delete(s);
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      });
    }
    if (!this.stalled) this.forward(client, upstream);
  }

  private forward(client: Socket, upstream: Socket): void {
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
