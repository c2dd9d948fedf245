import { csrfOf, signInAgent } from './support/page-session';
import { assignReferral, createReferral } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

/** The notification pages: the admin's outbox, email choices and a person's consent to texts. */
describe('notification pages', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let referrer: TestUser;
  let lw: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create({ SMS_CONTACT_PHONE: '0115 496 0000' });
    admin = await ctx.newUser('admin');
    referrer = await ctx.newUser('referrer');
    lw = await ctx.newUser('link_worker');
  }, 60_000);
  afterAll(() => ctx.close());

  it('lists the outbox by status with addresses masked, and sends a failed message again', async () => {
    const referral = await createReferral(ctx, referrer);
    const { rows } = await ctx.db.query<{ id: string }>(
      `UPDATE notification_outbox SET status = 'permanent_failure', attempts = 3,
              last_error = 'Notify answered 400: BadRequestError: email_address Not a valid email address'
        WHERE event = 'referral.received' AND body LIKE $1 RETURNING id`,
      [`%${referral.reference}%`],
    );
    const id = rows[0].id;
    const agent = await signInAgent(ctx, admin);

    const list = await agent.get('/admin/notifications?status=permanent_failure').expect(200);
    expect(list.text).toContain('Failed permanently');
    expect(list.text).toContain(`/admin/notifications/${id}`);
    expect(list.text).toContain('r•••@test.example');
    expect(list.text).not.toContain(referrer.email);
    const queued = await agent.get('/admin/notifications?status=queued').expect(200);
    expect(queued.text).not.toContain(`/admin/notifications/${id}`);

    const page = await agent.get(`/admin/notifications/${id}`).expect(200);
    expect(page.text).toContain('Send it again');
    expect(page.text).toContain('Not a valid email address');
    const wrong = await agent
      .post(`/admin/notifications/${id}/retry`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), address: 'practice at gp' })
      .expect(422);
    expect(wrong.text).toContain('govuk-error-summary');
    expect(wrong.text).toContain('must be an email address, like name@example.org');
    expect(
      (await ctx.db.query('SELECT status FROM notification_outbox WHERE id = $1', [id])).rows[0]
        .status,
    ).toBe('permanent_failure');

    const done = await agent
      .post(`/admin/notifications/${id}/retry`)
      .type('form')
      .send({ _csrf: csrfOf(wrong.text), address: 'practice@gp.example' })
      .expect(303);
    expect(done.headers.location).toBe(`/admin/notifications/${id}`);
    const after = await agent.get(`/admin/notifications/${id}`).expect(200);
    expect(after.text).toContain('The message is queued to be sent again.');
    expect(after.text).toContain('p•••@gp.example');
    expect(after.text).not.toContain('Send it again');
  });

  it('keeps a user’s email choice and their organisation’s, asking again when none is picked', async () => {
    const agent = await signInAgent(ctx, referrer);
    const page = await agent.get('/notifications/preferences').expect(200);
    expect(page.text).toContain('How should your organisation get emails?');
    const none = await agent
      .post('/notifications/preferences')
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(422);
    expect(none.text).toContain('Select how you want to get emails');
    await agent
      .post('/notifications/preferences/organisation')
      .type('form')
      .send({ _csrf: csrfOf(none.text), orgEmail: 'daily_digest' })
      .expect(303);
    await agent
      .post('/notifications/preferences')
      .type('form')
      .send({ _csrf: csrfOf(none.text), email: 'off' })
      .expect(303);
    const { rows } = await ctx.db.query(
      `SELECT user_id, organisation_id, email_enabled, frequency FROM notification_preference
        WHERE user_id = $1 OR organisation_id = $2 ORDER BY user_id NULLS LAST`,
      [referrer.id, referrer.organisationId],
    );
    expect(rows).toEqual([
      {
        user_id: referrer.id,
        organisation_id: null,
        email_enabled: false,
        frequency: 'each_event',
      },
      {
        user_id: null,
        organisation_id: referrer.organisationId,
        email_enabled: true,
        frequency: 'daily_digest',
      },
    ]);
  });

  it('records a person’s consent to texts with its date, refuses a bad date, and withdraws it', async () => {
    const referral = await createReferral(ctx, referrer, { person: { phone: '07700 900555' } });
    await assignReferral(ctx, admin, referral.id, lw.id).expect(200);
    const { body } = await ctx.http
      .post(`/api/referrals/${referral.id}/accept`)
      .set('Authorization', lw.auth)
      .expect(201);
    const url = `/cases/${body.caseId}/text-messages`;
    const agent = await signInAgent(ctx, lw);
    const page = await agent.get(url).expect(200);
    expect(page.text).toContain('Not asked yet');
    expect(page.text).toContain('•••••••555');

    const bad = await agent
      .post(url)
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        'agreedOn-day': '31',
        'agreedOn-month': '2',
        'agreedOn-year': '2026',
      })
      .expect(422);
    expect(bad.text).toContain('govuk-error-summary');
    expect(bad.text).toContain('href="#agreedOn-day"');
    expect(await ctx.count('text_message_consent')).toBe(0);

    await agent
      .post(url)
      .type('form')
      .send({
        _csrf: csrfOf(bad.text),
        'agreedOn-day': '3',
        'agreedOn-month': '2',
        'agreedOn-year': '2026',
      })
      .expect(303);
    const agreed = await agent.get(url).expect(200);
    expect(agreed.text).toContain('Yes, on 3 February 2026');

    await agent
      .post(`${url}/withdraw`)
      .type('form')
      .send({ _csrf: csrfOf(agreed.text) })
      .expect(303);
    const withdrawn = await agent.get(url).expect(200);
    expect(withdrawn.text).toContain('No: withdrawn on');
    expect(withdrawn.text).toContain('Record their consent');

    const other = await signInAgent(ctx, await ctx.newUser('link_worker'));
    await other.get(url).expect(404);
  });
});
