import { randomUUID } from 'node:crypto';
import { minimalReferralBody } from '../support/referrals-factory';
import { TestContext, type TestUser } from '../support/test-app';
import { ServerProcess } from './support/server-process';

interface Attempt {
  key: string;
  body: Record<string, unknown>;
  /** The referral id when the server acknowledged it with 201; undefined when it never answered. */
  acknowledgedId?: string;
}

const CLIENTS = 4;
const ACKNOWLEDGED_BEFORE_KILL = 40;

/**
 * The real server, under a steady intake of referrals, is killed with SIGKILL and started again.
 * Whatever was acknowledged must be there; nothing may be half-made; retries must not double.
 */
describe('reliability: a crash under intake load', () => {
  let ctx: TestContext;
  let referrer: TestUser;
  let serverEnv: Record<string, string>;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
    // The child servers use this test file's database and secrets (the encryption key).
    serverEnv = { DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: process.env.DATA_DIR! };
    referrer = await ctx.newUser('referrer');
  }, 60_000);

  afterAll(async () => {
    for (const s of servers) await s.kill();
    await ctx.close();
  });

  async function start(): Promise<ServerProcess> {
    const server = await ServerProcess.start(serverEnv);
    servers.push(server);
    return server;
  }

  function post(server: ServerProcess, attempt: Attempt): Promise<Response> {
    return fetch(`${server.url}/api/referrals`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: referrer.auth,
        'idempotency-key': attempt.key,
      },
      body: JSON.stringify(attempt.body),
      signal: AbortSignal.timeout(30_000),
    });
  }

  /** Clients that send referrals one after another until told to stop. */
  function intakeLoad(server: ServerProcess, attempts: Attempt[]) {
    let stopped = false;
    const client = async (c: number) => {
      for (let i = 0; !stopped; i++) {
        const attempt: Attempt = {
          key: randomUUID(),
          body: minimalReferralBody(`Crash${c}x${i}`),
        };
        attempts.push(attempt);
        try {
          const res = await post(server, attempt);
          if (res.status === 201)
            attempt.acknowledgedId = ((await res.json()) as { id: string }).id;
        } catch {
          // The server died mid-request: this attempt's outcome is unknown to the client.
        }
      }
    };
    const running = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    return {
      stop: async () => {
        stopped = true;
        await running;
      },
    };
  }

  it('keeps every acknowledged referral, leaves nothing half-made, and lets clients retry safely', async () => {
    const first = await start();
    const attempts: Attempt[] = [];
    const load = intakeLoad(first, attempts);
    while (attempts.filter((a) => a.acknowledgedId).length < ACKNOWLEDGED_BEFORE_KILL)
      await new Promise((r) => setTimeout(r, 20));
    await first.kill();
    await load.stop();

    const acknowledged = attempts.filter((a) => a.acknowledgedId);
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
    // A kill under load catches requests in flight: those clients never got an answer.
    expect(attempts.length).toBeGreaterThan(acknowledged.length);

    const second = await start();

    // Every acknowledged referral survived, readable through the API as before.
    const { rows: stored } = await ctx.db.query<{ id: string }>('SELECT id FROM referral');
    const storedIds = new Set(stored.map((r) => r.id));
    expect(acknowledged.filter((a) => !storedIds.has(a.acknowledgedId!))).toEqual([]);
    for (const a of acknowledged.slice(0, 5)) {
      const res = await fetch(`${second.url}/api/referrals/${a.acknowledgedId}`, {
        headers: { authorization: referrer.auth },
      });
      expect(res.status).toBe(200);
    }

    await expectNothingHalfMade();

    // Clients retry everything that they sent, with the same key: an acknowledged referral
    // comes back unchanged, an unanswered one is created at most once.
    for (const a of attempts) {
      const res = await post(second, a);
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      if (a.acknowledgedId) expect(id).toBe(a.acknowledgedId);
    }
    expect(await ctx.count('referral')).toBe(attempts.length);
    expect(await ctx.count('referral_idempotency_key')).toBe(attempts.length);
    await expectNothingHalfMade();
    await second.stop();
  }, 300_000);

  /** Each referral with its person, its idempotency record and its audit entry, or none of them. */
  async function expectNothingHalfMade(): Promise<void> {
    const { rows } = await ctx.db.query<Record<string, number>>(`
      SELECT
        (SELECT count(*)::int FROM referral r LEFT JOIN person p ON p.id = r.person_id
          WHERE p.id IS NULL) AS referrals_without_person,
        (SELECT count(*)::int FROM person p
          WHERE NOT EXISTS (SELECT 1 FROM referral r WHERE r.person_id = p.id)) AS people_without_referral,
        (SELECT count(*)::int FROM referral_idempotency_key k LEFT JOIN referral r ON r.id = k.referral_id
          WHERE r.id IS NULL OR k.response_body->>'id' <> r.id::text
             OR k.response_body->>'reference' <> r.reference) AS keys_not_matching_a_referral,
        (SELECT count(*)::int FROM referral r
          WHERE NOT EXISTS (SELECT 1 FROM referral_idempotency_key k WHERE k.referral_id = r.id)) AS referrals_without_key,
        (SELECT count(*)::int FROM referral r
          WHERE (SELECT count(*) FROM audit_event a
                  WHERE a.entity = 'referral' AND a.action = 'create' AND a.entity_id = r.id) <> 1
        ) AS referrals_without_one_audit_entry`);
    expect(rows[0]).toEqual({
      referrals_without_person: 0,
      people_without_referral: 0,
      keys_not_matching_a_referral: 0,
      referrals_without_key: 0,
      referrals_without_one_audit_entry: 0,
    });
  }
});
