import { EventEmitter2 } from '@nestjs/event-emitter';
import { addDays, ukDate } from '../src/casework/casework-dates';
import {
  CASE_CLOSED,
  CASE_PLACEMENTS_PAUSE,
  CASE_PLACEMENTS_RESUME,
  type CaseEvent,
} from '../src/casework/casework.events';
import { SWEMWBS_COPYRIGHT } from '../src/casework/scoring/swemwbs';
import { newCase, storedPerson } from './support/casework-factory';
import { TestContext, type TestUser } from './support/test-app';

describe('Cases (contract: "Cases")', () => {
  let ctx: TestContext;
  let worker: TestUser;
  let otherWorker: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    [worker, otherWorker, admin] = await Promise.all([
      ctx.newUser('link_worker'),
      ctx.newUser('link_worker'),
      ctx.newUser('admin'),
    ]);
  });
  afterAll(() => ctx.close());

  const get = (path: string, user: TestUser) => ctx.http.get(path).set('Authorization', user.auth);
  const put = (path: string, user: TestUser, body: object) =>
    ctx.http.put(path).set('Authorization', user.auth).send(body);
  const post = (path: string, user: TestUser, body: object) =>
    ctx.http.post(path).set('Authorization', user.auth).send(body);

  const auditCount = async (action: string, subjectId: string, actorId: string) =>
    (
      await ctx.db.query(
        'SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND subject_id = $2 AND actor_id = $3',
        [action, subjectId, actorId],
      )
    ).rows[0].n as number;

  describe('who may see cases', () => {
    it.each(['referrer', 'group_coordinator', 'commissioner'] as const)(
      'refuses a %s the caseload (403) and never confirms a case exists (404)',
      async (role) => {
        const user = await ctx.newUser(role);
        const { caseId } = await newCase(ctx, worker);
        await get('/api/cases', user).expect(403);
        await get(`/api/cases/${caseId}`, user).expect(404);
        await get(`/api/cases/${caseId}/migration-profile`, user).expect(403);
      },
    );

    it('asks for credentials without a token', async () => {
      await ctx.http.get('/api/cases').expect(401);
    });

    it('tells another link worker the case does not exist, for reads and changes', async () => {
      const { caseId } = await newCase(ctx, worker);
      const before = await ctx.snapshot();
      await get(`/api/cases/${caseId}`, otherWorker).expect(404);
      await get(`/api/cases/${caseId}/migration-profile`, otherWorker).expect(404);
      await get(`/api/cases/${caseId}/timeline`, otherWorker).expect(404);
      await put(`/api/cases/${caseId}/needs`, otherWorker, {
        needs: [{ domain: 'food', severity: 2, priority: true }],
      }).expect(404);
      await post(`/api/cases/${caseId}/crisis-points`, otherWorker, {
        type: 'destitution',
        occurredAt: ukDate(),
        pausePlacements: false,
      }).expect(404);
      await post(`/api/cases/${caseId}/close`, otherWorker, { reason: 'other' }).expect(404);
      await get('/api/cases/not-a-uuid', worker).expect(404);
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('lets an admin read a case but not change it', async () => {
      const { caseId } = await newCase(ctx, worker);
      await get(`/api/cases/${caseId}`, admin).expect(200);
      await put(`/api/cases/${caseId}/needs`, admin, {
        needs: [{ domain: 'food', severity: 2, priority: true }],
      }).expect(403);
    });

    it('audits every read of a case with the person as subject', async () => {
      const { caseId, personId } = await newCase(ctx, worker);
      await get(`/api/cases/${caseId}`, worker).expect(200);
      await get(`/api/cases/${caseId}`, admin).expect(200);
      expect(await auditCount('read', personId, worker.id)).toBe(1);
      expect(await auditCount('read', personId, admin.id)).toBe(1);
    });
  });

  describe('GET /api/cases (caseload)', () => {
    it('lists own cases: in crisis first, then overdue reviews, then the rest by review date', async () => {
      const lw = await ctx.newUser('link_worker');
      const later = await newCase(ctx, lw, { person: { givenName: 'Later' } });
      const sooner = await newCase(ctx, lw, { person: { givenName: 'Sooner' } });
      const overdue = await newCase(ctx, lw, { person: { givenName: 'Overdue' } });
      const crisis = await newCase(ctx, lw, { person: { givenName: 'Crisis' } });
      const closed = await newCase(ctx, lw, { person: { givenName: 'Closed' } });
      await newCase(ctx, otherWorker, { person: { givenName: 'NotMine' } });
      const setReview = (caseId: string, date: string) =>
        ctx.db.query('UPDATE support_case SET review_by = $2 WHERE id = $1', [caseId, date]);
      await setReview(later.caseId, addDays(ukDate(), 40));
      await setReview(sooner.caseId, addDays(ukDate(), 10));
      await setReview(overdue.caseId, addDays(ukDate(), -3));
      await setReview(crisis.caseId, addDays(ukDate(), 60));
      await post(`/api/cases/${crisis.caseId}/crisis-points`, lw, {
        type: 'eviction_or_homelessness',
        occurredAt: ukDate(),
        pausePlacements: false,
      }).expect(201);
      await post(`/api/cases/${closed.caseId}/close`, lw, { reason: 'goals_met' }).expect(200);

      const res = await get('/api/cases', lw).expect(200);
      expect(res.body.items.map((i: { givenName: string }) => i.givenName)).toEqual([
        'Crisis',
        'Overdue',
        'Sooner',
        'Later',
      ]);
      expect(res.body.items[0]).toMatchObject({
        id: crisis.caseId,
        personId: crisis.personId,
        status: 'open',
        inCrisis: true,
        reviewBy: addDays(ukDate(), 7),
      });
      expect(res.body.items[1]).toMatchObject({ inCrisis: false, reviewOverdue: true });
      expect(res.body.nextCursor).toBeNull();

      const paged = await get('/api/cases?limit=2', lw).expect(200);
      expect(paged.body.items).toHaveLength(2);
      const rest = await get(`/api/cases?limit=2&cursor=${paged.body.nextCursor}`, lw).expect(200);
      expect(rest.body.items.map((i: { givenName: string }) => i.givenName)).toEqual([
        'Sooner',
        'Later',
      ]);
      const all = await get('/api/cases?status=all', lw).expect(200);
      expect(all.body.items).toHaveLength(5);
    });

    it('shows an admin every link worker’s cases', async () => {
      const mine = await newCase(ctx, otherWorker);
      const res = await get('/api/cases?limit=200', admin).expect(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toContain(mine.caseId);
    });
  });

  describe('migration profile', () => {
    const profile = {
      countryOfBirth: 'SO',
      nationality: 'SO',
      yearOfArrival: 2019,
      mainLanguage: 'so',
      migrantStatus: 'asylum_seeker',
      interpreterNeeded: true,
    };

    it('is written and read by the assigned link worker, and every read is audited', async () => {
      const { caseId, personId } = await newCase(ctx, worker);
      const saved = await put(`/api/cases/${caseId}/migration-profile`, worker, profile).expect(
        200,
      );
      expect(saved.body).toMatchObject(profile);
      for (let i = 1; i <= 2; i++) {
        const res = await get(`/api/cases/${caseId}/migration-profile`, worker).expect(200);
        expect(res.body).toMatchObject(profile);
        expect(await auditCount('read_migration_profile', personId, worker.id)).toBe(i);
      }
      await get(`/api/cases/${caseId}/migration-profile`, admin).expect(200);
      expect(await auditCount('read_migration_profile', personId, admin.id)).toBe(1);
      expect(await auditCount('update_migration_profile', personId, worker.id)).toBe(1);
      const rows = await ctx.db.query('SELECT * FROM migration_profile WHERE person_id = $1', [
        personId,
      ]);
      expect(rows.rows).toHaveLength(1);
    });

    it('keeps fields left out, clears fields sent as null, and always allows "prefer not to say"', async () => {
      const { caseId } = await newCase(ctx, worker);
      await put(`/api/cases/${caseId}/migration-profile`, worker, profile).expect(200);
      const res = await put(`/api/cases/${caseId}/migration-profile`, worker, {
        migrantStatus: 'prefer_not_to_say',
        nationality: null,
      }).expect(200);
      expect(res.body).toMatchObject({
        countryOfBirth: 'SO',
        nationality: null,
        migrantStatus: 'prefer_not_to_say',
        yearOfArrival: 2019,
      });
    });

    it.each([
      ['an unknown country', { countryOfBirth: 'XX' }, 'countryOfBirth'],
      ['a lower-case country', { nationality: 'so' }, 'nationality'],
      ['an unknown language', { mainLanguage: 'qq' }, 'mainLanguage'],
      [
        'a year of arrival in the future',
        { yearOfArrival: new Date().getFullYear() + 1 },
        'yearOfArrival',
      ],
      ['a year of arrival before 1900', { yearOfArrival: 1899 }, 'yearOfArrival'],
      ['an unknown migrant status', { migrantStatus: 'illegal' }, 'migrantStatus'],
      ['an unknown field', { passportNumber: 'X123' }, 'passportNumber'],
    ])('refuses %s with 422 and changes nothing', async (_what, body, field) => {
      const { caseId, personId } = await newCase(ctx, worker);
      await put(`/api/cases/${caseId}/migration-profile`, worker, profile).expect(200);
      const before = await ctx.snapshot();
      const res = await put(`/api/cases/${caseId}/migration-profile`, worker, {
        ...profile,
        ...body,
      }).expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await ctx.snapshot()).toEqual(before);
      const stored = await ctx.db.query('SELECT * FROM migration_profile WHERE person_id = $1', [
        personId,
      ]);
      expect(stored.rows[0]).toMatchObject({ country_of_birth: 'SO', year_of_arrival: 2019 });
    });

    it('never appears in the case, the caseload or the timeline', async () => {
      const { caseId } = await newCase(ctx, worker);
      await put(`/api/cases/${caseId}/migration-profile`, worker, {
        ...profile,
        countryOfBirth: 'ER',
        migrantStatus: 'refused_asylum_seeker',
      }).expect(200);
      for (const path of [`/api/cases/${caseId}`, '/api/cases', `/api/cases/${caseId}/timeline`]) {
        const text = JSON.stringify((await get(path, worker).expect(200)).body);
        expect(text).not.toMatch(/refused_asylum_seeker|"ER"|migrantStatus|countryOfBirth/);
      }
    });
  });

  describe('PUT /api/cases/:id/needs', () => {
    it('appends dated assessments, keeps history and shows the change', async () => {
      const { caseId } = await newCase(ctx, worker);
      const first = await put(`/api/cases/${caseId}/needs`, worker, {
        needs: [
          { domain: 'housing', severity: 4, priority: true, note: 'Notice to quit' },
          { domain: 'mental_health', severity: 3, priority: false },
        ],
        whatMattersToMe: 'Somewhere safe for my children',
      }).expect(200);
      expect(first.body.needs).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ domain: 'housing', severity: 4, situational: true }),
          expect.objectContaining({ domain: 'mental_health', severity: 3, situational: false }),
        ]),
      );
      await put(`/api/cases/${caseId}/needs`, worker, {
        needs: [
          { domain: 'housing', severity: 2, priority: true },
          { domain: 'mental_health', severity: 3, priority: false, situational: true },
        ],
      }).expect(200);

      const history = await get(`/api/cases/${caseId}/needs`, worker).expect(200);
      expect(history.body.history).toHaveLength(2);
      expect(history.body.latest.id).toBe(history.body.history[0].id);
      expect(history.body.latest.needs).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ domain: 'mental_health', situational: true }),
        ]),
      );

      const theCase = await get(`/api/cases/${caseId}`, worker).expect(200);
      expect(theCase.body.whatMattersToMe).toBe('Somewhere safe for my children');
      expect(theCase.body.needs.id).toBe(history.body.latest.id);
      expect(theCase.body.needsChange).toEqual(
        expect.arrayContaining([{ domain: 'housing', severity: 2, previousSeverity: 4 }]),
      );
    });

    it.each([
      ['an unknown domain', [{ domain: 'astrology', severity: 1, priority: false }]],
      ['a severity above 4', [{ domain: 'food', severity: 5, priority: false }]],
      ['a negative severity', [{ domain: 'food', severity: -1, priority: false }]],
      [
        'the same domain twice',
        [
          { domain: 'food', severity: 1, priority: false },
          { domain: 'food', severity: 3, priority: true },
        ],
      ],
      ['no needs at all', []],
    ])('refuses %s with 422 and changes nothing', async (_what, needs) => {
      const { caseId } = await newCase(ctx, worker);
      const before = await ctx.snapshot();
      await put(`/api/cases/${caseId}/needs`, worker, { needs }).expect(422);
      expect(await ctx.snapshot()).toEqual(before);
    });
  });

  describe('PUT /api/cases/:id/safeguarding', () => {
    it.each([
      [[], 1],
      [['adult_at_risk'], 2],
      [['child'], 2],
      [['child', 'trafficking_survivor'], 3],
      [['torture_survivor'], 3],
      [['gender_based_violence'], 3],
      [['exploitation_risk'], 3],
      [['recent_trauma_disclosure'], 3],
    ])('flags %j require level %i, shown on the case', async (flags, level) => {
      const { caseId } = await newCase(ctx, worker);
      const res = await put(`/api/cases/${caseId}/safeguarding`, worker, { flags }).expect(200);
      expect(res.body.requiredLevel).toBe(level);
      const theCase = await get(`/api/cases/${caseId}`, worker).expect(200);
      expect(theCase.body.requiredLevel).toBe(level);
    });

    it('encrypts the note at rest and refuses unknown flags', async () => {
      const { caseId } = await newCase(ctx, worker);
      const note = 'Disclosed being held in forced labour at a car wash';
      await put(`/api/cases/${caseId}/safeguarding`, worker, {
        flags: ['trafficking_survivor'],
        note,
      }).expect(200);
      const raw = await ctx.db.query('SELECT note FROM safeguarding_record WHERE case_id = $1', [
        caseId,
      ]);
      expect(raw.rows[0].note).toMatch(/^v1:/);
      expect(raw.rows[0].note).not.toContain('car wash');
      const theCase = await get(`/api/cases/${caseId}`, worker).expect(200);
      expect(theCase.body.safeguarding.note).toBe(note);

      const before = await ctx.snapshot();
      await put(`/api/cases/${caseId}/safeguarding`, worker, { flags: ['vip'] }).expect(422);
      expect(await ctx.snapshot()).toEqual(before);
    });
  });

  describe('crisis points', () => {
    it('puts the case in crisis with a review within 7 days, pausing placements when asked', async () => {
      const { caseId } = await newCase(ctx, worker);
      const events: [string, CaseEvent][] = [];
      const emitter = ctx.app.get(EventEmitter2);
      const onPause = (e: CaseEvent) => events.push(['pause', e]);
      const onResume = (e: CaseEvent) => events.push(['resume', e]);
      emitter.on(CASE_PLACEMENTS_PAUSE, onPause);
      emitter.on(CASE_PLACEMENTS_RESUME, onResume);
      try {
        const created = await post(`/api/cases/${caseId}/crisis-points`, worker, {
          type: 'asylum_decision_refused',
          occurredAt: addDays(ukDate(), -1),
          note: 'Refusal letter arrived; 14 days to appeal',
          pausePlacements: true,
        }).expect(201);
        expect(created.body).toMatchObject({ type: 'asylum_decision_refused', resolvedAt: null });
        expect(events).toEqual([
          ['pause', expect.objectContaining({ caseId, actorId: worker.id })],
        ]);
        expect(events[0][1].manager).toBeDefined();

        const theCase = await get(`/api/cases/${caseId}`, worker).expect(200);
        expect(theCase.body.inCrisis).toBe(true);
        expect(theCase.body.reviewBy <= addDays(ukDate(), 7)).toBe(true);
        expect(theCase.body.openCrisisPoints).toHaveLength(1);

        const raw = await ctx.db.query('SELECT note FROM crisis_point WHERE id = $1', [
          created.body.id,
        ]);
        expect(raw.rows[0].note).not.toContain('Refusal');

        const resolved = await post(
          `/api/cases/${caseId}/crisis-points/${created.body.id}/resolve`,
          worker,
          { resolvedAt: ukDate(), resumePlacements: true },
        ).expect(200);
        expect(resolved.body.resolvedAt).not.toBeNull();
        expect(events.map(([kind]) => kind)).toEqual(['pause', 'resume']);
        const after = await get(`/api/cases/${caseId}`, worker).expect(200);
        expect(after.body.inCrisis).toBe(false);
        expect(after.body.openCrisisPoints).toHaveLength(0);

        await post(`/api/cases/${caseId}/crisis-points/${created.body.id}/resolve`, worker, {
          resolvedAt: ukDate(),
          resumePlacements: false,
        }).expect(409);
      } finally {
        emitter.off(CASE_PLACEMENTS_PAUSE, onPause);
        emitter.off(CASE_PLACEMENTS_RESUME, onResume);
      }
    });

    it('stays in crisis until every crisis point is resolved, and does not pause unless asked', async () => {
      const { caseId } = await newCase(ctx, worker);
      const record = (type: string) =>
        post(`/api/cases/${caseId}/crisis-points`, worker, {
          type,
          occurredAt: new Date().toISOString(),
          pausePlacements: false,
        }).expect(201);
      const a = await record('destitution');
      await record('bereavement');
      await post(`/api/cases/${caseId}/crisis-points/${a.body.id}/resolve`, worker, {
        resolvedAt: ukDate(),
        resumePlacements: false,
      }).expect(200);
      const theCase = await get(`/api/cases/${caseId}`, worker).expect(200);
      expect(theCase.body.inCrisis).toBe(true);
    });

    it.each([
      ['a future date', { type: 'destitution', occurredAt: addDays(ukDate(), 2) }],
      ['an unknown type', { type: 'bad_day', occurredAt: ukDate() }],
      ['a date that is not a date', { type: 'destitution', occurredAt: 'yesterday' }],
      [
        'no pause decision',
        { type: 'destitution', occurredAt: ukDate(), pausePlacements: undefined },
      ],
    ])('refuses %s with 422 and changes nothing', async (_what, body) => {
      const { caseId } = await newCase(ctx, worker);
      const before = await ctx.snapshot();
      await post(`/api/cases/${caseId}/crisis-points`, worker, {
        pausePlacements: false,
        ...body,
      }).expect(422);
      expect(await ctx.snapshot()).toEqual(before);
      const theCase = await get(`/api/cases/${caseId}`, worker).expect(200);
      expect(theCase.body.inCrisis).toBe(false);
    });

    it('answers 404 for a crisis point of another case', async () => {
      const one = await newCase(ctx, worker);
      const two = await newCase(ctx, worker);
      const crisis = await post(`/api/cases/${one.caseId}/crisis-points`, worker, {
        type: 'detention_risk',
        occurredAt: ukDate(),
        pausePlacements: false,
      }).expect(201);
      await post(`/api/cases/${two.caseId}/crisis-points/${crisis.body.id}/resolve`, worker, {
        resolvedAt: ukDate(),
        resumePlacements: false,
      }).expect(404);
    });
  });

  describe('POST /api/cases/:id/onward-referrals', () => {
    it('records a referral to professional support, with the reason sealed at rest', async () => {
      const { caseId } = await newCase(ctx, worker);
      const res = await post(`/api/cases/${caseId}/onward-referrals`, worker, {
        service: 'modern_slavery_nrm',
        reason: 'First responder referral to the NRM',
      }).expect(201);
      expect(res.body).toMatchObject({ service: 'modern_slavery_nrm' });
      const raw = await ctx.db.query('SELECT reason FROM onward_referral WHERE id = $1', [
        res.body.id,
      ]);
      expect(raw.rows[0].reason).not.toContain('NRM');
      const theCase = await get(`/api/cases/${caseId}`, worker).expect(200);
      expect(theCase.body.onwardReferrals).toHaveLength(1);
    });

    it.each([
      ['an unknown service', { service: 'psychic', reason: 'x' }],
      ['a reason over 1000 characters', { service: 'gp', reason: 'x'.repeat(1001) }],
      ['no reason', { service: 'gp' }],
    ])('refuses %s with 422', async (_what, body) => {
      const { caseId } = await newCase(ctx, worker);
      const before = await ctx.snapshot();
      await post(`/api/cases/${caseId}/onward-referrals`, worker, body).expect(422);
      expect(await ctx.snapshot()).toEqual(before);
    });
  });

  describe('POST /api/cases/:id/outcomes', () => {
    it.each([
      [[1, 1, 1, 1, 1, 1, 1], 7, 7],
      [[2, 2, 2, 2, 1, 1, 1], 11, 13.33],
      [[3, 3, 3, 3, 3, 3, 3], 21, 19.25],
      [[4, 4, 4, 4, 4, 4, 4], 28, 25.03],
      [[5, 5, 5, 5, 5, 5, 4], 34, 32.55],
      [[5, 5, 5, 5, 5, 5, 5], 35, 35],
    ])('scores SWEMWBS %j as raw %i and metric %d', async (answers, raw, metric) => {
      const { caseId } = await newCase(ctx, worker);
      const res = await post(`/api/cases/${caseId}/outcomes`, worker, {
        instrument: 'SWEMWBS',
        timepoint: 'baseline',
        answers,
      }).expect(201);
      expect(res.body.scores).toEqual({ raw, metric });
    });

    it('scores ONS4 with the ONS bands and UCLA3 with its total', async () => {
      const { caseId } = await newCase(ctx, worker);
      const ons = await post(`/api/cases/${caseId}/outcomes`, worker, {
        instrument: 'ONS4',
        timepoint: 'baseline',
        answers: [4, 7, 9, 6],
      }).expect(201);
      expect(ons.body.scores).toMatchObject({
        lifeSatisfaction: 4,
        lifeSatisfactionBand: 'low',
        worthwhileBand: 'high',
        happinessBand: 'very_high',
        anxiety: 6,
        anxietyBand: 'high',
      });
      const ucla = await post(`/api/cases/${caseId}/outcomes`, worker, {
        instrument: 'UCLA3',
        timepoint: 'baseline',
        answers: [3, 2, 1],
      }).expect(201);
      expect(ucla.body.scores).toEqual({ total: 6, band: 'lonely' });
    });

    it.each([
      ['SWEMWBS with six answers', 'SWEMWBS', [3, 3, 3, 3, 3, 3], 'answers'],
      ['SWEMWBS with a 6', 'SWEMWBS', [6, 3, 3, 3, 3, 3, 3], 'answers[0]'],
      ['ONS4 with an 11', 'ONS4', [5, 5, 5, 11], 'answers[3]'],
      ['UCLA3 with a 0', 'UCLA3', [1, 0, 1], 'answers[1]'],
      ['UCLA3 with text', 'UCLA3', [1, 'often', 1], 'answers[1]'],
    ])('refuses %s with 422 naming the answer', async (_what, instrument, answers, field) => {
      const { caseId } = await newCase(ctx, worker);
      const before = await ctx.snapshot();
      const res = await post(`/api/cases/${caseId}/outcomes`, worker, {
        instrument,
        timepoint: 'baseline',
        answers,
      }).expect(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('refuses an unknown instrument or time point', async () => {
      const { caseId } = await newCase(ctx, worker);
      await post(`/api/cases/${caseId}/outcomes`, worker, {
        instrument: 'PHQ9',
        timepoint: 'baseline',
        answers: [1],
      }).expect(422);
      await post(`/api/cases/${caseId}/outcomes`, worker, {
        instrument: 'UCLA3',
        timepoint: 'midway',
        answers: [1, 1, 1],
      }).expect(422);
    });

    it('shows the change between time points on the case', async () => {
      const { caseId } = await newCase(ctx, worker);
      await post(`/api/cases/${caseId}/outcomes`, worker, {
        instrument: 'SWEMWBS',
        timepoint: 'baseline',
        answers: [2, 2, 2, 2, 2, 2, 2],
      }).expect(201);
      await post(`/api/cases/${caseId}/outcomes`, worker, {
        instrument: 'SWEMWBS',
        timepoint: 'review',
        answers: [3, 3, 3, 3, 3, 3, 3],
      }).expect(201);
      const theCase = await get(`/api/cases/${caseId}`, worker).expect(200);
      expect(theCase.body.outcomes).toHaveLength(2);
      expect(theCase.body.outcomeChanges).toEqual([
        expect.objectContaining({
          instrument: 'SWEMWBS',
          from: expect.objectContaining({ timepoint: 'baseline' }),
          to: expect.objectContaining({ timepoint: 'review' }),
          difference: { raw: 7, metric: 3.93 },
          swemwbs: 'improved',
        }),
      ]);
    });
  });

  describe('POST /api/cases/:id/close', () => {
    it('closes with a coded reason, ends placements by event, and refuses a second close', async () => {
      const { caseId } = await newCase(ctx, worker);
      const closed: string[] = [];
      const emitter = ctx.app.get(EventEmitter2);
      const onClosed = (e: CaseEvent & { reason: string }) => closed.push(e.reason);
      emitter.on(CASE_CLOSED, onClosed);
      try {
        const res = await post(`/api/cases/${caseId}/close`, worker, {
          reason: 'goals_met',
        }).expect(200);
        expect(res.body).toMatchObject({ status: 'closed', closeReason: 'goals_met' });
        expect(closed).toEqual(['goals_met']);
        await post(`/api/cases/${caseId}/close`, worker, { reason: 'goals_met' }).expect(409);
        await put(`/api/cases/${caseId}/needs`, worker, {
          needs: [{ domain: 'food', severity: 1, priority: false }],
        }).expect(409);
        await get(`/api/cases/${caseId}/transfer-summary`, worker).expect(409);
      } finally {
        emitter.off(CASE_CLOSED, onClosed);
      }
    });

    it('refuses an unknown reason', async () => {
      const { caseId } = await newCase(ctx, worker);
      await post(`/api/cases/${caseId}/close`, worker, { reason: 'bored' }).expect(422);
      const theCase = await get(`/api/cases/${caseId}`, worker).expect(200);
      expect(theCase.body.status).toBe('open');
    });

    it('gives a relocating person a transfer summary with no immigration detail', async () => {
      const { caseId } = await newCase(ctx, worker, { person: { givenName: 'Hamid' } });
      await put(`/api/cases/${caseId}/migration-profile`, worker, {
        migrantStatus: 'asylum_seeker',
        countryOfBirth: 'AF',
      }).expect(200);
      await put(`/api/cases/${caseId}/needs`, worker, {
        needs: [
          { domain: 'immigration_legal', severity: 4, priority: true, note: 'Appeal hearing' },
          { domain: 'social_connection', severity: 3, priority: true },
        ],
      }).expect(200);
      await post(`/api/cases/${caseId}/onward-referrals`, worker, {
        service: 'immigration_advice',
        reason: 'Appeal',
      }).expect(201);
      await post(`/api/cases/${caseId}/onward-referrals`, worker, {
        service: 'mental_health',
        reason: 'Low mood',
      }).expect(201);
      await post(`/api/cases/${caseId}/outcomes`, worker, {
        instrument: 'SWEMWBS',
        timepoint: 'baseline',
        answers: [2, 2, 2, 2, 2, 2, 2],
      }).expect(201);
      await post(`/api/cases/${caseId}/close`, worker, {
        reason: 'relocated',
        transferConsent: true,
      }).expect(200);

      const json = await get(`/api/cases/${caseId}/transfer-summary`, worker).expect(200);
      expect(json.body).toMatchObject({
        givenName: 'Hamid',
        needs: [expect.objectContaining({ domain: 'social_connection' })],
        whatHelped: ['mental_health'],
      });
      const html = await get(`/api/cases/${caseId}/transfer-summary?format=html`, worker).expect(
        200,
      );
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.text).toContain('Hamid');
      expect(html.text).toContain('Social connection');
      expect(html.text).toContain(SWEMWBS_COPYRIGHT);
      expect(html.text).not.toMatch(/asylum|Afghanistan|Appeal|immigration/i);
    });

    it('gives no transfer summary without the person’s consent', async () => {
      const { caseId } = await newCase(ctx, worker);
      await post(`/api/cases/${caseId}/close`, worker, { reason: 'moved_away' }).expect(200);
      await get(`/api/cases/${caseId}/transfer-summary`, worker).expect(409);
    });
  });

  describe('GET /api/cases/:id/timeline', () => {
    it('lists everything that happened in order, without notes or flags', async () => {
      const { caseId } = await newCase(ctx, worker);
      await put(`/api/cases/${caseId}/needs`, worker, {
        needs: [{ domain: 'food', severity: 2, priority: true }],
      }).expect(200);
      await put(`/api/cases/${caseId}/safeguarding`, worker, {
        flags: ['torture_survivor'],
        note: 'Scars on arms',
      }).expect(200);
      const crisis = await post(`/api/cases/${caseId}/crisis-points`, worker, {
        type: 'destitution',
        occurredAt: ukDate(),
        note: 'No money for food',
        pausePlacements: false,
      }).expect(201);
      await post(`/api/cases/${caseId}/crisis-points/${crisis.body.id}/resolve`, worker, {
        resolvedAt: ukDate(),
        resumePlacements: false,
      }).expect(200);
      await post(`/api/cases/${caseId}/onward-referrals`, worker, {
        service: 'food_bank',
        reason: 'Voucher',
      }).expect(201);
      await post(`/api/cases/${caseId}/outcomes`, worker, {
        instrument: 'UCLA3',
        timepoint: 'exit',
        answers: [1, 1, 1],
      }).expect(201);
      await post(`/api/cases/${caseId}/close`, worker, { reason: 'goals_met' }).expect(200);

      const res = await get(`/api/cases/${caseId}/timeline`, worker).expect(200);
      expect(res.body.items.map((i: { kind: string }) => i.kind)).toEqual([
        'case_opened',
        'needs_assessed',
        'safeguarding_updated',
        'crisis_recorded',
        'crisis_resolved',
        'onward_referral',
        'outcome_recorded',
        'case_closed',
      ]);
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/torture|Scars|No money|Voucher/);
    });
  });

  describe('data protection', () => {
    it('exports everything held about a person, with who read it, for admins only', async () => {
      const { caseId, personId } = await newCase(ctx, worker);
      await put(`/api/cases/${caseId}/migration-profile`, worker, { countryOfBirth: 'SY' }).expect(
        200,
      );
      await post(`/api/cases/${caseId}/crisis-points`, worker, {
        type: 'eviction_or_homelessness',
        occurredAt: ukDate(),
        note: 'Asked to leave hostel',
        pausePlacements: false,
      }).expect(201);
      await get(`/api/cases/${caseId}/migration-profile`, worker).expect(200);
      await get(`/api/people/${personId}/export`, worker).expect(403);
      const res = await get(`/api/people/${personId}/export`, admin).expect(200);
      expect(res.body.person).toMatchObject({ id: personId, givenName: 'Amina' });
      expect(res.body.migrationProfile.countryOfBirth).toBe('SY');
      expect(res.body.cases[0].crisisPoints[0].note).toBe('Asked to leave hostel');
      expect(res.body.audit).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actorId: worker.id, action: 'read_migration_profile' }),
        ]),
      );
    });

    it('erases identifying data and notes, keeping codes and counts', async () => {
      const { caseId, personId } = await newCase(ctx, worker, {
        person: { phone: '07700 900123', nhsNumber: '9434765919' },
      });
      await put(`/api/cases/${caseId}/needs`, worker, {
        needs: [{ domain: 'housing', severity: 3, priority: true, note: 'Sofa surfing' }],
        whatMattersToMe: 'My daughter',
      }).expect(200);
      const before = await ctx.snapshot();
      const tokens = ((await storedPerson(ctx, personId)).name_tokens as Buffer[]).length;
      expect(tokens).toBeGreaterThan(0);
      await post(`/api/people/${personId}/erase`, admin, {}).expect(200);
      // Every row stays, anonymised in place; only the person's own name tokens are gone.
      expect(await ctx.snapshot()).toEqual({
        ...before,
        person_name_token: before.person_name_token - tokens,
      });
      const person = await storedPerson(ctx, personId);
      expect(person).toMatchObject({
        given_name: 'Erased',
        family_name: null,
        phone: null,
        nhs_number: null,
        // The report facts keep the age band and the area codes; these go (issue 22).
        postcode: null,
        date_of_birth: null,
      });
      expect(person.erased_at).not.toBeNull();
      // No blind-index token is left by which search or intake could find them again.
      expect(person).toMatchObject({ phone_index: null, nhs_number_index: null, name_tokens: [] });
      const theCase = await get(`/api/cases/${caseId}`, worker).expect(200);
      expect(theCase.body.whatMattersToMe).toBeNull();
      expect(theCase.body.needs.needs[0]).toMatchObject({
        domain: 'housing',
        severity: 3,
        note: null,
      });
    });
  });
});
