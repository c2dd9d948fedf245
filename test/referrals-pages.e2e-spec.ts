import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { TestContext, TEST_PASSWORD, type TestUser } from './support/test-app';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

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

  async function signIn(user: TestUser): Promise<TestAgent> {
    const agent = request.agent(ctx.app.getHttpServer());
    const page = await agent.get('/login').expect(200);
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: user.email, password: TEST_PASSWORD })
      .expect(303);
    return agent;
  }

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

  it('takes a self-referral from the public form', async () => {
    const agent = request.agent(ctx.app.getHttpServer());
    const form = await agent.get('/self-referral').expect(200);
    const sent = await agent
      .post('/self-referral')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        'person.givenName': 'Yonas',
        reasons: 'language',
        'consent.referralDiscussed': 'true',
        website: '',
      })
      .expect(200);
    expect(sent.text).toMatch(/LW-\d{4}-\d{6}/);
    const { rows } = await ctx.db.query(
      "SELECT count(*)::int AS n FROM referral WHERE channel = 'self'",
    );
    expect(rows[0].n).toBe(1);
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
});
