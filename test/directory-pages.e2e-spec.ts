import type TestAgent from 'supertest/lib/agent';
import { newCase } from './support/casework-factory';
import { newApprovedGroup } from './support/directory-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { TestContext, type TestUser } from './support/test-app';

describe('Directory pages', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let linkWorker: TestUser;
  let coordinator: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    linkWorker = await ctx.newUser('link_worker');
    coordinator = await ctx.newUser('group_coordinator');
  });
  afterAll(() => ctx.close());

  const signIn = (user: TestUser): Promise<TestAgent> => signInAgent(ctx, user);

  it('lets a link worker search the directory for a case, with availability and reasons', async () => {
    const { caseId } = await newCase(ctx, linkWorker);
    const offered = await newApprovedGroup(ctx, {
      level: 1,
      name: 'Sewing together',
      needsServed: ['social_connection'],
    });
    await newApprovedGroup(ctx, {
      level: 0,
      name: 'Not vetted yet',
      needsServed: ['social_connection'],
    });
    const agent = await signIn(linkWorker);
    const page = await agent
      .get(`/directory?caseId=${caseId}&need=social_connection&explain=true`)
      .expect(200);
    expect(page.text).toContain('Sewing together');
    expect(page.text).toContain('available');
    expect(page.text).toMatch(/Not vetted yet<\/strong>: The group has not been approved yet/);
    expect(page.text).toContain(`href="/groups/${offered.id}"`);
    const bad = await agent.get('/directory?need=astrology').expect(422);
    expect(bad.text).toContain('govuk-error-summary');
    const group = await agent.get(`/groups/${offered.id}`).expect(200);
    expect(group.text).toContain('Raise a concern');
    expect(group.text).not.toContain('Change the group’s details');
  });

  it('lets a coordinator add and edit their groups, re-showing errors', async () => {
    const agent = await signIn(coordinator);
    const form = await agent.get('/groups/new').expect(200);
    const csrf = csrfOf(form.text);
    const before = await ctx.snapshot();
    const bad = await agent
      .post('/groups/new')
      .type('form')
      .send({
        _csrf: csrf,
        name: 'Keep me',
        description: '',
        deliveryMode: 'in_person',
        languages: 'en, xx',
      })
      .expect(422);
    expect(bad.text).toContain('govuk-error-summary');
    expect(bad.text).toContain('href="#description"');
    expect(bad.text).toContain('value="Keep me"');
    expect(await ctx.snapshot()).toEqual(before);

    const made = await agent
      .post('/groups/new')
      .type('form')
      .send({
        _csrf: csrf,
        name: 'Family cooking',
        description: 'Cook and eat together',
        activityTypes: ['food', 'parenting'],
        needsServed: 'food',
        languages: 'en, ar',
        deliveryMode: 'in_person',
        postcode: 'NG7 1AA',
        accessibility: ['childcare', 'stepFree'],
      })
      .expect(303);
    const id = made.headers.location.split('/').pop()!;
    const mine = await agent.get('/groups/mine').expect(200);
    expect(mine.text).toContain('Family cooking');
    const edit = await agent.get(`/groups/${id}/edit`).expect(200);
    expect(edit.text).toContain('value="Family cooking"');
    await agent
      .post(`/groups/${id}/edit`)
      .type('form')
      .send({
        _csrf: csrfOf(edit.text),
        name: 'Family cooking club',
        description: 'Cook',
        deliveryMode: 'both',
        languages: 'en',
      })
      .expect(303);
    // The change waits for an admin (contract: "Directory freshness").
    const changes = await ctx.http
      .get(`/api/groups/${id}/changes`)
      .set('Authorization', coordinator.auth)
      .expect(200);
    await ctx.http
      .post(`/api/groups/${id}/changes/${changes.body.items[0].id}/approve`)
      .set('Authorization', admin.auth)
      .expect(200);
    const api = await ctx.http
      .get(`/api/groups/${id}`)
      .set('Authorization', admin.auth)
      .expect(200);
    expect(api.body).toMatchObject({
      name: 'Family cooking club',
      deliveryMode: 'both',
      vettingStatus: 'pending',
    });

    const other = await newApprovedGroup(ctx, { level: 1 });
    await agent.get(`/groups/${other.id}/edit`).expect(404);
  });

  it('lets an admin record checks and suspend from the vetting screen', async () => {
    const g = await newApprovedGroup(ctx, { level: 1, name: 'Chess club' });
    const agent = await signIn(admin);
    const list = await agent.get('/admin/vetting').expect(200);
    expect(list.text).toContain('Chess club');
    const page = await agent.get(`/admin/vetting/${g.id}`).expect(200);
    const csrf = csrfOf(page.text);
    const bad = await agent
      .post(`/admin/vetting/${g.id}/checks`)
      .type('form')
      .send({ _csrf: csrf, check: 'dbs_enhanced', evidence: 'DBS 001' })
      .expect(422);
    expect(bad.text).toContain('href="#verifiedAt-day"');
    const year = new Date().getFullYear();
    await agent
      .post(`/admin/vetting/${g.id}/checks`)
      .type('form')
      .send({
        _csrf: csrf,
        check: 'dbs_enhanced',
        evidence: 'DBS 001',
        'verifiedAt-day': '1',
        'verifiedAt-month': '1',
        'verifiedAt-year': String(year - 1),
        'expiresAt-day': '1',
        'expiresAt-month': '1',
        'expiresAt-year': String(year + 2),
      })
      .expect(303);
    await agent
      .post(`/admin/vetting/${g.id}/suspend`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Complaint received' })
      .expect(303);
    const after = await ctx.http
      .get(`/api/groups/${g.id}`)
      .set('Authorization', admin.auth)
      .expect(200);
    expect(after.body.vettingStatus).toBe('suspended');
    expect(after.body.vettingChecks.map((c: { check: string }) => c.check)).toContain(
      'dbs_enhanced',
    );

    const lw = await signIn(linkWorker);
    await lw.get('/admin/vetting').expect(403);
  });
});
