import {
  EMAIL_TEMPLATE_ID,
  FAKE_API_KEY,
  FakeNotify,
  SMS_TEMPLATE_ID,
} from '../support/fake-notify';
import { createReferral } from '../support/referrals-factory';
import { TestContext, type TestUser } from '../support/test-app';
import { ServerProcess } from './support/server-process';

/**
 * The real server's outbox worker is killed (SIGKILL) while Notify holds its request: Notify
 * has the message but the worker never heard back. On restart the message is sent, once.
 */
describe('reliability: the outbox worker killed mid-send', () => {
  let ctx: TestContext;
  let notify: FakeNotify;
  let referrer: TestUser;
  let serverEnv: Record<string, string>;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    notify = await FakeNotify.start();
    const notifyEnv = {
      NOTIFY_API_KEY: FAKE_API_KEY,
      NOTIFY_BASE_URL: notify.url,
      NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE_ID,
      NOTIFY_SMS_TEMPLATE_ID: SMS_TEMPLATE_ID,
    };
    ctx = await TestContext.create(notifyEnv);
    serverEnv = {
      ...notifyEnv,
      DATABASE_URL: process.env.DATABASE_URL!,
      DATA_DIR: process.env.DATA_DIR!,
      NOTIFICATIONS_WORKER_ENABLED: 'true',
      NOTIFICATIONS_POLL_MS: '100',
      // A crashed worker's claim runs out after 2 seconds.
      NOTIFICATIONS_CLAIM_SECONDS: '2',
    };
    referrer = await ctx.newUser('referrer');
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) await s.kill();
    await ctx.close();
    await notify.close();
  });

  async function start(): Promise<ServerProcess> {
    const server = await ServerProcess.start(serverEnv);
    servers.push(server);
    return server;
  }
  async function until(what: string, done: () => Promise<boolean> | boolean, ms = 60_000) {
    const deadline = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const rowOf = async (reference: string) =>
    (
      await ctx.db.query<{
        id: string;
        status: string;
        attempts: number;
        provider_id: string | null;
      }>(
        `SELECT id, status, attempts, provider_id FROM notification_outbox
          WHERE event = 'referral.received' AND body LIKE $1`,
        [`%${reference}%`],
      )
    ).rows[0];

  it('sends the message once after a restart, recording the send Notify already had', async () => {
    const first = await createReferral(ctx, referrer);
    const message = await rowOf(first.reference);
    notify.hangAfterAccepting();

    const server = await start();
    await until('Notify has the message', () => notify.byReference(message.id).length > 0);
    await server.kill();
    expect(await rowOf(first.reference)).toMatchObject({ status: 'queued', attempts: 1 });

    // While the server is down, another referral queues a message of its own.
    const second = await createReferral(ctx, referrer);
    const next = await rowOf(second.reference);

    await start();
    // Sent, and soon delivered: the restarted worker also looks up delivery status.
    const gone = (status: string) => status === 'sent' || status === 'delivered';
    await until('both are sent', async () =>
      [await rowOf(first.reference), await rowOf(second.reference)].every((r) => gone(r.status)),
    );
    const [accepted] = notify.byReference(message.id);
    expect(notify.byReference(message.id)).toHaveLength(1);
    expect(await rowOf(first.reference)).toMatchObject({ attempts: 2, provider_id: accepted.id });
    expect(notify.byReference(next.id)).toHaveLength(1);
    expect(notify.rejected).toEqual([]);
  }, 240_000);
});
