import { addDays, ukDate } from '../src/casework/casework-dates';
import { CaseloadService } from '../src/casework/caseload.service';
import { CaseworkService } from '../src/casework/casework.service';
import { ServicesService } from '../src/services/services.service';
import { newCase } from './support/casework-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { asActor, TestContext, type TestUser } from './support/test-app';

/** The instant a UK calendar day starts (midnight in London, 23:00 UTC the day before in summer). */
function londonMidnight(date: string): Date {
  const summer = new Date(Date.parse(`${date}T00:00:00Z`) - 3_600_000);
  return ukDate(summer) === date ? summer : new Date(`${date}T00:00:00Z`);
}

/** Only Date is faked: timers, promises and the database go on as normal. */
function atInstant<T>(at: Date, work: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: at,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  return work().finally(() => jest.useRealTimers());
}

/** Contract "The working day of a link worker": POST /api/cover and DELETE /api/cover/:id. */
describe('Cover for a caseload', () => {
  let ctx: TestContext;
  let owner: TestUser;
  let colleague: TestUser;
  let caseId: string;
  let personId: string;
  const today = ukDate();

  beforeAll(async () => {
    ctx = await TestContext.create();
    owner = await ctx.newUser('link_worker');
    colleague = await ctx.newUser('link_worker');
    ({ caseId, personId } = await newCase(ctx, owner, { person: { givenName: 'Amanuel' } }));
    await ctx.http
      .put(`/api/cases/${caseId}/migration-profile`)
      .set('Authorization', owner.auth)
      .send({ migrantStatus: 'refugee' })
      .expect(200);
  });
  afterAll(() => ctx.close());

  const grant = (user: TestUser, body: object) =>
    ctx.http.post('/api/cover').set('Authorization', user.auth).send(body);
  const end = (user: TestUser, id: string) =>
    ctx.http.delete(`/api/cover/${id}`).set('Authorization', user.auth);
  const get = (path: string, user: TestUser) => ctx.http.get(path).set('Authorization', user.auth);
  const endAll = () =>
    ctx.db.query('UPDATE cover_grant SET ended_at = now() WHERE ended_at IS NULL');

  it('lets the colleague read and work the cases as their link worker while it lasts, every read audited as cover', async () => {
    const res = await grant(owner, {
      coverUserId: colleague.id,
      from: today,
      to: addDays(today, 7),
    }).expect(201);
    expect(res.body).toMatchObject({
      linkWorkerId: owner.id,
      coverUserId: colleague.id,
      from: today,
      to: addDays(today, 7),
      inForce: true,
      endedAt: null,
    });

    const file = await get(`/api/cases/${caseId}`, colleague).expect(200);
    expect(file.body.cover).toMatchObject({ id: res.body.id, linkWorkerId: owner.id });
    const profile = await get(`/api/cases/${caseId}/migration-profile`, colleague).expect(200);
    expect(profile.body.migrantStatus).toBe('refugee');
    await ctx.http
      .put(`/api/cases/${caseId}/needs`)
      .set('Authorization', colleague.auth)
      .send({ needs: [{ domain: 'housing', severity: 2, priority: true }] })
      .expect(200);

    const caseload = (await get('/api/cases', colleague).expect(200)).body.items as {
      id: string;
      coverFor: string | null;
    }[];
    expect(caseload).toEqual([expect.objectContaining({ id: caseId, coverFor: owner.id })]);
    // The owner still has the case as their own.
    expect((await get('/api/cases', owner).expect(200)).body.items).toEqual([
      expect.objectContaining({ id: caseId, coverFor: null }),
    ]);

    const { rows } = await ctx.db.query<{ action: string; detail: Record<string, string> }>(
      `SELECT action, detail FROM audit_event WHERE subject_id = $1 AND actor_id = $2 ORDER BY at`,
      [personId, colleague.id],
    );
    const asCover = rows.filter(
      (r) => r.action === 'read_as_cover' || r.action === 'work_as_cover',
    );
    expect(asCover.length).toBeGreaterThanOrEqual(3);
    for (const r of asCover)
      expect(r.detail).toEqual({ coverId: res.body.id, linkWorkerId: owner.id });
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['read_as_cover', 'read_migration_profile', 'work_as_cover']),
    );
    await endAll();
  });

  it('lets the colleague complete the case’s tasks and see who their appointments on it are with', async () => {
    const post = (path: string, user: TestUser, body: object = {}) =>
      ctx.http.post(path).set('Authorization', user.auth).send(body);
    const task = await post(`/api/cases/${caseId}/tasks`, owner, {
      title: 'Chase the GP letter',
      dueOn: addDays(today, 2),
    }).expect(201);
    await post(`/api/tasks/${task.body.id}/complete`, colleague).expect(404);
    await grant(owner, { coverUserId: colleague.id, from: today, to: addDays(today, 2) }).expect(
      201,
    );

    const booked = await post(`/api/cases/${caseId}/appointments`, colleague, {
      startsAt: new Date(Date.now() + 26 * 3_600_000).toISOString(),
      durationMinutes: 30,
      mode: 'phone',
    }).expect(201);
    const diary = await get(`/api/appointments?from=${today}&to=${addDays(today, 3)}`, colleague);
    expect(diary.body.items).toEqual([
      expect.objectContaining({ id: booked.body.id, givenName: 'Amanuel' }),
    ]);
    const done = await post(`/api/tasks/${task.body.id}/complete`, colleague).expect(200);
    expect(done.body).toMatchObject({ completedBy: colleague.id });

    await endAll();
    // Once cover ends the appointment stays in the colleague's diary, but not whom it is with.
    const after = await get(`/api/appointments?from=${today}&to=${addDays(today, 3)}`, colleague);
    expect(after.body.items).toEqual([
      expect.objectContaining({ id: booked.body.id, givenName: null }),
    ]);
  });

  it('hides the cases before the first day', async () => {
    await grant(owner, {
      coverUserId: colleague.id,
      from: addDays(today, 1),
      to: addDays(today, 3),
    }).expect(201);
    await get(`/api/cases/${caseId}`, colleague).expect(404);
    expect((await get('/api/cases', colleague).expect(200)).body.items).toEqual([]);
    await endAll();
  });

  it('starts at the first moment of its first day and ends after the last moment of its last, UK time', async () => {
    const day = addDays(today, 1);
    await grant(owner, { coverUserId: colleague.id, from: day, to: day }).expect(201);
    const casework = ctx.app.get(CaseworkService);
    const caseloads = ctx.app.get(CaseloadService);
    const read = () => casework.caseForActor(caseId, asActor(colleague));
    const listed = async () =>
      (await caseloads.list(asActor(colleague), { limit: 50 })).items.map((c) => c.id);
    const start = londonMidnight(day);
    const dayAfter = londonMidnight(addDays(day, 1));

    await expect(atInstant(new Date(start.getTime() - 1), read)).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect(await atInstant(new Date(start.getTime() - 1), listed)).toEqual([]);
    expect((await atInstant(start, read)).id).toBe(caseId);
    // The last moment of the last day: still in force.
    expect((await atInstant(new Date(dayAfter.getTime() - 1), read)).id).toBe(caseId);
    expect(await atInstant(new Date(dayAfter.getTime() - 1), listed)).toEqual([caseId]);
    // The first moment after it: over, with nobody having to end it.
    await expect(atInstant(dayAfter, read)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await atInstant(dayAfter, listed)).toEqual([]);
    await endAll();
  });

  it('is over at once when ended early, and cannot be ended twice', async () => {
    const { body } = await grant(owner, {
      coverUserId: colleague.id,
      from: today,
      to: addDays(today, 5),
    }).expect(201);
    await get(`/api/cases/${caseId}`, colleague).expect(200);
    const ended = await end(owner, body.id).expect(200);
    expect(ended.body).toMatchObject({ inForce: false, endedAt: expect.any(String) });
    await get(`/api/cases/${caseId}`, colleague).expect(404);
    expect((await end(owner, body.id).expect(409)).body.code).toBe('cover_ended');
  });

  it('may be ended by the colleague or the team lead, never by another link worker (404)', async () => {
    const stranger = await ctx.newUser('link_worker');
    const lead = await ctx.newUser('team_lead');
    const first = await grant(owner, { coverUserId: colleague.id, from: today, to: today }).expect(
      201,
    );
    await end(stranger, first.body.id).expect(404);
    await get(`/api/cases/${caseId}`, stranger).expect(404);
    await end(colleague, first.body.id).expect(200);
    const second = await grant(owner, { coverUserId: colleague.id, from: today, to: today }).expect(
      201,
    );
    await end(lead, second.body.id).expect(200);
  });

  describe('refusals (422 with words to act on), each changing nothing', () => {
    let outside: TestUser;

    beforeAll(async () => {
      const admin = await ctx.newUser('admin');
      const other = await ctx.app.get(ServicesService).create({ name: 'Westside' }, admin.id);
      outside = await ctx.newUser('link_worker', { serviceId: other.id });
    });

    const refused = async (user: TestUser, body: object, status = 422) => {
      const before = await ctx.snapshot();
      const res = await grant(user, body).expect(status);
      expect(await ctx.snapshot()).toEqual(before);
      return res;
    };

    it('for yourself', async () => {
      const res = await refused(owner, { coverUserId: owner.id, from: today, to: today });
      expect(res.body.errors).toEqual([
        { field: 'coverUserId', message: 'Choose a colleague: you cannot cover your own caseload' },
      ]);
    });

    it('for a colleague of another service', async () => {
      const res = await refused(owner, { coverUserId: outside.id, from: today, to: today });
      expect(res.body.errors[0]).toEqual({
        field: 'coverUserId',
        message: expect.stringContaining('same service'),
      });
    });

    it('with to before from, or a last day already past, or dates that are not real', async () => {
      const before = await refused(owner, {
        coverUserId: colleague.id,
        from: addDays(today, 3),
        to: addDays(today, 2),
      });
      expect(before.body.errors).toEqual([
        {
          field: 'to',
          message: 'The last day of cover must be the same as or after the first day',
        },
      ]);
      const past = await refused(owner, {
        coverUserId: colleague.id,
        from: addDays(today, -5),
        to: addDays(today, -1),
      });
      expect(past.body.errors[0].field).toBe('to');
      const unreal = await refused(owner, {
        coverUserId: colleague.id,
        from: '2026-02-30',
        to: today,
      });
      expect(unreal.body.errors[0].field).toBe('from');
    });

    it('for someone who is not a link worker', async () => {
      const lead = await ctx.newUser('team_lead');
      await refused(owner, { coverUserId: lead.id, from: today, to: today });
    });

    it('for another link worker’s caseload (403), and from a team lead without naming one (422)', async () => {
      await refused(
        owner,
        { coverUserId: colleague.id, from: today, to: today, linkWorkerId: outside.id },
        403,
      );
      const lead = await ctx.newUser('team_lead');
      const res = await refused(lead, { coverUserId: colleague.id, from: today, to: today });
      expect(res.body.errors[0].field).toBe('linkWorkerId');
    });
  });

  describe('pages', () => {
    it('gives cover, shows it, marks covered cases on the colleague’s caseload, and ends it', async () => {
      const agent = await signInAgent(ctx, owner);
      const page = await agent.get('/cover').expect(200);
      const [y, m, d] = today.split('-');
      const bad = await agent
        .post('/cover')
        .type('form')
        .send({
          _csrf: csrfOf(page.text),
          coverUserId: colleague.id,
          'from-day': d,
          'from-month': m,
          'from-year': y,
          'to-day': '31',
          'to-month': '2',
          'to-year': y,
        })
        .expect(422);
      expect(bad.text).toContain('href="#to-day">Enter the last day of cover as a real date');
      await agent
        .post('/cover')
        .type('form')
        .send({
          _csrf: csrfOf(page.text),
          coverUserId: colleague.id,
          'from-day': d,
          'from-month': m,
          'from-year': y,
          'to-day': d,
          'to-month': m,
          'to-year': y,
        })
        .expect(303)
        .expect('Location', '/cover');
      const given = await agent.get('/cover').expect(200);
      expect(given.text).toContain('In force');

      const colleagueAgent = await signInAgent(ctx, colleague);
      const caseload = await colleagueAgent.get('/cases').expect(200);
      expect(caseload.text).toContain('Amanuel');
      expect(caseload.text).toMatch(/Cover for link_worker \d+/);

      const id = /action="\/cover\/([0-9a-f-]{36})\/end"/.exec(given.text)?.[1];
      await agent
        .post(`/cover/${id}/end`)
        .type('form')
        .send({ _csrf: csrfOf(given.text) })
        .expect(303);
      const after = await colleagueAgent.get('/cases').expect(200);
      expect(after.text).not.toContain('Amanuel');
      await colleagueAgent.get(`/cases/${caseId}`).expect(404);
    });

    it('asks a team lead for whose caseload and who covers, in form order, when both are left empty', async () => {
      const lead = await ctx.newUser('team_lead');
      const agent = await signInAgent(ctx, lead);
      const page = await agent.get('/cover').expect(200);
      const before = await ctx.snapshot();
      const [y, m, d] = today.split('-');
      const dates = {
        'from-day': d,
        'from-month': m,
        'from-year': y,
        'to-day': d,
        'to-month': m,
        'to-year': y,
      };
      const bothEmpty = await agent
        .post('/cover')
        .type('form')
        .send({ _csrf: csrfOf(page.text), linkWorkerId: '', coverUserId: '', ...dates })
        .expect(422);
      const summary = [...bothEmpty.text.matchAll(/href="#(\w+)"/g)].map((h) => h[1]);
      expect(summary).toEqual(['linkWorkerId', 'coverUserId']);
      expect(bothEmpty.text).toContain('Choose the link worker');

      const ownerOnly = await agent
        .post('/cover')
        .type('form')
        .send({ _csrf: csrfOf(page.text), coverUserId: colleague.id, ...dates })
        .expect(422);
      expect([...ownerOnly.text.matchAll(/href="#(\w+)"/g)].map((h) => h[1])).toEqual([
        'linkWorkerId',
      ]);
      expect(await ctx.snapshot()).toEqual(before);
    });
  });
});
