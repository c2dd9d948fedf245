import type TestAgent from 'supertest/lib/agent';
import { personWhose } from './support/data-protection-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { TestContext, type TestUser } from './support/test-app';

describe('Retention page (admin)', () => {
  let ctx: TestContext;
  let adminAgent: TestAgent;
  let users: { referrer: TestUser; worker: TestUser };

  beforeAll(async () => {
    ctx = await TestContext.create();
    const admin = await ctx.newUser('admin');
    users = { referrer: await ctx.newUser('referrer'), worker: await ctx.newUser('link_worker') };
    adminAgent = await signInAgent(ctx, admin);
  });
  afterAll(() => ctx.close());

  const erasedAt = async (personId: string) =>
    (await ctx.db.query('SELECT erased_at FROM person WHERE id = $1', [personId])).rows[0]
      .erased_at as Date | null;

  it('is for admins only', async () => {
    const workerAgent = await signInAgent(ctx, users.worker);
    await workerAgent.get('/admin/retention').expect(403);
  });

  it('shows the dry run by kind, and asks for confirmation before anonymising', async () => {
    const due = await personWhose(ctx, users, 'declined', 30);
    const kept = await personWhose(ctx, users, 'declined', 6);

    const page = await adminAgent.get('/admin/retention').expect(200);
    expect(page.text).toMatch(
      /Declined referrals<\/th>\s*<td class="govuk-table__cell">2 years after the decision/,
    );
    expect(page.text).toMatch(/<strong>1<\/strong>/);
    expect(page.text).not.toContain(due.familyName);

    const before = await ctx.snapshot();
    const refused = await adminAgent
      .post('/admin/retention')
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(422);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toContain('Tick the box to confirm');
    expect(await ctx.snapshot()).toEqual(before);
    expect(await erasedAt(due.personId)).toBeNull();

    const done = await adminAgent
      .post('/admin/retention')
      .type('form')
      .send({ _csrf: csrfOf(refused.text), confirm: 'yes' })
      .expect(303);
    expect(done.headers.location).toBe('/admin/retention');
    expect(await erasedAt(due.personId)).not.toBeNull();
    expect(await erasedAt(kept.personId)).toBeNull();
    const after = await adminAgent.get('/admin/retention').expect(200);
    expect(after.text).toContain('1 person was anonymised');
    expect(after.text).toContain('Nobody is due for anonymisation now.');
  });
});
