import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A GOV.UK Notify API key as Notify issues them: a name, the service id and the secret. */
export const FAKE_SERVICE_ID = '4c2d3b5e-1f6a-4b7c-8d9e-0a1b2c3d4e5f';
const FAKE_SECRET = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const FAKE_API_KEY = `linkway_test-${FAKE_SERVICE_ID}-${FAKE_SECRET}`;
export const EMAIL_TEMPLATE_ID = '0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9';
export const SMS_TEMPLATE_ID = '1a2b3c4d-5e6f-4a8b-9cad-bef012345678';

export interface Received {
  id: string;
  type: 'email' | 'sms';
  to: string;
  reference: string | null;
  personalisation: Record<string, string>;
  status: string;
}

/** What the fake does with the next requests: answer, fail with a status, or never answer. */
type Mode =
  { kind: 'ok' } | { kind: 'fail'; status: number; until?: () => boolean } | { kind: 'hang' };

/**
 * A local stand-in for the GOV.UK Notify API, strict where Notify is: it checks the JWT
 * (HS256, signed with the key's secret, `iss` the service id, `iat` within 30 seconds), the
 * template id for the channel, that the personalisation is exactly what the template needs
 * (email `subject` and `body`, text `body`), the email address and the UK mobile number.
 * Errors come back in Notify's shape. It keeps what it accepted, so a test can count sends.
 */
export class FakeNotify {
  readonly received: Received[] = [];
  /** Requests refused by the fake's checks, with why: a test expects none. */
  readonly rejected: string[] = [];
  private mode: Mode = { kind: 'ok' };
  private readonly hanging: ServerResponse[] = [];
  private statusFor: (r: Received) => string = () => 'delivered';

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeNotify> {
    const holder: { fake?: FakeNotify } = {};
    const server = createServer((req, res) => void holder.fake!.handle(req, res));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeNotify(server, `http://127.0.0.1:${port}`);
    return holder.fake;
  }

  /** Answers every request with this status (Notify's error shape) while `until` says so. */
  failWith(status: number, until?: () => boolean): void {
    this.mode = { kind: 'fail', status, until };
  }

  /** Accepts the next send and never answers it, as when the sender dies mid-request. */
  hangAfterAccepting(): void {
    this.mode = { kind: 'hang' };
  }

  healthy(): void {
    this.mode = { kind: 'ok' };
  }

  /** What the status look-up says of each message (default: delivered). */
  reportStatus(of: (r: Received) => string): void {
    this.statusFor = of;
  }

  byReference(reference: string): Received[] {
    return this.received.filter((r) => r.reference === reference);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise((ok) => this.server.close(ok));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const refuse = (status: number, error: string, message: string) => {
      this.rejected.push(`${req.method} ${req.url}: ${status} ${message}`);
      send(res, status, { status_code: status, errors: [{ error, message }] });
    };
    const authProblem = checkJwt(req.headers.authorization);
    if (authProblem) return refuse(403, 'AuthError', authProblem);

    if (this.mode.kind === 'fail') {
      if (!this.mode.until || this.mode.until()) {
        const status = this.mode.status;
        return send(res, status, {
          status_code: status,
          errors: [
            { error: status === 429 ? 'RateLimitError' : 'Exception', message: 'Fake outage' },
          ],
        });
      }
      this.mode = { kind: 'ok' };
    }

    const url = new URL(req.url ?? '/', this.url);
    const send_ = /^\/v2\/notifications\/(email|sms)$/.exec(url.pathname);
    if (req.method === 'POST' && send_) {
      const type = send_[1] as 'email' | 'sms';
      const problem = checkSend(type, body);
      if (problem) return refuse(400, 'BadRequestError', problem);
      const payload = body as Record<string, unknown>;
      const r: Received = {
        id: randomUUID(),
        type,
        to: String(type === 'email' ? payload.email_address : payload.phone_number),
        reference: (payload.reference as string | undefined) ?? null,
        personalisation: payload.personalisation as Record<string, string>,
        status: 'created',
      };
      this.received.push(r);
      if (this.mode.kind === 'hang') {
        this.mode = { kind: 'ok' };
        this.hanging.push(res);
        return;
      }
      return send(res, 201, {
        id: r.id,
        reference: r.reference,
        content: r.personalisation,
        uri: `${this.url}/v2/notifications/${r.id}`,
        template: { id: payload.template_id, version: 1, uri: `${this.url}/v2/template/x` },
      });
    }
    if (req.method === 'GET' && url.pathname === '/v2/notifications') {
      const reference = url.searchParams.get('reference');
      const type = url.searchParams.get('template_type');
      const found = this.received.filter(
        (r) => (!reference || r.reference === reference) && (!type || r.type === type),
      );
      return send(res, 200, { notifications: found.map(asNotification), links: {} });
    }
    const one = /^\/v2\/notifications\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const r = this.received.find((x) => x.id === one[1]);
      if (!r) return refuse(404, 'NoResultFound', 'No result found');
      r.status = this.statusFor(r);
      return send(res, 200, asNotification(r));
    }
    return refuse(404, 'NotFound', `No route ${req.method} ${url.pathname}`);
  }
}

function asNotification(r: Received) {
  return {
    id: r.id,
    reference: r.reference,
    type: r.type,
    status: r.status,
    ...(r.type === 'email' ? { email_address: r.to } : { phone_number: r.to }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

const b64url = (buf: Buffer) => buf.toString('base64url');

/** Notify's check: `Bearer <JWT>`, HS256 with the key's secret, iss = service id, fresh iat. */
function checkJwt(header: string | undefined): string | undefined {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  if (!token) return 'Unauthorized: authentication token must be provided';
  const [h, p, signature] = token.split('.');
  if (!h || !p || !signature) return 'Invalid token: not a JWT';
  const headerJson = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
  if (headerJson.alg !== 'HS256') return 'Invalid token: algorithm must be HS256';
  const expected = createHmac('sha256', FAKE_SECRET).update(`${h}.${p}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return `Invalid token: API key not found (signature ${b64url(given).slice(0, 6)}…)`;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as {
    iss?: string;
    iat?: number;
  };
  if (claims.iss !== FAKE_SERVICE_ID) return 'Invalid token: service id not found';
  if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > 30)
    return 'Error: Your system clock must be accurate to within 30 seconds';
  return undefined;
}

/** A send's body as Notify would validate it against Linkway's two generic templates. */
function checkSend(type: 'email' | 'sms', body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'The body must be JSON';
  const b = body as Record<string, unknown>;
  const template = type === 'email' ? EMAIL_TEMPLATE_ID : SMS_TEMPLATE_ID;
  if (b.template_id !== template)
    return `template_id ${String(b.template_id)} is not a ${type} template`;
  const keys = Object.keys((b.personalisation as object | undefined) ?? {}).sort();
  const wanted = type === 'email' ? ['body', 'subject'] : ['body'];
  if (keys.join() !== wanted.join())
    return `Missing personalisation: the template needs ${wanted.join(', ')}, got ${keys.join(', ') || 'none'}`;
  const values = Object.values(b.personalisation as Record<string, unknown>);
  if (values.some((v) => typeof v !== 'string' || v.length === 0))
    return 'Personalisation values must be non-empty text';
  if (type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(b.email_address)))
    return 'email_address Not a valid email address';
  if (type === 'sms' && !/^(\+447|07)\d{9}$/.test(String(b.phone_number)))
    return 'phone_number Not a UK mobile number';
  if (b.reference !== undefined && typeof b.reference !== 'string') return 'reference must be text';
  return undefined;
}
