import { newApprovedGroup } from './support/directory-factory';
import { expectValidHsds } from './support/hsds-schemas';
import { csrfOf, signInAgent } from './support/page-session';
import { TestContext, type TestUser } from './support/test-app';

const session = (
  weekday: string,
  start: string,
  end: string | null = null,
  recurrence = 'weekly',
) => ({
  weekday,
  start,
  end,
  recurrence,
});

describe('Directory: when groups meet, as sessions a search can use', () => {
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

  const read = (id: string) =>
    ctx.http.get(`/api/groups/${id}`).set('Authorization', linkWorker.auth).expect(200);

  describe('writing a schedule', () => {
    it('keeps sessions by day and time, with notes, and says them in words', async () => {
      const g = await newApprovedGroup(ctx, {
        level: 1,
        schedule: undefined,
        sessions: [
          { weekday: 'thursday', start: '18:00', end: '20:00', recurrence: 'fortnightly' },
          { weekday: 'monday', start: '10:00', end: '12:00' },
          { weekday: 'saturday', start: '11:00' },
        ],
        scheduleNotes: 'Term time only',
      });
      const { body } = await read(g.id);
      expect(body.sessions).toEqual([
        session('monday', '10:00', '12:00'),
        session('thursday', '18:00', '20:00', 'fortnightly'),
        session('saturday', '11:00'),
      ]);
      expect(body.scheduleNotes).toBe('Term time only');
      expect(body.schedule).toBe(
        'Mondays, 10am to midday; Every other Thursday, 6pm to 8pm; Saturdays, from 11am; Term time only',
      );
    });

    it('reads a schedule sent as text into sessions, keeping the rest as notes', async () => {
      const g = await newApprovedGroup(ctx, {
        level: 1,
        schedule: 'Tuesdays and Thursdays 10:00–12:00, term time',
      });
      expect((await read(g.id)).body).toMatchObject({
        sessions: [session('tuesday', '10:00', '12:00'), session('thursday', '10:00', '12:00')],
        scheduleNotes: 'term time',
      });
      const vague = await newApprovedGroup(ctx, {
        level: 1,
        schedule: 'Most Tuesdays, ring first',
      });
      expect((await read(vague.id)).body).toMatchObject({
        sessions: [],
        scheduleNotes: 'Most Tuesdays, ring first',
        schedule: 'Most Tuesdays, ring first',
      });
    });

    it('refuses sessions it cannot hold with 422 problem+json, naming each, and changes nothing', async () => {
      const org = await ctx.newOrganisation({ kind: 'community_group' });
      const g = await newApprovedGroup(ctx, { level: 1, organisationId: org.id });
      const before = await ctx.snapshot();
      const bad = await ctx.http
        .patch(`/api/groups/${g.id}`)
        .set('Authorization', admin.auth)
        .send({
          sessions: [
            { weekday: 'funday', start: '10:00' },
            { weekday: 'monday', start: '7pm' },
            { weekday: 'monday', start: '10:00', end: '25:00', recurrence: 'yearly' },
          ],
        })
        .expect(422);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining([
          'sessions.0.weekday',
          'sessions.1.start',
          'sessions.2.end',
          'sessions.2.recurrence',
        ]),
      );
      const backwards = await ctx.http
        .patch(`/api/groups/${g.id}`)
        .set('Authorization', admin.auth)
        .send({ sessions: [{ weekday: 'monday', start: '12:00', end: '10:00' }] })
        .expect(422);
      expect(backwards.body.errors).toEqual([
        { field: 'sessions.0.end', message: 'must be after the start time' },
      ]);
      const both = await ctx.http
        .patch(`/api/groups/${g.id}`)
        .set('Authorization', admin.auth)
        .send({ schedule: 'Mondays 10:00', sessions: [] })
        .expect(422);
      expect(both.body.errors[0].field).toBe('schedule');
      const tooMany = await ctx.http
        .patch(`/api/groups/${g.id}`)
        .set('Authorization', admin.auth)
        .send({
          sessions: Array.from({ length: 15 }, () => ({ weekday: 'monday', start: '10:00' })),
        })
        .expect(422);
      expect(tooMany.body.errors[0].field).toBe('sessions');
      expect(await ctx.snapshot()).toEqual(before);
    });
  });

  describe('the day-and-time filter of search', () => {
    let evening: string, boundary: string, beforeFive: string, weekend: string, daytime: string;
    let notesOnly: string;

    beforeAll(async () => {
      const make = async (name: string, body: object) =>
        (
          await newApprovedGroup(ctx, {
            level: 1,
            name,
            needsServed: ['employment'],
            schedule: undefined,
            ...body,
          })
        ).id;
      evening = await make('Evening English', {
        sessions: [{ weekday: 'wednesday', start: '18:30', end: '20:00' }],
      });
      boundary = await make('Five o’clock club', {
        sessions: [{ weekday: 'friday', start: '17:00', end: '18:00' }],
      });
      beforeFive = await make('Late afternoon club', {
        sessions: [{ weekday: 'friday', start: '16:59', end: '19:00' }],
      });
      weekend = await make('Saturday football', {
        sessions: [{ weekday: 'saturday', start: '10:00', recurrence: 'monthly_first' }],
      });
      daytime = await make('Tuesday coffee', {
        sessions: [{ weekday: 'tuesday', start: '10:00', end: '12:00' }],
      });
      notesOnly = await make('Ring to ask', { scheduleNotes: 'Times vary: ring first' });
    });

    const search = async (query: string) => {
      const res = await ctx.http
        .get(`/api/groups/search?need=employment&explain=true&${query}`)
        .set('Authorization', linkWorker.auth)
        .expect(200);
      return {
        ids: res.body.items.map((g: { id: string }) => g.id) as string[],
        why: (id: string) =>
          (res.body.excluded as { groupId: string; reasons: string[] }[]).find(
            (e) => e.groupId === id,
          )?.reasons,
      };
    };

    it('finds "evenings or weekends": weekday sessions from 5pm, and any at the weekend', async () => {
      const r = await search('when=weekday_evening,weekend');
      expect(r.ids.sort()).toEqual([evening, boundary, weekend].sort());
      expect(r.why(daytime)).toEqual(['no_session_at_time']);
      expect(r.why(beforeFive)).toEqual(['no_session_at_time']);
      expect(r.why(notesOnly)).toEqual(['times_not_recorded']);
      const repeated = await search('when=weekday_evening&when=weekend');
      expect(repeated.ids.sort()).toEqual(r.ids.sort());
    });

    it('finds weekday daytimes, and groups on a given day', async () => {
      expect((await search('when=weekday_daytime')).ids.sort()).toEqual(
        [daytime, beforeFive].sort(),
      );
      expect((await search('day=friday')).ids.sort()).toEqual([boundary, beforeFive].sort());
      expect((await search('day=friday&when=weekday_evening')).ids).toEqual([boundary]);
      expect((await search('day=sunday')).ids).toEqual([]);
    });

    it('leaves the filter out when not asked, and refuses values it does not know (422)', async () => {
      const all = await search('');
      expect(all.ids).toEqual(expect.arrayContaining([evening, daytime, notesOnly]));
      const bad = await ctx.http
        .get('/api/groups/search?when=evenings&day=someday')
        .set('Authorization', linkWorker.auth)
        .expect(422);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'day',
        'when',
      ]);
    });

    it('filters on the search page too', async () => {
      const agent = await signInAgent(ctx, linkWorker);
      const page = await agent
        .get('/directory?need=employment&when=weekday_evening&when=weekend&explain=true')
        .expect(200);
      expect(page.text).toContain('Evening English');
      expect(page.text).toContain('Wednesdays, 6:30pm to 8pm');
      expect(page.text).toContain('First Saturday of the month, from 10am');
      expect(page.text).toMatch(
        /Tuesday coffee<\/strong>: The group does not meet on the days or at the times asked for/,
      );
      expect(page.text).toMatch(/name="when" type="checkbox" value="weekend" checked/);
      const bad = await agent.get('/directory?when=midnight').expect(422);
      expect(bad.text).toContain('govuk-error-summary');
    });
  });

  describe('Open Referral', () => {
    it('publishes each session as an HSDS schedule, valid against the schema', async () => {
      const g = await newApprovedGroup(ctx, {
        level: 1,
        schedule: undefined,
        sessions: [
          { weekday: 'tuesday', start: '10:00', end: '12:00' },
          { weekday: 'friday', start: '18:00', end: '20:00', recurrence: 'fortnightly' },
          { weekday: 'monday', start: '19:00', recurrence: 'monthly_last' },
        ],
        scheduleNotes: 'Not in August',
      });
      const res = await ctx.http.get(`/openreferral/services/${g.id}`).expect(200);
      expectValidHsds('service', res.body);
      for (const s of res.body.schedules) expectValidHsds('schedule', s);
      expect(res.body.schedules).toEqual([
        expect.objectContaining({
          service_id: g.id,
          freq: 'MONTHLY',
          interval: 1,
          byday: '-1MO',
          opens_at: '19:00',
          notes: 'Not in August',
        }),
        expect.objectContaining({
          freq: 'WEEKLY',
          interval: 1,
          byday: 'TU',
          opens_at: '10:00',
          closes_at: '12:00',
          description: 'Tuesdays, 10am to midday (UK time)',
        }),
        expect.objectContaining({ freq: 'WEEKLY', interval: 2, byday: 'FR' }),
      ]);
      const again = await ctx.http.get(`/openreferral/services/${g.id}`).expect(200);
      expect(again.body.schedules.map((s: { id: string }) => s.id)).toEqual(
        res.body.schedules.map((s: { id: string }) => s.id),
      );
    });

    it('publishes notes alone as a schedule with a description', async () => {
      const g = await newApprovedGroup(ctx, { level: 1, schedule: 'Ring to book a time' });
      const res = await ctx.http.get(`/openreferral/services/${g.id}`).expect(200);
      expectValidHsds('service', res.body);
      expect(res.body.schedules).toEqual([
        { id: expect.any(String), service_id: g.id, description: 'Ring to book a time' },
      ]);
    });
  });

  describe('import', () => {
    it('reads HSDS schedules with rules as sessions, and CSV schedules as text', async () => {
      const feed = [
        {
          id: 'feed-schedule-1',
          name: 'Imported walking group',
          description: 'Walks',
          organization: { name: 'Walkers' },
          schedules: [
            { freq: 'WEEKLY', interval: 2, byday: 'SA', opens_at: '10:00', closes_at: '12:00' },
            { freq: 'MONTHLY', byday: '2WE', opens_at: '18:00:00' },
            { description: 'Not on bank holidays' },
          ],
        },
      ];
      const hsds = await ctx.http
        .post('/api/groups/import')
        .set('Authorization', admin.auth)
        .send({ format: 'hsds', content: JSON.stringify(feed) })
        .expect(200);
      expect(hsds.body.rejected).toEqual([]);
      expect((await read(hsds.body.groupIds[0])).body).toMatchObject({
        sessions: [
          session('wednesday', '18:00', null, 'monthly_second'),
          session('saturday', '10:00', '12:00', 'fortnightly'),
        ],
        scheduleNotes: 'Not on bank holidays',
      });

      const csv = [
        'name,description,delivery_mode,organisation_name,schedule',
        'Imported cooking,Cook together,in_person,Cooks,"Thursdays 6-8pm, term time"',
      ].join('\n');
      const fromCsv = await ctx.http
        .post('/api/groups/import')
        .set('Authorization', admin.auth)
        .send({ format: 'csv', content: csv })
        .expect(200);
      expect((await read(fromCsv.body.groupIds[0])).body).toMatchObject({
        sessions: [session('thursday', '18:00', '20:00')],
        scheduleNotes: 'term time',
      });
    });
  });

  describe('the group form', () => {
    it('takes sessions line by line, and names the line when one is wrong', async () => {
      const g = await newApprovedGroup(ctx, {
        level: 1,
        organisationId: coordinator.organisationId!,
        schedule: 'Mondays 10:00-12:00',
      });
      const agent = await signInAgent(ctx, coordinator);
      const form = await agent.get(`/groups/${g.id}/edit`).expect(200);
      expect(form.text).toMatch(/<option value="monday" selected>Monday<\/option>/);
      expect(form.text).toContain('name="session-0-start" type="text" value="10:00"');
      expect(form.text).toContain('id="session-2-weekday"');
      const fields = {
        _csrf: csrfOf(form.text),
        name: 'Evening club',
        description: 'Games',
        activityTypes: ['conversation_esol', 'befriending'],
        needsServed: ['language', 'social_connection'],
        languages: 'en, ar',
        deliveryMode: 'in_person',
        postcode: 'NG7 1AA',
        accessibility: ['childcare', 'stepFree'],
        cost: 'Free',
        'session-0-weekday': 'monday',
        'session-0-start': '10:00',
        'session-0-end': '12:00',
        'session-0-recurrence': 'weekly',
      };
      const before = await ctx.snapshot();
      const bad = await agent
        .post(`/groups/${g.id}/edit`)
        .type('form')
        .send({
          ...fields,
          'session-2-weekday': 'wednesday',
          'session-2-start': '7pm',
          'session-2-recurrence': 'weekly',
        })
        .expect(422);
      expect(bad.text).toContain('href="#session-2-start"');
      expect(bad.text).toContain('Session 3: enter the start time as a 24-hour time');
      expect(bad.text).toContain('value="7pm"');
      expect(await ctx.snapshot()).toEqual(before);

      await agent
        .post(`/groups/${g.id}/edit`)
        .type('form')
        .send({
          ...fields,
          'session-1-weekday': 'wednesday',
          'session-1-start': '18:30',
          'session-1-end': '20:30',
          'session-1-recurrence': 'fortnightly',
          scheduleNotes: 'Not in August',
        })
        .expect(303);
      const { body: change } = await ctx.http
        .get(`/api/groups/${g.id}/changes`)
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(change.items[0].fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field: 'sessions',
            after: [
              session('monday', '10:00', '12:00'),
              session('wednesday', '18:30', '20:30', 'fortnightly'),
            ],
          }),
          expect.objectContaining({ field: 'scheduleNotes', after: 'Not in August' }),
        ]),
      );
    });
  });
});
