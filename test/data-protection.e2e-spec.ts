import { randomUUID } from 'node:crypto';
import {
  otherReferrals,
  personWithEverything,
  serviceAccess,
  whereTextIsHeld,
} from './support/data-protection-factory';
import { storedPerson } from './support/casework-factory';
import { TestContext, type TestUser } from './support/test-app';
import { ukDate } from '../src/common/uk-date';

/** Subject access (export) and erasure across every module that holds something about a person. */
describe('data protection: export and erasure', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let worker: TestUser;
  let referrer: TestUser;
  let commissioner: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    worker = await ctx.newUser('link_worker');
    referrer = await ctx.newUser('referrer');
    commissioner = await ctx.newUser('commissioner');
  });
  afterAll(() => ctx.close());

  const exportOf = (personId: string, user: TestUser) =>
    ctx.http.get(`/api/people/${personId}/export`).set('Authorization', user.auth);
  const erase = (personId: string, user: TestUser) =>
    ctx.http.post(`/api/people/${personId}/erase`).set('Authorization', user.auth).send({});

  it('exports everything held: person, referrals, cases, needs, outcomes, placements and who read it', async () => {
    const p = await personWithEverything(ctx, { referrer, worker, admin });
    const { body } = await exportOf(p.personId, admin).expect(200);

    expect(body.person).toMatchObject({
      id: p.personId,
      givenName: p.identifiers.givenName,
      familyName: p.identifiers.familyName,
      nhsNumber: p.identifiers.nhsNumber,
    });
    expect(body.migrationProfile).toMatchObject({ migrantStatus: 'refugee', countryOfBirth: 'AF' });
    expect(body.referrals).toHaveLength(1);
    expect(body.referrals[0]).toMatchObject({
      id: p.referralId,
      summary: p.notes.summary,
      person: expect.objectContaining({ familyName: p.identifiers.familyName }),
    });
    expect(body.referrals[0].contactAttempts[0].note).toBe(p.notes.contact);
    expect(body.cases).toHaveLength(1);
    const theCase = body.cases[0];
    expect(theCase.id).toBe(p.caseId);
    expect(theCase.needsAssessments[0].needs[0]).toMatchObject({
      domain: 'housing',
      note: p.notes.need,
    });
    expect(theCase.crisisPoints[0].note).toBe(p.notes.crisis);
    expect(theCase.outcomes[0]).toMatchObject({ instrument: 'UCLA3', timepoint: 'baseline' });
    expect(body.placements).toHaveLength(1);
    expect(body.placements[0]).toMatchObject({
      id: p.placementId,
      groupId: p.group.id,
      status: 'accepted',
      note: p.notes.placement,
    });
    expect(body.placements[0].attendance).toEqual([expect.objectContaining({ attended: true })]);
    expect(body.audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorId: worker.id, action: 'read_migration_profile' }),
        expect.objectContaining({ actorId: admin.id, action: 'export', entityId: p.personId }),
      ]),
    );
  });

  it('lets only admins export or erase, and hides unknown people behind 404', async () => {
    const p = await personWithEverything(ctx, { referrer, worker, admin });
    for (const user of [worker, referrer, commissioner]) {
      await exportOf(p.personId, user).expect(403);
      await erase(p.personId, user).expect(403);
    }
    await ctx.http.get(`/api/people/${p.personId}/export`).expect(401);
    await exportOf(randomUUID(), admin).expect(404);
    await exportOf('not-a-uuid', admin).expect(404);
    const before = await ctx.snapshot();
    await erase(randomUUID(), admin).expect(404);
    expect(await ctx.snapshot()).toEqual(before);
    const { rows } = await ctx.db.query('SELECT erased_at FROM person WHERE id = $1', [p.personId]);
    expect(rows[0].erased_at).toBeNull();
  });

  it('erases names, contact details, NHS number and notes everywhere, and report counts stay the same', async () => {
    const p = await personWithEverything(ctx, { referrer, worker, admin });
    await otherReferrals(ctx, referrer, 6);
    const needles = [
      p.identifiers.familyName,
      p.identifiers.phone,
      p.identifiers.email,
      p.identifiers.nhsNumber,
      p.notes.whatMatters,
      p.notes.placement,
    ];
    expect(await whereTextIsHeld(ctx, needles)).not.toEqual([]);
    const query = `from=2020-01-01&to=${ukDate()}&by=channel`;
    const reportBefore = await serviceAccess(ctx, commissioner, query);
    expect(reportBefore.totals).toMatchObject({ referrals: expect.any(Number) });
    const rowsBefore = await ctx.snapshot();
    const tokensBefore = ((await storedPerson(ctx, p.personId)).name_tokens as Buffer[]).length;
    expect(tokensBefore).toBeGreaterThan(0);

    await erase(p.personId, admin).expect(200);

    expect(await whereTextIsHeld(ctx, needles)).toEqual([]);
    const rows = [await storedPerson(ctx, p.personId)];
    expect(rows[0]).toMatchObject({
      given_name: 'Erased',
      family_name: null,
      phone: null,
      // The phone's digits are kept only as a blind-index token now (phone_digits is gone).
      phone_index: null,
      nhs_number_index: null,
      name_tokens: [],
      email: null,
      nhs_number: null,
      access_needs: null,
    });
    expect(rows[0].erased_at).not.toBeNull();
    expect(await serviceAccess(ctx, commissioner, query)).toEqual(reportBefore);
    // Every row stays, anonymised in place; only the person's own name tokens are gone.
    expect(await ctx.snapshot()).toEqual({
      ...rowsBefore,
      person_name_token: rowsBefore.person_name_token - tokensBefore,
    });

    // Encrypted notes cannot be searched with SQL: the export shows what is left of them.
    const { body } = await exportOf(p.personId, admin).expect(200);
    const text = JSON.stringify(body);
    for (const note of Object.values(p.notes)) expect(text).not.toContain(note);
    for (const id of Object.values(p.identifiers).slice(1)) expect(text).not.toContain(id);
    expect(body.referrals[0]).toMatchObject({ status: 'accepted', reasons: expect.any(Array) });
    expect(body.referrals[0].contactAttempts[0]).toMatchObject({ outcome: 'reached', note: null });
    expect(body.cases[0].needsAssessments[0].needs[0]).toMatchObject({ severity: 3, note: null });
    expect(body.placements[0]).toMatchObject({ status: 'accepted', note: null });
    expect(body.audit).toEqual(
      expect.arrayContaining([expect.objectContaining({ actorId: admin.id, action: 'erase' })]),
    );
  });

  it('shows the referrer an erased referral’s status only, as before', async () => {
    const p = await personWithEverything(ctx, { referrer, worker, admin });
    await erase(p.personId, admin).expect(200);
    const { body } = await ctx.http
      .get(`/api/referrals/${p.referralId}`)
      .set('Authorization', referrer.auth)
      .expect(200);
    expect(Object.keys(body).sort()).toEqual(
      ['id', 'outcome', 'receivedAt', 'reference', 'status', 'updatedAt'].sort(),
    );
    expect(body.status).toBe('accepted');
  });
});
