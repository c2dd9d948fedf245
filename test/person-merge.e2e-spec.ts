import { personWithEverything } from './support/data-protection-factory';
import { personIdsNamed, storedPerson } from './support/casework-factory';
import { assignReferral, createReferral } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

/** Merging two records of one person (issue 21): what moves, what is refused, who may. */
describe('person merge', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let worker: TestUser;
  let referrer: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    worker = await ctx.newUser('link_worker');
    referrer = await ctx.newUser('referrer');
  });
  afterAll(() => ctx.close());

  const merge = (personId: string, user: TestUser, body: Record<string, unknown>) =>
    ctx.http.post(`/api/people/${personId}/merge`).set('Authorization', user.auth).send(body);

  const personOf = async (referralId: string) =>
    (
      await ctx.db.query<{ person_id: string }>('SELECT person_id FROM referral WHERE id = $1', [
        referralId,
      ])
    ).rows[0].person_id;

  /** A referral accepted by `holder`: a person with one case. */
  async function personWithCase(holder: TestUser, person: Record<string, unknown> = {}) {
    const referral = await createReferral(ctx, referrer, { person });
    await assignReferral(ctx, admin, referral.id, holder.id).expect(200);
    const accepted = await ctx.http
      .post(`/api/referrals/${referral.id}/accept`)
      .set('Authorization', holder.auth)
      .expect(201);
    return {
      referralId: referral.id,
      caseId: (accepted.body as { caseId: string }).caseId,
      personId: await personOf(referral.id),
    };
  }

  const auditOf = async (subjectId: string) =>
    (
      await ctx.http
        .get(`/api/audit?subjectId=${subjectId}&limit=200`)
        .set('Authorization', admin.auth)
        .expect(200)
    ).body.items as { action: string; entity: string; entityId: string }[];

  it('moves referrals, cases, their records, placements and the profile to the kept person; the merged one answers 404', async () => {
    const kept = await personWithEverything(ctx, { referrer, worker, admin });
    const merged = await personWithEverything(ctx, { referrer, worker, admin });
    const auditOfMergedBefore = await auditOf(merged.personId);
    const auditOfKeptBefore = await auditOf(kept.personId);

    const res = await merge(merged.personId, worker, {
      intoPersonId: kept.personId,
      keep: { familyName: 'merged', migrationProfile: { yearOfArrival: 'into' } },
    }).expect(200);
    expect(res.body).toMatchObject({ personId: kept.personId, mergedPersonId: merged.personId });

    // Everything keyed by person now belongs to the kept one.
    const held = async (table: string, column = 'person_id') =>
      (
        await ctx.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
          [merged.personId],
        )
      ).rows[0].n;
    for (const table of [
      'referral',
      'support_case',
      'placement',
      'migration_profile',
      'person_name_token',
    ])
      expect({ table, rows: await held(table) }).toEqual({ table, rows: 0 });
    expect(await held('person', 'id')).toBe(0);
    const theCase = await ctx.http
      .get(`/api/cases/${merged.caseId}`)
      .set('Authorization', worker.auth)
      .expect(200);
    expect(theCase.body.personId).toBe(kept.personId);

    // The merged record is gone for every route that takes a person.
    await ctx.http
      .get(`/api/people/${merged.personId}/export`)
      .set('Authorization', admin.auth)
      .expect(404);
    await merge(merged.personId, admin, { intoPersonId: kept.personId }).expect(404);

    // The chosen field, sealed again and searchable; the kept person's own name word is gone.
    const stored = await storedPerson(ctx, kept.personId);
    expect(stored.family_name).toBe(merged.identifiers.familyName);
    expect(await personIdsNamed(ctx, merged.identifiers.familyName)).toEqual([kept.personId]);
    expect(await personIdsNamed(ctx, kept.identifiers.familyName)).toEqual([]);

    // The subject access export of the kept person holds both histories.
    const exported = await ctx.http
      .get(`/api/people/${kept.personId}/export`)
      .set('Authorization', admin.auth)
      .expect(200);
    expect(exported.body.referrals.map((r: { id: string }) => r.id).sort()).toEqual(
      [kept.referralId, merged.referralId].sort(),
    );
    expect(exported.body.cases.map((c: { id: string }) => c.id).sort()).toEqual(
      [kept.caseId, merged.caseId].sort(),
    );
    expect(exported.body.placements).toHaveLength(2);
    expect(exported.body.migrationProfile).toMatchObject({
      migrantStatus: 'refugee',
      countryOfBirth: 'AF',
    });

    // The audit keeps both ids, and the kept person's trail includes the merged one's.
    const trail = await auditOf(kept.personId);
    const mergeEntry = trail.find((e) => e.action === 'merge');
    expect(mergeEntry).toMatchObject({ entity: 'person', entityId: kept.personId });
    const row = await ctx.db.query<{ subject_id: string; detail: Record<string, unknown> }>(
      `SELECT subject_id, detail FROM audit_event WHERE action = 'merge' AND entity_id = $1`,
      [kept.personId],
    );
    expect(row.rows[0]).toMatchObject({
      subject_id: merged.personId,
      detail: expect.objectContaining({
        mergedPersonId: merged.personId,
        keptPersonId: kept.personId,
      }),
    });
    expect(trail.length).toBeGreaterThanOrEqual(
      auditOfKeptBefore.length + auditOfMergedBefore.length + 1,
    );
    expect(trail.map((e) => e.entityId)).toEqual(
      expect.arrayContaining([merged.referralId, merged.caseId]),
    );
    expect(exported.body.audit.length).toBeGreaterThanOrEqual(trail.length);
  });

  it('fills the kept person’s gaps from the merged one and keeps the kept person’s value by default', async () => {
    const kept = await personWithCase(worker, { phone: null, postcode: 'NG7 1AA' });
    const merged = await personWithCase(worker, { phone: '07700 900555', postcode: 'NG1 5FS' });
    const res = await merge(merged.personId, worker, { intoPersonId: kept.personId }).expect(200);
    expect(res.body.fieldsFromMerged).toEqual(expect.arrayContaining(['phone']));
    const stored = await storedPerson(ctx, kept.personId);
    expect(stored).toMatchObject({ phone: '07700 900555', postcode: 'NG7 1AA' });
    expect(stored.phone_index).not.toBeNull();
  });

  it('keeps one consent to texts, the latest decision, and moves texts to the kept person', async () => {
    const kept = await personWithCase(worker, { phone: '07700 900601' });
    const merged = await personWithCase(worker, { phone: '07700 900602' });
    const consent = (caseId: string, method: 'put' | 'delete') =>
      ctx.http[method](`/api/cases/${caseId}/text-consent`)
        .set('Authorization', worker.auth)
        .send(method === 'put' ? { agreedOn: '2026-01-02' } : {});
    await consent(kept.caseId, 'put').expect(200);
    await consent(kept.caseId, 'delete').expect(200);
    await consent(merged.caseId, 'put').expect(200); // the later decision: agreed
    await ctx.db.query(
      `INSERT INTO notification_outbox (service_id, event, channel, recipient_person_id, body)
       SELECT service_id, 'appointment.reminder', 'sms', id, 'Reminder' FROM person WHERE id = $1`,
      [merged.personId],
    );

    await merge(merged.personId, worker, { intoPersonId: kept.personId }).expect(200);
    const consents = await ctx.db.query<{ person_id: string; withdrawn_at: Date | null }>(
      'SELECT person_id, withdrawn_at FROM text_message_consent WHERE person_id = ANY($1::uuid[])',
      [[kept.personId, merged.personId]],
    );
    expect(consents.rows).toEqual([{ person_id: kept.personId, withdrawn_at: null }]);
    const texts = await ctx.db.query<{ recipient_person_id: string }>(
      `SELECT recipient_person_id FROM notification_outbox WHERE recipient_person_id = ANY($1::uuid[])`,
      [[kept.personId, merged.personId]],
    );
    expect(texts.rows.map((r) => r.recipient_person_id)).toEqual([kept.personId]);
  });

  describe('refusals change nothing', () => {
    it('refuses merging a person into themselves (422) and into an unknown person (404)', async () => {
      const p = await personWithCase(worker);
      const self = await merge(p.personId, admin, { intoPersonId: p.personId }).expect(422);
      expect(self.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(self.body.errors).toEqual([expect.objectContaining({ field: 'intoPersonId' })]);
      await merge(p.personId, admin, {
        intoPersonId: '00000000-0000-4000-8000-000000000000',
      }).expect(404);
      expect((await storedPerson(ctx, p.personId)).id).toBe(p.personId);
    });

    it('refuses bad input with problem+json naming the field', async () => {
      const a = await personWithCase(worker);
      const b = await personWithCase(worker);
      for (const body of [
        {},
        { intoPersonId: 'not-a-uuid' },
        { intoPersonId: b.personId, keep: { givenName: 'both' } },
        { intoPersonId: b.personId, keep: { shoeSize: 'merged' } },
        { intoPersonId: b.personId, keep: { migrationProfile: { nationality: 'sideways' } } },
        { intoPersonId: b.personId, keep: ['merged'] },
        { intoPersonId: b.personId, extra: true },
      ]) {
        const res = await merge(a.personId, admin, body);
        expect({ body, status: res.status }).toEqual({ body, status: 422 });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors.length).toBeGreaterThan(0);
      }
      expect(await personOf(a.referralId)).toBe(a.personId);
    });

    it('refuses 409 when either person is erased', async () => {
      const a = await personWithCase(worker);
      const b = await personWithCase(worker);
      await ctx.http
        .post(`/api/people/${b.personId}/erase`)
        .set('Authorization', admin.auth)
        .send({})
        .expect(200);
      const res = await merge(a.personId, admin, { intoPersonId: b.personId }).expect(409);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      await merge(b.personId, admin, { intoPersonId: a.personId }).expect(409);
      expect(await personOf(a.referralId)).toBe(a.personId);
    });

    it('refuses 409 at once, without waiting, while someone else holds either person (an erasure under way)', async () => {
      const a = await personWithCase(worker);
      const b = await personWithCase(worker);
      const holder = await ctx.db.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT id FROM person WHERE id = $1 FOR UPDATE', [b.personId]);
        const res = await merge(a.personId, admin, { intoPersonId: b.personId }).expect(409);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      } finally {
        await holder.query('ROLLBACK');
        holder.release();
      }
      expect(await personOf(a.referralId)).toBe(a.personId);
      await merge(a.personId, admin, { intoPersonId: b.personId }).expect(200);
    });
  });

  describe('who may merge', () => {
    it('lets a link worker holding only one of the two cases learn nothing (404), and refuses other roles', async () => {
      const other = await ctx.newUser('link_worker');
      const mine = await personWithCase(worker);
      const theirs = await personWithCase(other);
      await merge(mine.personId, worker, { intoPersonId: theirs.personId }).expect(404);
      await merge(theirs.personId, worker, { intoPersonId: mine.personId }).expect(404);
      await ctx.http
        .get(`/api/people/${mine.personId}/merge-review?into=${theirs.personId}`)
        .set('Authorization', worker.auth)
        .expect(404);
      for (const role of ['commissioner', 'team_lead', 'referrer', 'group_coordinator'] as const) {
        const user = await ctx.newUser(role);
        const res = await merge(mine.personId, user, { intoPersonId: theirs.personId });
        expect({ role, status: res.status }).toEqual({ role, status: 403 });
      }
      expect(await personOf(mine.referralId)).toBe(mine.personId);
      expect(await personOf(theirs.referralId)).toBe(theirs.personId);
    });

    it('shows the pair side by side to whoever may merge them, with the fields they disagree on', async () => {
      const a = await personWithCase(worker, { givenName: 'Hodan', phone: '07700 900777' });
      const b = await personWithCase(worker, { givenName: 'Hodaan', phone: '07700 900777' });
      const res = await ctx.http
        .get(`/api/people/${a.personId}/merge-review?into=${b.personId}`)
        .set('Authorization', worker.auth)
        .expect(200);
      const field = (name: string) =>
        (res.body.fields as { field: string }[]).find((f) => f.field === name);
      expect(field('givenName')).toMatchObject({ merged: 'Hodan', into: 'Hodaan', conflict: true });
      expect(field('phone')).toMatchObject({ conflict: false });
      expect(field('migrationProfile.countryOfBirth')).toBeDefined();
    });
  });
});
