import { OutboxWorker } from '../../src/notifications/outbox.worker';
import {
  EMAIL_TEMPLATE_ID,
  FAKE_API_KEY,
  FakeNotify,
  SMS_TEMPLATE_ID,
} from '../support/fake-notify';
import { minimalReferralBody } from '../support/referrals-factory';
import { TestContext, type TestUser } from '../support/test-app';
import { AppInstance } from './support/app-instance';

const REFERRALS = 80;
const CLIENTS = 8;

/**
 * Two Linkway instances on one database, both delivering the outbox to (a fake) GOV.UK Notify
 * while referrals keep arriving at both: every message is sent exactly once.
 */
describe('reliability: two instances deliver each message once', () => {
  let ctx: TestContext;
  let other: AppInstance;
  let notify: FakeNotify;
  let referrer: TestUser;

  beforeAll(async () => {
    notify = await FakeNotify.start();
    ctx = await TestContext.create({
      RATE_LIMIT_PER_MINUTE: '100000',
      NOTIFY_API_KEY: FAKE_API_KEY,
      NOTIFY_BASE_URL: notify.url,
      NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE_ID,
      NOTIFY_SMS_TEMPLATE_ID: SMS_TEMPLATE_ID,
    });
    other = await AppInstance.start({});
    referrer = await ctx.newUser('referrer');
  }, 60_000);
  afterAll(async () => {
    await other.close();
    await ctx.close();
    await notify.close();
  });

  it('sends every message once while both instances take referrals and deliver', async () => {
    const workers = [ctx.app.get(OutboxWorker), other.app.get(OutboxWorker)];
    const instances = [() => ctx.http, () => other.http];
    let arriving = true;
    const sentBy = [0, 0];
    const deliveryLoops = workers.map(async (worker, w) => {
      for (;;) {
        const run = await worker.deliverDue(new Date(), 5);
        sentBy[w] += run.sent;
        if (!arriving && run.claimed === 0) return;
        if (run.claimed === 0) await new Promise((r) => setTimeout(r, 5));
      }
    });
    // Eight clients, each sending its referrals one after another, alternating instances.
    const responses = (
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          const answers = [];
          for (let i = c; i < REFERRALS; i += CLIENTS)
            answers.push(
              await instances[i % 2]()
                .post('/api/referrals')
                .set('Authorization', referrer.auth)
                .send(minimalReferralBody(`Twice${i}`)),
            );
          return answers;
        }),
      )
    ).flat();
    arriving = false;
    await Promise.all(deliveryLoops);

    expect(responses.filter((r) => r.status !== 201).map((r) => r.status)).toEqual([]);
    const { rows } = await ctx.db.query<{ id: string; status: string; attempts: number }>(
      `SELECT id, status, attempts FROM notification_outbox WHERE event = 'referral.received'`,
    );
    expect(rows).toHaveLength(REFERRALS);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    const references = notify.received.map((r) => r.reference);
    expect(new Set(references).size).toBe(references.length);
    expect(references.sort()).toEqual(rows.map((r) => r.id).sort());
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    // Both instances did part of the work.
    expect(sentBy[0]).toBeGreaterThan(0);
    expect(sentBy[1]).toBeGreaterThan(0);
    expect(sentBy[0] + sentBy[1]).toBe(REFERRALS);
    expect(notify.rejected).toEqual([]);
  });
});
