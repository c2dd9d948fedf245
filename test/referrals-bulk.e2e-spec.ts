import { randomUUID } from 'node:crypto';
import { ServicesService } from '../src/services/services.service';
import { csrfOf, signInAgent } from './support/page-session';
import { assignReferral, createReferral } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

/** The referral inbox: bulk assign, bulk decline, and what the list shows. */
describe('Referral inbox in bulk', () => {
  let ctx: TestContext;
  let referrer: TestUser;
  let worker: TestUser;
  let teamLead: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    [referrer, worker, teamLead, admin] = [
      await ctx.newUser('referrer'),
      await ctx.newUser('link_worker'),
      await ctx.newUser('team_lead'),
      await ctx.newUser('admin'),
    ];
  });
  afterAll(() => ctx.close());

  const referrals = async (n: number) => {
    const made = [];
    for (let i = 0; i < n; i++) made.push(await createReferral(ctx, referrer));
    return made;
  };
  const bulkAssign = (user: TestUser, body: object) =>
    ctx.http.post('/api/referrals/bulk-assign').set('Authorization', user.auth).send(body);
  const bulkDecline = (user: TestUser, body: object) =>
    ctx.http.post('/api/referrals/bulk-decline').set('Authorization', user.auth).send(body);
  const statusOf = async (id: string) =>
    (
      await ctx.db.query<{ status: string; assigned_link_worker_id: string | null }>(
        'SELECT status, assigned_link_worker_id FROM referral WHERE id = $1',
        [id],
      )
    ).rows[0];

  it('assigns several referrals to one link worker, each audited', async () => {
    const made = await referrals(3);
    const res = await bulkAssign(teamLead, {
      referralIds: made.map((r) => r.id),
      linkWorkerId: worker.id,
    }).expect(200);
    expect(res.body.items).toHaveLength(3);
    for (const r of made) {
      expect(await statusOf(r.id)).toEqual({
        status: 'assigned',
        assigned_link_worker_id: worker.id,
      });
      const { rows } = await ctx.db.query(
        `SELECT actor_id FROM audit_event WHERE entity_id = $1 AND action = 'assign'`,
        [r.id],
      );
      expect(rows).toEqual([{ actor_id: teamLead.id }]);
    }
  });

  it('changes none when one cannot be changed, and names that one', async () => {
    const made = await referrals(3);
    await bulkDecline(admin, { referralIds: [made[1].id], reason: 'not_appropriate' }).expect(200);
    const before = await ctx.snapshot();
    const res = await bulkAssign(teamLead, {
      referralIds: made.map((r) => r.id),
      linkWorkerId: worker.id,
    }).expect(409);
    expect(res.body.detail).toContain(`Referral ${made[1].reference}`);
    expect(res.body.detail).toContain('Nothing was changed');
    expect(res.body.errors[0]).toMatchObject({ field: 'referralIds.1' });
    expect(await ctx.snapshot()).toEqual(before);
    expect((await statusOf(made[0].id)).status).toBe('received');
  });

  it('refuses the lot when the link worker has no room for them all (409)', async () => {
    const small = await ctx.newUser('link_worker', { caseloadLimit: 2 });
    const made = await referrals(3);
    const res = await bulkAssign(teamLead, {
      referralIds: made.map((r) => r.id),
      linkWorkerId: small.id,
    }).expect(409);
    expect(res.body.code).toBe('caseload_full');
    for (const r of made) expect((await statusOf(r.id)).status).toBe('received');
  });

  it('is told another service’s referral does not exist (404), and changes nothing', async () => {
    const other = await ctx.app.get(ServicesService).create({ name: 'Eastside' }, admin.id);
    const foreignLead = await ctx.newUser('team_lead', { serviceId: other.id });
    const made = await referrals(1);
    await bulkDecline(foreignLead, { referralIds: [made[0].id], reason: 'redirected' }).expect(404);
    expect((await statusOf(made[0].id)).status).toBe('received');
  });

  it.each([
    [{ referralIds: [], linkWorkerId: randomUUID() }, 'referralIds'],
    [{ referralIds: ['not-an-id'], linkWorkerId: randomUUID() }, 'referralIds'],
    [
      { referralIds: Array.from({ length: 51 }, () => randomUUID()), linkWorkerId: randomUUID() },
      'referralIds',
    ],
    [{ referralIds: [randomUUID()] }, 'linkWorkerId'],
  ])('refuses bad input with 422 (%#)', async (body, field) => {
    const res = await bulkAssign(teamLead, body).expect(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses the same referral twice in one request', async () => {
    const [r] = await referrals(1);
    await bulkAssign(teamLead, { referralIds: [r.id, r.id], linkWorkerId: worker.id }).expect(422);
  });

  it('declines several for one reason, with the same note on each', async () => {
    const made = await referrals(2);
    const res = await bulkDecline(worker, {
      referralIds: made.map((r) => r.id),
      reason: 'unable_to_contact',
      note: 'Three calls, no answer',
    }).expect(200);
    expect(res.body.items.map((r: { status: string }) => r.status)).toEqual([
      'declined',
      'declined',
    ]);
    const one = await ctx.http
      .get(`/api/referrals/${made[0].id}`)
      .set('Authorization', admin.auth)
      .expect(200);
    expect(one.body).toMatchObject({
      declineReason: 'unable_to_contact',
      declineNote: 'Three calls, no answer',
    });
  });

  it('lists the person’s name, language and age, and how long the referral has waited', async () => {
    const r = await createReferral(ctx, referrer, {
      person: {
        givenName: 'Hiwet',
        familyName: 'Kidane',
        dateOfBirth: '1990-04-02',
        preferredLanguage: 'ti',
      },
    });
    await ctx.db.query(
      `UPDATE referral SET received_at = now() - interval '9 days' WHERE id = $1`,
      [r.id],
    );
    const { body } = await ctx.http
      .get('/api/referrals?limit=200')
      .set('Authorization', worker.auth)
      .expect(200);
    const item = body.items.find((i: { id: string }) => i.id === r.id);
    const today = new Date();
    const age =
      today.getUTCFullYear() - 1990 - (today.toISOString().slice(5, 10) < '04-02' ? 1 : 0);
    expect(item.person).toMatchObject({
      givenName: 'Hiwet',
      familyName: 'Kidane',
      preferredLanguage: 'ti',
      age,
    });
    expect(item.waitedDays).toBe(9);

    const agent = await signInAgent(ctx, worker);
    const page = await agent.get('/referrals?view=all').expect(200);
    expect(page.text).toContain('Hiwet Kidane');
    expect(page.text).toContain(`${age} years old`);
    expect(page.text).toContain('Tigrinya');
    expect(page.text).toContain('9 days');
  });

  describe('the inbox page', () => {
    it('assigns the ticked referrals, and asks for a tick first', async () => {
      const made = await referrals(2);
      const agent = await signInAgent(ctx, worker);
      const inbox = await agent.get('/referrals').expect(200);
      expect(inbox.text).toContain('Assign the ticked referrals');
      const none = await agent
        .post('/referrals/bulk')
        .type('form')
        .send({
          _csrf: csrfOf(inbox.text),
          action: 'assign',
          linkWorkerId: worker.id,
          view: 'unassigned',
        })
        .expect(422);
      expect(none.text).toContain('href="#referralIds">Select the referrals first');
      await agent
        .post('/referrals/bulk')
        .type('form')
        .send({
          _csrf: csrfOf(inbox.text),
          action: 'assign',
          linkWorkerId: worker.id,
          referralIds: made.map((r) => r.id),
          view: 'unassigned',
        })
        .expect(303)
        .expect('Location', '/referrals?view=unassigned');
      for (const r of made) expect((await statusOf(r.id)).assigned_link_worker_id).toBe(worker.id);
    });

    it('declines the ticked referrals, and names a refusal without changing any', async () => {
      const made = await referrals(2);
      await assignReferral(ctx, admin, made[0].id, worker.id).expect(200);
      const other = await ctx.newUser('link_worker');
      const agent = await signInAgent(ctx, other);
      const inbox = await agent.get('/referrals?view=all').expect(200);
      const noReason = await agent
        .post('/referrals/bulk')
        .type('form')
        .send({ _csrf: csrfOf(inbox.text), action: 'decline', referralIds: made.map((r) => r.id) })
        .expect(422);
      expect(noReason.text).toContain('href="#reason">Choose why the referrals are declined');
      // The first is another link worker's: this one may not decline it, so neither is declined.
      const res = await agent
        .post('/referrals/bulk')
        .type('form')
        .send({
          _csrf: csrfOf(inbox.text),
          action: 'decline',
          reason: 'redirected',
          referralIds: made.map((r) => r.id),
        });
      expect(res.status).toBe(403);
      for (const r of made) expect((await statusOf(r.id)).status).not.toBe('declined');
    });
  });
});
