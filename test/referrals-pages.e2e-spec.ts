import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { storedPerson } from './support/casework-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { createReferral } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

describe('Referral pages', () => {
  let ctx: TestContext;
  let referrer: TestUser;
  let linkWorker: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    referrer = await ctx.newUser('referrer');
    linkWorker = await ctx.newUser('link_worker');
  });
  afterAll(() => ctx.close());

  const signIn = (user: TestUser): Promise<TestAgent> => signInAgent(ctx, user);

  it('lets a referrer send a referral, keeping values and listing errors when it is wrong', async () => {
    const agent = await signIn(referrer);
    const form = await agent.get('/referrals/new').expect(200);
    expect(form.text).toContain('name="_csrf"');
    const csrf = csrfOf(form.text);

    const before = await ctx.snapshot();
    const bad = await agent
      .post('/referrals/new')
      .type('form')
      .send({
        _csrf: csrf,
        channel: 'gp_practice',
        'person.givenName': '',
        'person.familyName': 'Keepme',
      })
      .expect(422);
    expect(bad.text).toContain('govuk-error-summary');
    expect(bad.text).toContain('href="#person-givenName"');
    expect(bad.text).toContain('href="#reasons"');
    expect(bad.text).toContain('value="Keepme"');
    expect(await ctx.snapshot()).toEqual(before);

    const sent = await agent
      .post('/referrals/new')
      .type('form')
      .send({
        _csrf: csrf,
        channel: 'gp_practice',
        'person.givenName': 'Layla',
        'person.dateOfBirth-day': '2',
        'person.dateOfBirth-month': '4',
        'person.dateOfBirth-year': '1990',
        'person.interpreterNeeded': 'yes',
        reasons: ['food', 'social_connection'],
        'consent.referralDiscussed': 'true',
      })
      .expect(303);
    expect(sent.headers.location).toBe('/referrals/mine');
    const mine = await agent.get('/referrals/mine').expect(200);
    expect(mine.text).toMatch(/LW-\d{4}-\d{6}/);
    expect(mine.text).toContain('Received');
    expect(mine.text).not.toContain('Layla');
  });

  it('refuses a form without its CSRF token', async () => {
    const agent = await signIn(referrer);
    await agent
      .post('/referrals/new')
      .type('form')
      .send({
        channel: 'gp_practice',
        'person.givenName': 'X',
        reasons: 'food',
        'consent.referralDiscussed': 'true',
      })
      .expect(403);
  });

  describe('the public self-referral, one question per page', () => {
    type Agent = ReturnType<typeof request.agent>;
    const selfReferrals = async () =>
      (await ctx.db.query("SELECT count(*)::int AS n FROM referral WHERE channel = 'self'")).rows[0]
        .n as number;
    /** Opens a question page and posts the answer; a 303 must lead to `next`. */
    async function answer(
      agent: Agent,
      step: string,
      fields: Record<string, unknown>,
      status: 303 | 422 = 303,
      next?: string,
    ) {
      const page = await agent.get(`/self-referral/${step}`).expect(200);
      const res = await agent
        .post(`/self-referral/${step}`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), ...fields })
        .expect(status);
      if (next) expect(res.headers.location).toBe(next);
      return res;
    }

    it('walks from the start page through each question to check answers, then sends', async () => {
      const agent = request.agent(ctx.app.getHttpServer());
      // The first page asks for the language; English is one of the choices.
      const picker = await agent.get('/self-referral').expect(200);
      expect(picker.text).toMatch(
        /href="\/self-referral\?lang(=|&#x3D;)en" hreflang="en" lang="en" dir="ltr">English</,
      );
      const start = await agent.get('/self-referral?lang=en').expect(200);
      expect(start.text).toContain('href="/self-referral/name"');
      expect(start.text).toContain('Start now');
      const before = await selfReferrals();

      const noName = await answer(agent, 'name', { 'person.givenName': ' ' }, 422);
      expect(noName.text).toContain('govuk-error-summary');
      expect(noName.text).toContain('href="#person-givenName">Enter your first name');
      expect((await answer(agent, 'name', { 'person.givenName': 'Yonas' })).headers.location).toBe(
        '/self-referral/contact',
      );
      const badEmail = await answer(
        agent,
        'contact',
        {
          'person.email': 'not-an-email',
          'person.phone': '07700 900123',
        },
        422,
      );
      expect(badEmail.text).toContain('href="#person-email"');
      expect(badEmail.text).toContain('value="07700 900123"');
      await answer(
        agent,
        'contact',
        {
          'person.phone': '07700 900123',
          'person.preferredContact': 'phone',
        },
        303,
        '/self-referral/language',
      );
      await answer(
        agent,
        'language',
        {
          'person.preferredLanguage': 'ti',
          'person.interpreterNeeded': 'yes',
        },
        303,
        '/self-referral/help',
      );
      const noReason = await answer(agent, 'help', {}, 422);
      expect(noReason.text).toContain('Choose at least one thing you would like help with');
      await answer(
        agent,
        'help',
        { reasons: ['language', 'social_connection'] },
        303,
        '/self-referral/consent',
      );
      const noConsent = await answer(agent, 'consent', {}, 422);
      expect(noConsent.text).toContain('Confirm that you agree to be contacted by a link worker');
      await answer(
        agent,
        'consent',
        { 'consent.referralDiscussed': 'true' },
        303,
        '/self-referral/check',
      );
      expect(await selfReferrals()).toBe(before);
      // The answers wait in the session table sealed, not readable in a dump.
      const { rows: sessions } = await ctx.db.query(
        `SELECT sess::text AS sess FROM session WHERE sess::text LIKE '%selfReferral%'`,
      );
      expect(sessions.length).toBeGreaterThan(0);
      for (const { sess } of sessions as { sess: string }[]) {
        expect(sess).not.toContain('Yonas');
        expect(sess).not.toContain('900123');
        expect(sess).not.toContain('social_connection');
      }

      const check = await agent.get('/self-referral/check').expect(200);
      expect(check.text).toContain('Yonas');
      expect(check.text).toContain('Tigrinya');
      expect(check.text).toContain('Social connection');
      // Handlebars writes "=" in an attribute as "&#x3D;", which browsers read back as "=".
      expect(check.text).toMatch(/href="\/self-referral\/name\?change(=|&#x3D;)true"/);

      // A change goes back to the check page, not on through the questions.
      const changed = await agent.get('/self-referral/name?change=true').expect(200);
      expect(changed.text).toContain('value="Yonas"');
      expect(changed.text).toContain('href="/self-referral/check"');
      await agent
        .post('/self-referral/name')
        .type('form')
        .send({ _csrf: csrfOf(changed.text), 'person.givenName': 'Yonatan', change: 'true' })
        .expect(303)
        .expect('Location', '/self-referral/check');

      const sent = await agent
        .post('/self-referral/check')
        .type('form')
        .send({ _csrf: csrfOf(check.text), website: '' })
        .expect(303)
        .expect('Location', '/self-referral/sent');
      expect(sent.text).not.toContain('Yonatan');
      const confirmation = await agent.get('/self-referral/sent').expect(200);
      const reference = /LW-\d{4}-\d{6}/.exec(confirmation.text)?.[0];
      expect(reference).toBeDefined();
      expect(await selfReferrals()).toBe(before + 1);
      const { rows: stored } = await ctx.db.query(
        `SELECT r.channel, r.reasons, r.person_id FROM referral r WHERE r.reference = $1`,
        [reference],
      );
      const rows = [{ ...stored[0], ...(await storedPerson(ctx, stored[0].person_id as string)) }];
      expect(rows[0]).toMatchObject({
        channel: 'self',
        given_name: 'Yonatan',
        preferred_language: 'ti',
        interpreter_needed: true,
      });
      // The answers left the session: starting again shows an empty form.
      const again = await agent.get('/self-referral/name').expect(200);
      expect(again.text).not.toContain('Yonatan');
      await agent.get('/self-referral/check').expect(303).expect('Location', '/self-referral/name');
    });

    it('sends nothing when a required answer is missing, the honeypot is filled or the CSRF token is absent', async () => {
      const agent = request.agent(ctx.app.getHttpServer());
      await answer(agent, 'name', { 'person.givenName': 'Mariam' }, 303);
      const early = await agent.get('/self-referral/check').expect(303);
      expect(early.headers.location).toBe('/self-referral/help');
      await answer(agent, 'help', { reasons: 'food' }, 303);
      await answer(agent, 'consent', { 'consent.referralDiscussed': 'true' }, 303);
      const check = await agent.get('/self-referral/check').expect(200);
      const before = await ctx.snapshot();

      const bot = await agent
        .post('/self-referral/check')
        .type('form')
        .send({ _csrf: csrfOf(check.text), website: 'http://spam.example' })
        .expect(422);
      expect(bot.text).toContain('govuk-error-summary');
      await agent.post('/self-referral/check').type('form').send({ website: '' }).expect(403);
      expect(await ctx.snapshot()).toEqual(before);
      await agent.get('/self-referral/nonsense').expect(404);
      await request(ctx.app.getHttpServer()).get('/self-referral/sent').expect(303);
    });
  });

  it('gives link workers an inbox to assign, contact and accept from', async () => {
    const agent = await signIn(linkWorker);
    const inbox = await agent.get('/referrals').expect(200);
    expect(inbox.text).toContain('Layla');
    const id = /href="\/referrals\/([0-9a-f-]{36})">Layla/.exec(inbox.text)?.[1];
    expect(id).toBeDefined();
    const csrf = csrfOf(inbox.text);

    await agent.post(`/referrals/${id}/assign`).type('form').send({ _csrf: csrf }).expect(303);
    await agent
      .post(`/referrals/${id}/contact-attempts`)
      .type('form')
      .send({ _csrf: csrf, method: 'phone', outcome: 'reached' })
      .expect(303);
    await agent.post(`/referrals/${id}/accept`).type('form').send({ _csrf: csrf }).expect(303);
    const detail = await agent.get(`/referrals/${id}`).expect(200);
    expect(detail.text).toContain('Referral accepted');
    expect(detail.text).toContain('Accepted');

    const letter = await agent.get(`/referrals/${id}/letter`).expect(200);
    expect(letter.text).toContain('Dear Layla');
  });

  it('shows a referral’s page again when an action on it is incomplete or refused', async () => {
    const { id, reference } = await createReferral(ctx, referrer, {
      person: { givenName: 'Nour' },
    });
    const agent = await signIn(linkWorker);
    const page = await agent.get(`/referrals/${id}`).expect(200);
    const csrf = csrfOf(page.text);
    const before = await ctx.snapshot();

    const noReason = await agent
      .post(`/referrals/${id}/decline`)
      .type('form')
      .send({ _csrf: csrf, note: 'Moved out of area' })
      .expect(422);
    expect(noReason.text).toContain('govuk-error-summary');
    expect(noReason.text).toContain('href="#reason">Choose why the referral is declined');
    expect(noReason.text).toContain('id="reason-error"');
    expect(noReason.text).toMatch(/id="declineNote"[^>]*>Moved out of area</);
    expect(noReason.text).toContain(`Referral ${reference}`);

    const unassigned = await agent
      .post(`/referrals/${id}/accept`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(409);
    expect(unassigned.text).toContain('govuk-error-summary');
    expect(unassigned.text).toContain('Assign the referral to a link worker first');
    expect(await ctx.snapshot()).toEqual(before);

    await agent
      .post('/referrals/6f1c1a5e-0000-4000-8000-000000000000/decline')
      .type('form')
      .send({ _csrf: csrf, reason: 'not_appropriate' })
      .expect(404);
  });
});
