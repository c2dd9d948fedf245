import { referralBody, uniquePerson } from './support/referrals-factory';
import { TestContext } from './support/test-app';

/** Self-referrals are throttled per client (10 a minute), so this file keeps to a few requests. */
describe('POST /api/self-referrals (contract: "Referrals")', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  const selfBody = (extra: Record<string, unknown> = {}) => {
    const body = referralBody({ person: uniquePerson('Self') });
    delete body.channel;
    delete body.referrerName;
    delete body.referrerContact;
    return { ...body, ...extra };
  };

  it('takes a referral from anyone, without signing in, on the self channel', async () => {
    const res = await ctx.http
      .post('/api/self-referrals')
      .send(selfBody({ website: '' }))
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'received',
      reference: expect.stringMatching(/^LW-/),
    });
    const { rows } = await ctx.db.query(
      'SELECT channel, organisation_id, created_by_id, consent_recorded_by_id FROM referral WHERE id = $1',
      [res.body.id],
    );
    expect(rows[0]).toEqual({
      channel: 'self',
      organisation_id: null,
      created_by_id: null,
      consent_recorded_by_id: null,
    });
  });

  it('refuses a filled honeypot, a channel, or no consent with 422, storing nothing', async () => {
    const before = await ctx.snapshot();
    const spam = await ctx.http
      .post('/api/self-referrals')
      .send(selfBody({ website: 'http://spam.example' }))
      .expect(422);
    expect(spam.body.code).toBe('rejected_as_automated');
    await ctx.http
      .post('/api/self-referrals')
      .send(selfBody({ channel: 'gp_practice' }))
      .expect(422);
    await ctx.http
      .post('/api/self-referrals')
      .send(selfBody({ consent: { referralDiscussed: false } }))
      .expect(422);
    expect(await ctx.snapshot()).toEqual(before);
  });

  it('honours Idempotency-Key for the same client', async () => {
    const body = selfBody();
    const first = await ctx.http
      .post('/api/self-referrals')
      .set('Idempotency-Key', 'self-1')
      .send(body)
      .expect(201);
    const again = await ctx.http
      .post('/api/self-referrals')
      .set('Idempotency-Key', 'self-1')
      .send(body)
      .expect(201);
    expect(again.body).toEqual(first.body);
  });

  it('throttles a client that keeps sending (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await ctx.http.post('/api/self-referrals').send({})).status);
    }
    expect(statuses).toContain(429);
  });
});
