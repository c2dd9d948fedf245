import {
  assignReferral,
  createReferral,
  minimalReferralBody,
  referralBody,
  uniquePerson,
} from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

describe('Referrals (contract: "Referrals")', () => {
  let ctx: TestContext;
  let referrer: TestUser;
  let linkWorker: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    referrer = await ctx.newUser('referrer');
    linkWorker = await ctx.newUser('link_worker');
    admin = await ctx.newUser('admin');
  });
  afterAll(() => ctx.close());

  const post = (user: TestUser, body: unknown) =>
    ctx.http
      .post('/api/referrals')
      .set('Authorization', user.auth)
      .send(body as object);

  describe('POST /api/referrals', () => {
    it('records the contract example and answers 201 {id, reference, status, receivedAt}', async () => {
      const res = await post(referrer, referralBody()).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        reference: expect.stringMatching(/^LW-\d{4}-\d{6}$/),
        status: 'received',
        receivedAt: expect.any(String),
      });
      const { rows } = await ctx.db.query(
        `SELECT channel, organisation_id, consent_share_with_providers, consent_date::text AS consent_date,
                consent_recorded_by_id, consent_given_by, summary_encrypted FROM referral WHERE id = $1`,
        [res.body.id],
      );
      expect(rows[0]).toMatchObject({
        channel: 'gp_practice',
        organisation_id: referrer.organisationId,
        consent_share_with_providers: true,
        consent_date: '2026-01-20',
        consent_recorded_by_id: referrer.id,
        consent_given_by: 'person',
      });
      expect(rows[0].summary_encrypted).not.toContain('Isolated'); // free text is encrypted at rest
    });

    it('needs only a given name, one reason, a channel and consent', async () => {
      const res = await post(linkWorker, minimalReferralBody('Sam')).expect(201);
      const detail = await ctx.http
        .get(`/api/referrals/${res.body.id}`)
        .set('Authorization', linkWorker.auth)
        .expect(200);
      expect(detail.body).toMatchObject({
        channel: 'charity',
        person: { givenName: 'Sam' },
        reasons: ['social_connection'],
        urgency: 'routine',
        consent: {
          referralDiscussed: true,
          shareWithProviders: false,
          recordedById: linkWorker.id,
        },
      });
    });

    it('is kept by the database to at least one reason, each once, whatever the door', async () => {
      const res = await post(linkWorker, minimalReferralBody('Reasons')).expect(201);
      const set = (reasons: string[]) =>
        ctx.db.query('UPDATE referral SET reasons = $2 WHERE id = $1', [res.body.id, reasons]);
      await expect(set([])).rejects.toThrow(/CHK_referral_reasons/);
      await expect(set(['housing', 'money', 'housing'])).rejects.toThrow(/CHK_referral_reasons/);
      await set(['housing', 'money']);
      const { rows } = await ctx.db.query('SELECT reasons FROM referral WHERE id = $1', [
        res.body.id,
      ]);
      expect(rows[0].reasons).toEqual(['housing', 'money']);
    });

    it('gives each referral its own sequential reference', async () => {
      const a = await post(referrer, minimalReferralBody('Ref A')).expect(201);
      const b = await post(referrer, minimalReferralBody('Ref B')).expect(201);
      const n = (r: string) => Number(r.split('-')[2]);
      expect(n(b.body.reference)).toBeGreaterThan(n(a.body.reference));
    });

    it.each([
      [
        'consent not given',
        referralBody({ consent: { referralDiscussed: false } }),
        'consent.referralDiscussed',
      ],
      ['consent missing', { ...minimalReferralBody(), consent: undefined }, 'consent'],
      ['an unknown reason code', referralBody({ reasons: ['loneliness'] }), 'reasons'],
      ['no reasons', referralBody({ reasons: [] }), 'reasons'],
      ['an unknown channel', referralBody({ channel: 'carrier_pigeon' }), 'channel'],
      [
        'an NHS number failing modulus 11',
        referralBody({ person: { nhsNumber: '9434765918' } }),
        'person.nhsNumber',
      ],
      ['no given name', referralBody({ person: { givenName: '  ' } }), 'person.givenName'],
      [
        'a given name over 100 characters',
        referralBody({ person: { givenName: 'A'.repeat(101) } }),
        'person.givenName',
      ],
      ['a summary over 2000 characters', referralBody({ summary: 'x'.repeat(2001) }), 'summary'],
      [
        'a date of birth in the future',
        referralBody({ person: { dateOfBirth: '2999-01-01' } }),
        'person.dateOfBirth',
      ],
      [
        'an impossible date',
        referralBody({ person: { dateOfBirth: '1990-02-30' } }),
        'person.dateOfBirth',
      ],
      [
        'an unknown language',
        referralBody({ person: { preferredLanguage: 'xx' } }),
        'person.preferredLanguage',
      ],
      ['a bad postcode', referralBody({ person: { postcode: 'NOT A CODE' } }), 'person.postcode'],
      ['an unknown urgency', referralBody({ urgency: 'whenever' }), 'urgency'],
      [
        'an unknown field',
        referralBody({ immigrationStatus: 'asylum_seeker' }),
        'immigrationStatus',
      ],
    ])('refuses %s with 422 and creates nothing', async (_what, body, field) => {
      const before = await ctx.snapshot();
      const res = await post(referrer, body).expect(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('answers malformed JSON with 400 and creates nothing', async () => {
      const before = await ctx.snapshot();
      await ctx.http
        .post('/api/referrals')
        .set('Authorization', referrer.auth)
        .set('Content-Type', 'application/json')
        .send('{"channel": "gp_practice",')
        .expect(400);
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('is refused to commissioners and group coordinators (403) and to nobody signed in (401)', async () => {
      const commissioner = await ctx.newUser('commissioner');
      const coordinator = await ctx.newUser('group_coordinator');
      await post(commissioner, referralBody()).expect(403);
      await post(coordinator, referralBody()).expect(403);
      await ctx.http.post('/api/referrals').send(referralBody()).expect(401);
      await ctx.http.get('/api/referrals').set('Authorization', commissioner.auth).expect(403);
      await ctx.http.get('/api/referrals').set('Authorization', coordinator.auth).expect(403);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first answer to simultaneous retries and creates one referral', async () => {
      const body = referralBody({ person: uniquePerson('Retry') });
      const before = await ctx.count('referral');
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          ctx.http
            .post('/api/referrals')
            .set('Authorization', referrer.auth)
            .set('Idempotency-Key', 'retry-key-1')
            .send(body),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      for (const r of responses) expect(r.body).toEqual(responses[0].body);
      expect(await ctx.count('referral')).toBe(before + 1);
      expect(await ctx.count('person')).toBeGreaterThan(0);
      const { rows } = await ctx.db.query('SELECT count(*)::int AS n FROM referral WHERE id = $1', [
        responses[0].body.id,
      ]);
      expect(rows[0].n).toBe(1);
    });

    it('answers a later retry with the same status and body', async () => {
      const body = minimalReferralBody('Later');
      const first = await post(referrer, body).set('Idempotency-Key', 'later-1').expect(201);
      const before = await ctx.snapshot();
      const again = await post(referrer, body).set('Idempotency-Key', 'later-1').expect(201);
      expect(again.body).toEqual(first.body);
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('refuses the same key with a different body (409) and creates nothing', async () => {
      await post(referrer, minimalReferralBody('One')).set('Idempotency-Key', 'k-409').expect(201);
      const before = await ctx.snapshot();
      const res = await post(referrer, minimalReferralBody('Two'))
        .set('Idempotency-Key', 'k-409')
        .expect(409);
      expect(res.body.code).toBe('idempotency_key_reused');
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('keeps keys per user: another user with the same key gets a referral of their own', async () => {
      const other = await ctx.newUser('referrer');
      const a = await post(referrer, minimalReferralBody('Mine')).set('Idempotency-Key', 'shared');
      const b = await post(other, minimalReferralBody('Mine')).set('Idempotency-Key', 'shared');
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.body.id).not.toBe(a.body.id);
    });

    it('refuses a malformed key with 422', async () => {
      await post(referrer, minimalReferralBody())
        .set('Idempotency-Key', 'x'.repeat(201))
        .expect(422);
    });
  });

  describe('possible duplicates', () => {
    it('flags an earlier person with the same date of birth and a similar name, without refusing', async () => {
      const person = {
        givenName: 'Fatima',
        familyName: 'Rahimi',
        dateOfBirth: '1977-03-05',
        phone: null,
        nhsNumber: null,
      };
      const first = await post(referrer, referralBody({ person })).expect(201);
      const second = await post(
        referrer,
        referralBody({ person: { ...person, givenName: 'Fatimah' } }),
      ).expect(201);
      const staff = await ctx.http
        .get(`/api/referrals/${second.body.id}`)
        .set('Authorization', linkWorker.auth)
        .expect(200);
      expect(staff.body.possibleDuplicates).toEqual([
        expect.objectContaining({
          reason: 'same_date_of_birth_similar_name',
          referrals: [{ id: first.body.id, reference: first.body.reference }],
        }),
      ]);
      const own = await ctx.http
        .get(`/api/referrals/${second.body.id}`)
        .set('Authorization', referrer.auth)
        .expect(200);
      expect(own.body.possibleDuplicates).toBeUndefined();
    });

    it('flags the same phone number', async () => {
      await post(
        referrer,
        referralBody({ person: { ...uniquePerson(), phone: '07700 111222' } }),
      ).expect(201);
      const second = await post(
        referrer,
        referralBody({ person: { ...uniquePerson(), phone: '+44 7700 111222' } }),
      ).expect(201);
      const staff = await ctx.http
        .get(`/api/referrals/${second.body.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(staff.body.possibleDuplicates[0].reason).toBe('same_phone');
    });
  });

  describe('GET /api/referrals and /:id', () => {
    it('shows a referrer only status, dates and outcome of their own organisation’s referrals', async () => {
      const colleague = await ctx.newUser('referrer', { organisationId: referrer.organisationId! });
      const { id } = await createReferral(ctx, referrer);
      const res = await ctx.http
        .get(`/api/referrals/${id}`)
        .set('Authorization', colleague.auth)
        .expect(200);
      expect(Object.keys(res.body).sort()).toEqual(
        ['id', 'outcome', 'receivedAt', 'reference', 'status', 'updatedAt'].sort(),
      );
      // Nothing has happened to it yet: it was last updated when it was received.
      expect(res.body.updatedAt).toBe(res.body.receivedAt);
      const list = await ctx.http
        .get('/api/referrals')
        .set('Authorization', colleague.auth)
        .expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items)
        expect(Object.keys(item).sort()).toEqual(
          ['id', 'outcome', 'receivedAt', 'reference', 'status', 'updatedAt'].sort(),
        );
      expect(JSON.stringify(list.body)).not.toContain('Amina');
    });

    it('hides another organisation’s referral (404) and leaves it out of their list', async () => {
      const stranger = await ctx.newUser('referrer');
      const { id } = await createReferral(ctx, referrer);
      await ctx.http.get(`/api/referrals/${id}`).set('Authorization', stranger.auth).expect(404);
      await ctx.http
        .get(`/api/referrals/${id}/message-back`)
        .set('Authorization', stranger.auth)
        .expect(404);
      const list = await ctx.http
        .get('/api/referrals')
        .set('Authorization', stranger.auth)
        .expect(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    });

    it('answers 404 for an unknown or non-UUID id', async () => {
      await ctx.http
        .get('/api/referrals/00000000-0000-4000-8000-000000000000')
        .set('Authorization', admin.auth)
        .expect(404);
      await ctx.http.get('/api/referrals/nope').set('Authorization', admin.auth).expect(404);
    });

    it('lists unassigned referrals first, most urgent first, then oldest, for link workers', async () => {
      const lw = await ctx.newUser('link_worker');
      const make = async (urgency: string) => (await createReferral(ctx, referrer, { urgency })).id;
      const routineOld = await make('routine');
      const soon = await make('soon');
      const urgentOld = await make('urgent');
      const assignedUrgent = await make('urgent');
      const routineNew = await make('routine');
      const urgentNew = await make('urgent');
      await assignReferral(ctx, lw, assignedUrgent, lw.id).expect(200);
      const ours = [routineOld, soon, urgentOld, assignedUrgent, routineNew, urgentNew];

      const all = await ctx.http
        .get('/api/referrals?limit=200')
        .set('Authorization', lw.auth)
        .expect(200);
      const ids: string[] = all.body.items.map((i: { id: string }) => i.id);
      expect(ids.filter((id) => ours.includes(id))).toEqual([
        urgentOld,
        urgentNew,
        soon,
        routineOld,
        routineNew,
        assignedUrgent,
      ]);
      const statuses: string[] = all.body.items.map((i: { status: string }) => i.status);
      expect(statuses.lastIndexOf('received')).toBeLessThan(statuses.indexOf('assigned'));
      const first = all.body.items.find((i: { id: string }) => i.id === urgentOld);
      expect(first).toMatchObject({ person: { givenName: expect.any(String) }, urgency: 'urgent' });
      expect(first.summary).toBeUndefined();

      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } =
          await ctx.http
            .get(`/api/referrals?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
            .set('Authorization', lw.auth)
            .expect(200);
        paged.push(...page.body.items.map((i: { id: string }) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(ids);

      const unassigned = await ctx.http
        .get('/api/referrals?unassigned=true&limit=200')
        .set('Authorization', lw.auth)
        .expect(200);
      expect(
        unassigned.body.items.every(
          (i: { assignedLinkWorkerId: string | null }) => i.assignedLinkWorkerId === null,
        ),
      ).toBe(true);
      expect(unassigned.body.items.map((i: { id: string }) => i.id)).not.toContain(assignedUrgent);
      const mine = await ctx.http
        .get('/api/referrals?status=assigned&assignedTo=me')
        .set('Authorization', lw.auth)
        .expect(200);
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([assignedUrgent]);
      await ctx.http.get('/api/referrals?status=lost').set('Authorization', lw.auth).expect(422);
      await ctx.http.get('/api/referrals?cursor=bad!').set('Authorization', lw.auth).expect(422);
    });

    it('writes each staff read of a referral to the audit log', async () => {
      const { id } = await createReferral(ctx, referrer);
      await ctx.http.get(`/api/referrals/${id}`).set('Authorization', linkWorker.auth).expect(200);
      const { rows } = await ctx.db.query(
        `SELECT actor_id FROM audit_event WHERE entity = 'referral' AND entity_id = $1 AND action = 'read'`,
        [id],
      );
      expect(rows.map((r) => r.actor_id)).toEqual([linkWorker.id]);
    });
  });

  describe('triage: assign, contact, accept, decline', () => {
    it('assigns to a link worker (200) and shows it as assigned', async () => {
      const { id } = await createReferral(ctx, referrer);
      const res = await assignReferral(ctx, admin, id, linkWorker.id).expect(200);
      expect(res.body).toMatchObject({ status: 'assigned', assignedLinkWorkerId: linkWorker.id });
      const own = await ctx.http
        .get(`/api/referrals/${id}`)
        .set('Authorization', referrer.auth)
        .expect(200);
      expect(own.body.status).toBe('assigned');
    });

    it('refuses to assign to someone who is not an active link worker (422)', async () => {
      const { id } = await createReferral(ctx, referrer);
      const before = await ctx.snapshot();
      await assignReferral(ctx, admin, id, admin.id).expect(422);
      await assignReferral(ctx, admin, id, '00000000-0000-4000-8000-000000000000').expect(422);
      await assignReferral(ctx, admin, id, 'not-a-uuid').expect(422);
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('refuses with 409 caseload_full when the link worker is at their limit', async () => {
      const busy = await ctx.newUser('link_worker', { caseloadLimit: 2 });
      const a = await createReferral(ctx, referrer);
      const b = await createReferral(ctx, referrer);
      const c = await createReferral(ctx, referrer);
      await assignReferral(ctx, admin, a.id, busy.id).expect(200);
      await ctx.http
        .post(`/api/referrals/${a.id}/accept`)
        .set('Authorization', busy.auth)
        .expect(201);
      await assignReferral(ctx, admin, b.id, busy.id).expect(200);
      const full = await assignReferral(ctx, admin, c.id, busy.id).expect(409);
      expect(full.body.code).toBe('caseload_full');
      // re-assigning a referral they already hold does not count it twice
      await assignReferral(ctx, admin, b.id, busy.id).expect(200);
    });

    it('never over-fills a caseload under simultaneous assignments', async () => {
      const lw = await ctx.newUser('link_worker', { caseloadLimit: 1 });
      const referrals = await Promise.all(
        Array.from({ length: 5 }, () => createReferral(ctx, referrer)),
      );
      const results = await Promise.all(
        referrals.map((r) => assignReferral(ctx, admin, r.id, lw.id)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
      const { rows } = await ctx.db.query(
        `SELECT count(*)::int AS n FROM referral WHERE assigned_link_worker_id = $1`,
        [lw.id],
      );
      expect(rows[0].n).toBe(1);
    });

    it('accepts: opens a case for the assigned link worker (201 {caseId}); twice is 409', async () => {
      const { id } = await createReferral(ctx, referrer);
      await assignReferral(ctx, linkWorker, id, linkWorker.id).expect(200);
      const res = await ctx.http
        .post(`/api/referrals/${id}/accept`)
        .set('Authorization', linkWorker.auth)
        .expect(201);
      expect(res.body).toEqual({ caseId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      const { rows } = await ctx.db.query(
        'SELECT person_id, referral_id, link_worker_id, consent_to_share, status FROM support_case WHERE id = $1',
        [res.body.caseId],
      );
      expect(rows[0]).toMatchObject({
        referral_id: id,
        link_worker_id: linkWorker.id,
        consent_to_share: true,
        status: 'open',
      });
      await ctx.http
        .get(`/api/cases/${res.body.caseId}`)
        .set('Authorization', linkWorker.auth)
        .expect(200);

      const before = await ctx.snapshot();
      const again = await ctx.http
        .post(`/api/referrals/${id}/accept`)
        .set('Authorization', linkWorker.auth)
        .expect(409);
      expect(again.body.code).toBe('referral_already_accepted');
      expect(await ctx.snapshot()).toEqual(before);

      const own = await ctx.http
        .get(`/api/referrals/${id}`)
        .set('Authorization', referrer.auth)
        .expect(200);
      expect(own.body).toMatchObject({ status: 'accepted', outcome: { result: 'accepted' } });
      expect(own.body.caseId).toBeUndefined();
    });

    it('refuses to accept an unassigned referral (409) or another link worker’s (403)', async () => {
      const other = await ctx.newUser('link_worker');
      const { id } = await createReferral(ctx, referrer);
      await ctx.http
        .post(`/api/referrals/${id}/accept`)
        .set('Authorization', linkWorker.auth)
        .expect(409);
      await assignReferral(ctx, admin, id, linkWorker.id).expect(200);
      await ctx.http
        .post(`/api/referrals/${id}/accept`)
        .set('Authorization', other.auth)
        .expect(403);
      await ctx.http
        .post(`/api/referrals/${id}/decline`)
        .set('Authorization', other.auth)
        .send({ reason: 'redirected' })
        .expect(403);
      await ctx.http
        .post(`/api/referrals/${id}/accept`)
        .set('Authorization', referrer.auth)
        .expect(403);
    });

    it('declines with a coded reason (200); accepting it afterwards is 409', async () => {
      const { id } = await createReferral(ctx, referrer);
      await assignReferral(ctx, admin, id, linkWorker.id).expect(200);
      await ctx.http
        .post(`/api/referrals/${id}/decline`)
        .set('Authorization', linkWorker.auth)
        .send({ reason: 'because' })
        .expect(422);
      const res = await ctx.http
        .post(`/api/referrals/${id}/decline`)
        .set('Authorization', linkWorker.auth)
        .send({ reason: 'unable_to_contact', note: 'Three calls, two texts.' })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'declined', declineReason: 'unable_to_contact' });
      const before = await ctx.snapshot();
      await ctx.http
        .post(`/api/referrals/${id}/accept`)
        .set('Authorization', linkWorker.auth)
        .expect(409);
      await ctx.http
        .post(`/api/referrals/${id}/decline`)
        .set('Authorization', linkWorker.auth)
        .send({ reason: 'redirected' })
        .expect(409);
      await assignReferral(ctx, admin, id, linkWorker.id).expect(409);
      expect(await ctx.snapshot()).toEqual(before);
      const own = await ctx.http
        .get(`/api/referrals/${id}`)
        .set('Authorization', referrer.auth)
        .expect(200);
      expect(own.body.outcome).toEqual({
        result: 'declined',
        reason: 'unable_to_contact',
        at: expect.any(String),
      });
      expect(JSON.stringify(own.body)).not.toContain('Three calls');
    });

    it('records contact attempts (201) and the time of first successful contact', async () => {
      const { id } = await createReferral(ctx, referrer);
      await assignReferral(ctx, admin, id, linkWorker.id).expect(200);
      const attempt = (body: object) =>
        ctx.http
          .post(`/api/referrals/${id}/contact-attempts`)
          .set('Authorization', linkWorker.auth)
          .send(body);
      await attempt({ method: 'phone', outcome: 'no_answer' }).expect(201);
      let detail = await ctx.http.get(`/api/referrals/${id}`).set('Authorization', linkWorker.auth);
      expect(detail.body.firstContactAt).toBeNull();
      const reached = await attempt({
        method: 'interpreter_call',
        outcome: 'reached',
        note: 'Spoke via Somali interpreter',
      }).expect(201);
      expect(reached.body).toMatchObject({ method: 'interpreter_call', outcome: 'reached' });
      await attempt({ method: 'sms', outcome: 'reached' }).expect(201);
      detail = await ctx.http.get(`/api/referrals/${id}`).set('Authorization', linkWorker.auth);
      expect(detail.body.firstContactAt).toBe(reached.body.attemptedAt);
      expect(detail.body.contactAttempts).toHaveLength(3);
      const before = await ctx.snapshot();
      await attempt({ method: 'carrier_pigeon', outcome: 'reached' }).expect(422);
      await attempt({ method: 'phone', outcome: 'maybe' }).expect(422);
      expect(await ctx.snapshot()).toEqual(before);
    });
  });

  describe('message back to GP and referrer', () => {
    it('gives the referrer status, dates and the SNOMED CT codes, with no sensitive detail', async () => {
      const { id, reference } = await createReferral(ctx, referrer, {
        reasons: ['immigration_legal', 'mental_health'],
        summary: 'Asylum claim refused last month; very low mood.',
      });
      await assignReferral(ctx, admin, id, linkWorker.id).expect(200);
      await ctx.http
        .post(`/api/referrals/${id}/decline`)
        .set('Authorization', linkWorker.auth)
        .send({ reason: 'person_declined' })
        .expect(200);
      const res = await ctx.http
        .get(`/api/referrals/${id}/message-back`)
        .set('Authorization', referrer.auth)
        .expect(200);
      expect(res.body).toMatchObject({
        referral: { id, reference },
        status: 'declined',
        dates: {
          received: expect.any(String),
          assigned: expect.any(String),
          declined: expect.any(String),
        },
        outcome: { result: 'declined', reason: 'person_declined' },
      });
      expect(res.body.codes.map((c: { code: string }) => c.code)).toEqual([
        '871731000000106',
        '871711000000103',
      ]);
      const text = JSON.stringify(res.body).toLowerCase();
      for (const word of ['asylum', 'immigration', 'mood', 'mental', 'safeguarding'])
        expect(text).not.toContain(word);

      const html = await ctx.http
        .get(`/api/referrals/${id}/message-back?format=html`)
        .set('Authorization', referrer.auth)
        .expect(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.text).toContain('871731000000106');
      expect(html.text).toContain('871711000000103');
      expect(html.text).toContain(reference);
      for (const word of ['asylum', 'immigration', 'migrant', 'safeguarding', 'mood'])
        expect(html.text.toLowerCase()).not.toContain(word);
    });

    it('tells the referrer when support ended, once the case is closed', async () => {
      const { id } = await createReferral(ctx, referrer);
      await assignReferral(ctx, admin, id, linkWorker.id).expect(200);
      const { body: accepted } = await ctx.http
        .post(`/api/referrals/${id}/accept`)
        .set('Authorization', linkWorker.auth)
        .expect(201);
      const messageBack = () =>
        ctx.http
          .get(`/api/referrals/${id}/message-back`)
          .set('Authorization', referrer.auth)
          .expect(200);
      expect((await messageBack()).body.supportEnded).toBeNull();
      await ctx.http
        .post(`/api/cases/${accepted.caseId}/close`)
        .set('Authorization', linkWorker.auth)
        .send({ reason: 'goals_met' })
        .expect(200);
      const after = await messageBack();
      expect(after.body.supportEnded).toEqual({ date: expect.any(String), reason: 'goals_met' });
      expect(after.body.supportOffered).toMatch(/ended: the person reached the goals/);
    });

    it('is for the referring organisation, the assigned link worker and admins only', async () => {
      const { id } = await createReferral(ctx, referrer);
      await assignReferral(ctx, admin, id, linkWorker.id).expect(200);
      const other = await ctx.newUser('link_worker');
      await ctx.http
        .get(`/api/referrals/${id}/message-back`)
        .set('Authorization', linkWorker.auth)
        .expect(200);
      await ctx.http
        .get(`/api/referrals/${id}/message-back`)
        .set('Authorization', admin.auth)
        .expect(200);
      await ctx.http
        .get(`/api/referrals/${id}/message-back`)
        .set('Authorization', other.auth)
        .expect(403);
      const commissioner = await ctx.newUser('commissioner');
      await ctx.http
        .get(`/api/referrals/${id}/message-back`)
        .set('Authorization', commissioner.auth)
        .expect(403);
    });
  });

  describe('letter to the person', () => {
    it('explains social prescribing in plain language, shows the interpreter need, no sensitive words', async () => {
      const { id } = await createReferral(ctx, referrer, {
        person: { givenName: 'Hodan', preferredLanguage: 'so', interpreterNeeded: true },
        reasons: ['immigration_legal', 'social_connection'],
      });
      const res = await ctx.http
        .get(`/api/referrals/${id}/letter?format=html`)
        .set('Authorization', linkWorker.auth)
        .expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain('Hodan');
      expect(res.text).toContain('Somali');
      expect(res.text).toMatch(/does not replace|never replaces/);
      expect(res.text).toContain('meeting people and feeling less alone');
      for (const word of ['immigration', 'asylum', 'migrant', 'safeguarding'])
        expect(res.text.toLowerCase()).not.toContain(word);
      await ctx.http
        .get(`/api/referrals/${id}/letter?format=html`)
        .set('Authorization', referrer.auth)
        .expect(403);
    });
  });
});
