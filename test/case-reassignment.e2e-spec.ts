import { addDays, ukDate } from '../src/casework/casework-dates';
import { ServicesService } from '../src/services/services.service';
import { newCase } from './support/casework-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { newPlacementGroup, offer } from './support/placements-factory';
import { TestContext, type TestUser } from './support/test-app';

/** Contract "The working day of a link worker": POST /api/cases/:id/reassign and a leaver's caseload. */
describe('Reassigning cases', () => {
  let ctx: TestContext;
  let teamLead: TestUser;
  let admin: TestUser;
  let otherServiceId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    teamLead = await ctx.newUser('team_lead');
    otherServiceId = (await ctx.app.get(ServicesService).create({ name: 'Northside' }, admin.id))
      .id;
  });
  afterAll(() => ctx.close());

  const reassign = (caseId: string, user: TestUser, body: object) =>
    ctx.http.post(`/api/cases/${caseId}/reassign`).set('Authorization', user.auth).send(body);
  const get = (path: string, user: TestUser) => ctx.http.get(path).set('Authorization', user.auth);
  const auditOf = async (caseId: string) =>
    (
      await ctx.db.query<{ action: string; actor_id: string; detail: Record<string, string> }>(
        `SELECT action, actor_id, detail FROM audit_event WHERE entity_id = $1 AND action = 'reassign'`,
        [caseId],
      )
    ).rows;

  it('hands the case, its profile and safeguarding detail to the new link worker; the old one gets 404 at once', async () => {
    const [from, to] = [await ctx.newUser('link_worker'), await ctx.newUser('link_worker')];
    const { caseId, personId } = await newCase(ctx, from);
    await ctx.http
      .put(`/api/cases/${caseId}/migration-profile`)
      .set('Authorization', from.auth)
      .send({ migrantStatus: 'asylum_seeker', countryOfBirth: 'ER' })
      .expect(200);
    await ctx.http
      .put(`/api/cases/${caseId}/safeguarding`)
      .set('Authorization', from.auth)
      .send({ flags: ['trafficking_survivor'], note: 'Disclosed at first visit' })
      .expect(200);
    await get(`/api/cases/${caseId}`, to).expect(404);
    const notificationsBefore = await ctx.count('notification');
    const outboxBefore = await ctx.count('notification_outbox');

    const res = await reassign(caseId, teamLead, {
      linkWorkerId: to.id,
      reason: 'Speaks Tigrinya',
    }).expect(200);
    expect(res.body).toMatchObject({ id: caseId, linkWorkerId: to.id });

    await get(`/api/cases/${caseId}`, from).expect(404);
    await get(`/api/cases/${caseId}/migration-profile`, from).expect(404);
    await get(`/api/cases/${caseId}/timeline`, from).expect(404);
    expect((await get('/api/cases', from).expect(200)).body.items).toEqual([]);
    const file = await get(`/api/cases/${caseId}`, to).expect(200);
    expect(file.body.safeguarding).toMatchObject({
      flags: ['trafficking_survivor'],
      note: 'Disclosed at first visit',
    });
    const profile = await get(`/api/cases/${caseId}/migration-profile`, to).expect(200);
    expect(profile.body).toMatchObject({ migrantStatus: 'asylum_seeker', countryOfBirth: 'ER' });
    expect(
      (await get('/api/cases', to).expect(200)).body.items.map((c: { id: string }) => c.id),
    ).toEqual([caseId]);

    expect(await auditOf(caseId)).toEqual([
      {
        action: 'reassign',
        actor_id: teamLead.id,
        detail: {
          fromLinkWorkerId: from.id,
          toLinkWorkerId: to.id,
          reason: 'Speaks Tigrinya',
          appointmentsMoved: 0,
          tasksMoved: 0,
        },
      },
    ]);
    // The person is told nothing: no message is queued, and their record never shows the reason.
    expect(await ctx.count('notification')).toBe(notificationsBefore);
    expect(await ctx.count('notification_outbox')).toBe(outboxBefore);
    const exported = await get(`/api/people/${personId}/export`, admin).expect(200);
    expect(exported.text).not.toContain('Speaks Tigrinya');
  });

  it('moves the case’s placements with it', async () => {
    const [from, to] = [await ctx.newUser('link_worker'), await ctx.newUser('link_worker')];
    const group = await newPlacementGroup(ctx, { places: 2 });
    const { caseId } = await newCase(ctx, from);
    const placement = (await offer(ctx, from, caseId, group.id)).body as { id: string };
    await reassign(caseId, admin, { linkWorkerId: to.id, reason: 'Leaving' }).expect(200);
    await get(`/api/placements/${placement.id}`, from).expect(404);
    await get(`/api/placements/${placement.id}`, to).expect(200);
    const { rows } = await ctx.db.query('SELECT link_worker_id FROM placement WHERE id = $1', [
      placement.id,
    ]);
    expect(rows[0].link_worker_id).toBe(to.id);
  });

  it('carries the old link worker’s booked appointments and open tasks to the new one; nothing of the case stays in the old diary, feed or task list', async () => {
    const [from, to, colleague] = [
      await ctx.newUser('link_worker'),
      await ctx.newUser('link_worker'),
      await ctx.newUser('link_worker'),
    ];
    const { caseId } = await newCase(ctx, from, { person: { givenName: 'Hagos' } });
    const post = (path: string, user: TestUser, body: object = {}) =>
      ctx.http.post(path).set('Authorization', user.auth).send(body);
    const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const book = (location: string) =>
      post(`/api/cases/${caseId}/appointments`, from, {
        startsAt: inHours(30),
        durationMinutes: 30,
        mode: 'home_visit',
        location,
      }).expect(201);
    const ahead = (await book('Flat 3, 12 Alfreton Road')).body.id as string;
    const met = (await book('Flat 3, 12 Alfreton Road (last week)')).body.id as string;
    await ctx.db.query(
      `UPDATE appointment SET starts_at = now() - interval '2 days' WHERE id = $1`,
      [met],
    );
    await post(`/api/appointments/${met}/outcome`, from, { attended: true }).expect(200);
    const task = (title: string, assigneeId?: string) =>
      post(`/api/cases/${caseId}/tasks`, from, { title, dueOn: addDays(ukDate(), 3), assigneeId })
        .expect(201)
        .then((r) => r.body.id as string);
    const own = await task('Ring the housing officer');
    const colleagues = await task('Find a Tigrinya speaker', colleague.id);
    const done = await task('Send the welcome letter');
    await post(`/api/tasks/${done}/complete`, from).expect(200);
    const feedPath = async (user: TestUser) =>
      new URL((await post('/api/calendar-feed', user).expect(201)).body.url as string).pathname;
    const [fromFeed, toFeed] = [await feedPath(from), await feedPath(to)];

    await reassign(caseId, teamLead, { linkWorkerId: to.id, reason: 'Leaving' }).expect(200);

    const { rows: appointments } = await ctx.db.query(
      'SELECT id, link_worker_id FROM appointment WHERE case_id = $1',
      [caseId],
    );
    expect(Object.fromEntries(appointments.map((a) => [a.id, a.link_worker_id]))).toEqual({
      [ahead]: to.id,
      [met]: from.id,
    });
    const { rows: tasks } = await ctx.db.query(
      'SELECT id, assignee_id FROM case_task WHERE case_id = $1',
      [caseId],
    );
    expect(Object.fromEntries(tasks.map((t) => [t.id, t.assignee_id]))).toEqual({
      [own]: to.id,
      [colleagues]: colleague.id,
      [done]: from.id,
    });
    expect((await auditOf(caseId))[0].detail).toMatchObject({
      appointmentsMoved: 1,
      tasksMoved: 1,
    });

    const diary = (user: TestUser) =>
      get(`/api/appointments?from=${addDays(ukDate(), -3)}&to=${addDays(ukDate(), 3)}`, user)
        .expect(200)
        .then((r) => r.body.items as { id: string; givenName: string | null }[]);
    expect((await diary(to)).map((a) => [a.id, a.givenName])).toEqual([[ahead, 'Hagos']]);
    // The past visit stays in the old diary as what they did, without the name of someone they no longer hold.
    expect((await diary(from)).map((a) => [a.id, a.givenName])).toEqual([[met, null]]);
    const oldFeed = (await ctx.http.get(fromFeed).expect(200)).text;
    expect(oldFeed).not.toContain('Alfreton');
    expect((await ctx.http.get(toFeed).expect(200)).text).toContain('Flat 3\\, 12 Alfreton Road');

    const openTasks = (user: TestUser) =>
      get('/api/tasks?status=open', user)
        .expect(200)
        .then((r) => r.body.items.map((t: { id: string }) => t.id));
    expect(await openTasks(to)).toEqual([own]);
    expect(await openTasks(from)).toEqual([]);
    await post(`/api/tasks/${own}/complete`, from).expect(404);
    await post(`/api/tasks/${own}/complete`, to).expect(200);
  });

  describe('refusals, each changing nothing', () => {
    let from: TestUser;
    let caseId: string;

    beforeAll(async () => {
      from = await ctx.newUser('link_worker');
      ({ caseId } = await newCase(ctx, from));
    });

    const refused = async (user: TestUser, body: object, status: number) => {
      const before = await ctx.snapshot();
      const res = await reassign(caseId, user, body).expect(status);
      expect(await ctx.snapshot()).toEqual(before);
      expect(await auditOf(caseId)).toEqual([]);
      await get(`/api/cases/${caseId}`, from).expect(200);
      return res;
    };

    it('409 when the new link worker’s caseload is full (open cases and assigned referrals)', async () => {
      const full = await ctx.newUser('link_worker', { caseloadLimit: 1 });
      await newCase(ctx, full);
      const res = await refused(teamLead, { linkWorkerId: full.id, reason: 'Balance' }, 409);
      expect(res.body.code).toBe('caseload_full');
      expect(res.body.detail).toContain('1 of 1');
    });

    it('422 for a link worker of another service, or for no active link worker', async () => {
      const outside = await ctx.newUser('link_worker', { serviceId: otherServiceId });
      const res = await refused(teamLead, { linkWorkerId: outside.id, reason: 'Balance' }, 422);
      expect(res.body.errors).toEqual([
        { field: 'linkWorkerId', message: expect.stringContaining('another service') },
      ]);
      const notAWorker = await ctx.newUser('referrer');
      await refused(teamLead, { linkWorkerId: notAWorker.id, reason: 'Balance' }, 422);
    });

    it('422 without a reason or with a bad id', async () => {
      const to = await ctx.newUser('link_worker');
      const noReason = await refused(teamLead, { linkWorkerId: to.id }, 422);
      expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
      await refused(teamLead, { linkWorkerId: 'someone', reason: 'x' }, 422);
    });

    it('409 when the case is already with that link worker', async () => {
      const res = await refused(teamLead, { linkWorkerId: from.id, reason: 'Again' }, 409);
      expect(res.body.code).toBe('already_assigned');
    });

    it('404 for a team lead of another service; 403 for a link worker', async () => {
      const to = await ctx.newUser('link_worker');
      const foreignLead = await ctx.newUser('team_lead', { serviceId: otherServiceId });
      await refused(foreignLead, { linkWorkerId: to.id, reason: 'x' }, 404);
      await refused(from, { linkWorkerId: to.id, reason: 'x' }, 403);
    });
  });

  it('409 for a closed case', async () => {
    const [from, to] = [await ctx.newUser('link_worker'), await ctx.newUser('link_worker')];
    const { caseId } = await newCase(ctx, from);
    await ctx.http
      .post(`/api/cases/${caseId}/close`)
      .set('Authorization', from.auth)
      .send({ reason: 'goals_met' })
      .expect(200);
    const res = await reassign(caseId, teamLead, { linkWorkerId: to.id, reason: 'x' }).expect(409);
    expect(res.body.code).toBe('case_closed');
  });

  describe('a leaver’s caseload', () => {
    const handOver = (user: TestUser, body: object) =>
      ctx.http.post('/api/cases/reassign-caseload').set('Authorization', user.auth).send(body);

    it('moves every open case in one go, and no closed one', async () => {
      const [leaver, taker] = [await ctx.newUser('link_worker'), await ctx.newUser('link_worker')];
      const open = [
        await newCase(ctx, leaver),
        await newCase(ctx, leaver),
        await newCase(ctx, leaver),
      ];
      const closed = await newCase(ctx, leaver);
      await ctx.db.query(
        `UPDATE support_case SET status = 'closed', closed_at = now() WHERE id = $1`,
        [closed.caseId],
      );
      const res = await handOver(teamLead, {
        fromLinkWorkerId: leaver.id,
        toLinkWorkerId: taker.id,
        reason: 'Left the service',
      }).expect(200);
      expect(res.body).toMatchObject({ reassigned: 3 });
      expect([...res.body.caseIds].sort()).toEqual(open.map((c) => c.caseId).sort());
      for (const { caseId } of open) {
        await get(`/api/cases/${caseId}`, leaver).expect(404);
        await get(`/api/cases/${caseId}`, taker).expect(200);
        expect(await auditOf(caseId)).toHaveLength(1);
      }
      const { rows } = await ctx.db.query('SELECT link_worker_id FROM support_case WHERE id = $1', [
        closed.caseId,
      ]);
      expect(rows[0].link_worker_id).toBe(leaver.id);
    });

    it('moves none when they do not all fit (409), and says so', async () => {
      const leaver = await ctx.newUser('link_worker');
      const taker = await ctx.newUser('link_worker', { caseloadLimit: 2 });
      await newCase(ctx, leaver);
      await newCase(ctx, leaver);
      await newCase(ctx, taker);
      const before = await ctx.snapshot();
      const res = await handOver(admin, {
        fromLinkWorkerId: leaver.id,
        toLinkWorkerId: taker.id,
        reason: 'Left',
      }).expect(409);
      expect(res.body.detail).toContain('no room for 2 more');
      expect(await ctx.snapshot()).toEqual(before);
      expect((await get('/api/cases', leaver).expect(200)).body.items).toHaveLength(2);
    });

    it('422 for a leaver of another service (team lead) or handing over to themself', async () => {
      const outside = await ctx.newUser('link_worker', { serviceId: otherServiceId });
      const taker = await ctx.newUser('link_worker');
      const res = await handOver(teamLead, {
        fromLinkWorkerId: outside.id,
        toLinkWorkerId: taker.id,
        reason: 'x',
      }).expect(422);
      expect(res.body.errors[0].field).toBe('fromLinkWorkerId');
      await handOver(teamLead, {
        fromLinkWorkerId: taker.id,
        toLinkWorkerId: taker.id,
        reason: 'x',
      }).expect(422);
      await handOver(taker, {
        fromLinkWorkerId: taker.id,
        toLinkWorkerId: taker.id,
        reason: 'x',
      }).expect(403);
    });
  });

  describe('pages', () => {
    it('lets a team lead reassign from the caseload, with errors in words on the form', async () => {
      const [from, to] = [await ctx.newUser('link_worker'), await ctx.newUser('link_worker')];
      const { caseId } = await newCase(ctx, from, { person: { givenName: 'Rahel' } });
      const agent = await signInAgent(ctx, teamLead);
      const caseload = await agent.get('/cases').expect(200);
      expect(caseload.text).toContain('Cases in your service');
      expect(caseload.text).toContain(`href="/cases/${caseId}/reassign"`);
      const form = await agent.get(`/cases/${caseId}/reassign`).expect(200);
      expect(form.text).toContain('Rahel');
      const empty = await agent
        .post(`/cases/${caseId}/reassign`)
        .type('form')
        .send({ _csrf: csrfOf(form.text), linkWorkerId: '', reason: '' })
        .expect(422);
      expect(empty.text).toContain('href="#linkWorkerId">Choose the link worker');
      expect(empty.text).toContain('href="#reason">Say why');
      await agent
        .post(`/cases/${caseId}/reassign`)
        .type('form')
        .send({ _csrf: csrfOf(form.text), linkWorkerId: to.id, reason: 'Balance' })
        .expect(303)
        .expect('Location', '/cases');
      await get(`/api/cases/${caseId}`, to).expect(200);
    });

    it('hands over a leaver’s caseload from its page', async () => {
      const [leaver, taker] = [await ctx.newUser('link_worker'), await ctx.newUser('link_worker')];
      const { caseId } = await newCase(ctx, leaver);
      const agent = await signInAgent(ctx, teamLead);
      const form = await agent.get('/caseloads/reassign').expect(200);
      const done = await agent
        .post('/caseloads/reassign')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          fromLinkWorkerId: leaver.id,
          toLinkWorkerId: taker.id,
          reason: 'Left',
        })
        .expect(303);
      const after = await agent.get(done.headers.location as string).expect(200);
      expect(after.text).toContain('1 open case is handed over');
      await get(`/api/cases/${caseId}`, taker).expect(200);
    });
  });
});
