import { newCase, storedPerson } from './support/casework-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { referralBody, uniquePerson } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

/** The merge review page: side by side, radios where the records differ, merge or dismiss. */
describe('person merge pages', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let worker: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    worker = await ctx.newUser('link_worker');
  });
  afterAll(() => ctx.close());

  const pair = async (holderOfSecond: TestUser = worker) => {
    const a = await newCase(ctx, worker, {
      person: { givenName: 'Mulu', familyName: 'Tesfaye', phone: '07700 900321' },
    });
    const b = await newCase(ctx, holderOfSecond, {
      person: { givenName: 'Muluu', familyName: 'Tesfaye', phone: null },
    });
    return { merged: a.personId, into: b.personId };
  };

  it('shows both records side by side with GOV.UK radios where they differ, and merges as chosen', async () => {
    const { merged, into } = await pair();
    const agent = await signInAgent(ctx, worker);
    const page = await agent.get(`/people/${merged}/merge?into=${into}`).expect(200);
    expect(page.text).toContain('Are these the same person?');
    expect(page.text).toContain('Mulu');
    expect(page.text).toContain('Muluu');
    expect(page.text).toMatch(/class="govuk-radios__input"[^>]*name="keep.givenName"/);
    expect(page.text).not.toMatch(/name="keep.familyName"/); // the same in both

    const done = await agent
      .post(`/people/${merged}/merge`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), intoPersonId: into, 'keep.givenName': 'merged' })
      .expect(303);
    expect(done.headers.location).toBe('/cases');
    const kept = await storedPerson(ctx, into);
    expect(kept).toMatchObject({ given_name: 'Mulu', phone: '07700 900321' });
    await agent.get(`/people/${merged}/merge?into=${into}`).expect(404);
  });

  it('shows words, not codes: languages, countries, statuses and dates as a reviewer reads them', async () => {
    const a = await newCase(ctx, worker, {
      person: { givenName: 'Hawa', preferredLanguage: 'so', dateOfBirth: '1990-04-02' },
    });
    const b = await newCase(ctx, worker, {
      person: { givenName: 'Hawa', preferredLanguage: 'ti', dateOfBirth: '1990-04-02' },
    });
    const agent = await signInAgent(ctx, worker);
    const page = await agent.get(`/people/${a.personId}/merge?into=${b.personId}`).expect(200);
    expect(page.text).toContain('Somali (the record merged into it)');
    expect(page.text).toContain('Tigrinya (the record kept)');
    expect(page.text).toContain('2 April 1990');
    expect(page.text).not.toMatch(/>\s*(so|ti)\s*</);
    // Every row says which detail it is.
    expect(page.text).toMatch(/<th scope="row" class="govuk-table__header">Preferred language/);
  });

  it('shows the error summary for a bad choice and changes nothing', async () => {
    const { merged, into } = await pair();
    const agent = await signInAgent(ctx, admin);
    const page = await agent.get(`/people/${merged}/merge?into=${into}`).expect(200);
    const before = await ctx.snapshot();
    const refused = await agent
      .post(`/people/${merged}/merge`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), intoPersonId: into, 'keep.givenName': 'neither' })
      .expect(422);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toContain('href="#keep-givenName"');
    expect(await ctx.snapshot()).toEqual(before);
  });

  it('tells a link worker holding only one of the two that neither exists, and never shows a commissioner the page', async () => {
    const other = await ctx.newUser('link_worker');
    const { merged, into } = await pair(other);
    const agent = await signInAgent(ctx, worker);
    const page = await agent.get(`/people/${merged}/merge?into=${into}`).expect(404);
    expect(page.text).not.toContain('Muluu');
    const home = await agent.get('/cases').expect(200);
    await agent
      .post(`/people/${merged}/merge`)
      .type('form')
      .send({ _csrf: csrfOf(home.text), intoPersonId: into })
      .expect(404);
    const commissioner = await signInAgent(ctx, await ctx.newUser('commissioner'));
    const refused = await commissioner.get(`/people/${merged}/merge?into=${into}`).expect(403);
    expect(refused.text).not.toContain('Muluu');
    expect((await storedPerson(ctx, merged)).given_name).toBe('Mulu');
  });

  it('is reached from a referral’s possible duplicate, and “different people” stops the flag showing', async () => {
    const referrer = await ctx.newUser('referrer');
    const phone = '07700 955 404';
    const send = () =>
      ctx.http
        .post('/api/referrals')
        .set('Authorization', referrer.auth)
        .send(referralBody({ person: { ...uniquePerson(), phone } }))
        .expect(201);
    await send();
    const second = (await send()).body.id as string;
    const agent = await signInAgent(ctx, admin);
    const detail = await agent.get(`/referrals/${second}`).expect(200);
    const link = /href="(\/people\/[^"]+\/merge\?into=[^"]+)"/.exec(detail.text)?.[1];
    expect(link).toBeDefined();
    const review = await agent.get(link!.replace(/&amp;/g, '&')).expect(200);
    const dismiss = /action="(\/people\/[^"]+\/dismiss)"/.exec(review.text)![1];
    const done = await agent
      .post(dismiss)
      .type('form')
      .send({ _csrf: csrfOf(review.text), returnTo: `/referrals/${second}` })
      .expect(303);
    expect(done.headers.location).toBe(`/referrals/${second}`);
    const after = await agent.get(`/referrals/${second}`).expect(200);
    expect(after.text).not.toContain('compare side by side');
  });
});
