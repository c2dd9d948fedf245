import { Client } from 'pg';
import { otherReferrals, personWithEverything } from './support/data-protection-factory';
import { createReferral, referralBody } from './support/referrals-factory';
import { searchEverywhere, type KnownAbout } from './support/motivated-intruder';
import { TestContext, type TestUser } from './support/test-app';

const DATE_OF_BIRTH = '1961-07-14';
const POSTCODE = 'DE99 1ZZ';
const YEAR_OF_ARRIVAL = 2009;

/**
 * Erasure that is really erasure (issue 22): after it, nothing in the database (read with the
 * key) singles the person out, and a rejected erasure changes nothing.
 */
describe('data protection: a motivated intruder finds nothing of an erased person', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let worker: TestUser;
  let referrer: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    worker = await ctx.newUser('link_worker');
    referrer = await ctx.newUser('referrer');
    await ctx.db.query(
      `INSERT INTO postcode_area (postcode, ward_code, lsoa_code, local_authority_code, local_authority_name)
       VALUES ('DE991ZZ', 'E05000001', 'E01000001', 'E06000015', 'Derby')`,
    );
  });
  afterAll(() => ctx.close());

  const erase = (personId: string) =>
    ctx.http.post(`/api/people/${personId}/erase`).set('Authorization', admin.auth).send({});
  const auditCount = async () => ctx.count('audit_event');

  async function erasedPerson() {
    const p = await personWithEverything(
      ctx,
      { referrer, worker, admin },
      { dateOfBirth: DATE_OF_BIRTH, postcode: POSTCODE, yearOfArrival: YEAR_OF_ARRIVAL },
    );
    const known: KnownAbout = {
      ...p.identifiers,
      dateOfBirth: DATE_OF_BIRTH,
      postcode: POSTCODE,
      yearOfArrival: YEAR_OF_ARRIVAL,
    };
    return { ...p, known };
  }

  it('finds every identifier before erasure and none after, in plain, sealed and token columns', async () => {
    const p = await erasedPerson();
    await otherReferrals(ctx, referrer, 3);
    const before = await searchEverywhere(ctx, p.known);
    // The search can fail: each identifier is found before, in the columns that hold it.
    expect(new Set(before.map((f) => f.what))).toEqual(
      new Set([
        'given name',
        'family name',
        'email',
        'phone',
        'NHS number',
        'date of birth',
        'full postcode',
        'outward postcode',
        'year of arrival',
        'blind-index token',
      ]),
    );
    expect(before).toEqual(
      expect.arrayContaining([
        { table: 'person', column: 'date_of_birth', what: 'date of birth', how: 'plain' },
        { table: 'person', column: 'postcode', what: 'full postcode', how: 'plain' },
        {
          table: 'migration_profile',
          column: 'year_of_arrival',
          what: 'year of arrival',
          how: 'plain',
        },
        { table: 'person', column: 'family_name_encrypted', what: 'family name', how: 'decrypted' },
        { table: 'person_name_token', column: 'token', what: 'blind-index token', how: 'token' },
      ]),
    );

    await erase(p.personId).expect(200);

    expect(await searchEverywhere(ctx, p.known)).toEqual([]);
  });

  it('keeps the report facts generalised on the referral: bands and area codes, never the values', async () => {
    const p = await erasedPerson();
    await erase(p.personId).expect(200);
    const { rows } = await ctx.db.query(
      `SELECT report_facts_frozen_at IS NOT NULL AS frozen, fact_age_band, fact_age_floor,
              fact_year_of_arrival_band, fact_local_authority_code, fact_ward_code, fact_lsoa_code,
              fact_migrant_status, fact_country_of_birth, fact_has_nationality, fact_has_year_of_arrival
         FROM referral WHERE id = $1`,
      [p.referralId],
    );
    expect(rows[0]).toMatchObject({
      frozen: true,
      fact_age_band: '65+',
      fact_age_floor: 65,
      fact_year_of_arrival_band: '10_plus',
      fact_local_authority_code: 'E06000015',
      fact_ward_code: 'E05000001',
      fact_lsoa_code: 'E01000001',
      fact_migrant_status: 'refugee',
      fact_country_of_birth: 'AF',
      fact_has_year_of_arrival: true,
    });
  });

  it('takes the erased person out of other people’s possible duplicates (same date of birth)', async () => {
    const p = await erasedPerson();
    const twin = await createReferral(ctx, referrer, {
      person: {
        givenName: p.identifiers.givenName,
        familyName: p.identifiers.familyName,
        dateOfBirth: DATE_OF_BIRTH,
      },
    });
    const duplicatesOf = async () =>
      (await ctx.db.query('SELECT possible_duplicates FROM referral WHERE id = $1', [twin.id]))
        .rows[0].possible_duplicates as { personId: string }[];
    expect((await duplicatesOf()).map((d) => d.personId)).toContain(p.personId);

    await erase(p.personId).expect(200);

    expect((await duplicatesOf()).map((d) => d.personId)).not.toContain(p.personId);
  });

  it('exports what is left of an erased person, and their audit holds ids and actions only', async () => {
    const p = await erasedPerson();
    await erase(p.personId).expect(200);
    const { body } = await ctx.http
      .get(`/api/people/${p.personId}/export`)
      .set('Authorization', admin.auth)
      .expect(200);
    expect(body.person).toMatchObject({
      id: p.personId,
      givenName: 'Erased',
      familyName: null,
      dateOfBirth: null,
      postcode: null,
      phone: null,
      email: null,
      nhsNumber: null,
    });
    expect(body.person.erasedAt).toEqual(expect.any(String));
    expect(body.migrationProfile).toMatchObject({
      migrantStatus: 'refugee',
      countryOfBirth: 'AF',
      yearOfArrival: null,
      nationality: null,
    });
    const text = JSON.stringify(body);
    for (const value of [DATE_OF_BIRTH, POSTCODE, p.known.familyName, p.known.email]) {
      expect(text).not.toContain(value);
    }
    const audit = await ctx.http
      .get(`/api/audit?subjectId=${p.personId}`)
      .set('Authorization', admin.auth)
      .expect(200);
    const actions = (audit.body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['erase', 'export']));
    expect(JSON.stringify(audit.body)).not.toContain(p.known.familyName);
  });

  it('answers 409 to erasing an erased person again, and changes nothing', async () => {
    const p = await erasedPerson();
    await erase(p.personId).expect(200);
    const before = await ctx.snapshot();
    const audits = await auditCount();
    const row = await ctx.db.query('SELECT * FROM person WHERE id = $1', [p.personId]);

    const res = await erase(p.personId).expect(409);

    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('person_erased');
    expect(await ctx.snapshot()).toEqual(before);
    expect(await auditCount()).toBe(audits);
    expect((await ctx.db.query('SELECT * FROM person WHERE id = $1', [p.personId])).rows).toEqual(
      row.rows,
    );
  });

  it('answers 409 at once while another change holds the person, and changes nothing', async () => {
    const p = await erasedPerson();
    const holder = new Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      // What a merge would do: hold the person's row in its own transaction.
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM person WHERE id = $1 FOR UPDATE', [p.personId]);
      const before = await ctx.snapshot();
      const audits = await auditCount();

      const res = await erase(p.personId).expect(409);

      expect(res.body.code).toBe('person_change_under_way');
      expect(await ctx.snapshot()).toEqual(before);
      expect(await auditCount()).toBe(audits);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const { rows } = await ctx.db.query(
      `SELECT p.erased_at, p.date_of_birth::text AS dob, r.report_facts_frozen_at
         FROM person p JOIN referral r ON r.person_id = p.id WHERE p.id = $1`,
      [p.personId],
    );
    expect(rows[0]).toEqual({ erased_at: null, dob: DATE_OF_BIRTH, report_facts_frozen_at: null });
    await erase(p.personId).expect(200);
  });

  // An intake for the same person at the same moment: whichever goes first, no referral is left
  // on the erased person unfrozen, nor flagging them. Repeated to meet both orders.
  it.each([1, 2, 3, 4, 5, 6])(
    'never lets a referral arriving during an erasure land on, or flag, the person half-erased (round %i)',
    async (round) => {
      const same = {
        givenName: 'Selam',
        familyName: `Race${round}`,
        dateOfBirth: '1979-10-0' + String(round),
        phone: `07700 9611${String(10 + round)}`,
      };
      const first = await createReferral(ctx, referrer, { person: same });
      const {
        rows: [{ person_id: personId }],
      } = await ctx.db.query('SELECT person_id FROM referral WHERE id = $1', [first.id]);

      const [erased, next] = await Promise.all([
        erase(personId),
        ctx.http
          .post('/api/referrals')
          .set('Authorization', referrer.auth)
          .send(referralBody({ person: same })),
      ]);
      expect([erased.status, next.status]).toEqual([200, 201]);

      const unfrozen = await ctx.db.query(
        'SELECT id FROM referral WHERE person_id = $1 AND report_facts_frozen_at IS NULL',
        [personId],
      );
      expect(unfrozen.rows).toEqual([]);
      const flagging = await ctx.db.query(
        `SELECT id FROM referral WHERE possible_duplicates::text LIKE '%' || $1 || '%'`,
        [personId],
      );
      expect(flagging.rows).toEqual([]);
    },
  );

  it('forgets "not the same person" pairs with the erased person, and refuses new ones (409)', async () => {
    const same = { givenName: 'Aster', familyName: 'Pairwise', phone: '07700 961199' };
    const ids = [
      await createReferral(ctx, referrer, { person: same }),
      await createReferral(ctx, referrer, { person: same }),
    ];
    const [a, b] = await Promise.all(
      ids.map(async (r) => {
        const { rows } = await ctx.db.query('SELECT person_id FROM referral WHERE id = $1', [r.id]);
        return rows[0].person_id as string;
      }),
    );
    const dismiss = () =>
      ctx.http
        .post(`/api/people/${a}/duplicates/${b}/dismiss`)
        .set('Authorization', admin.auth)
        .send({});
    await dismiss().expect(200);
    expect(await ctx.count('person_duplicate_dismissal')).toBeGreaterThan(0);
    const pairs = () =>
      ctx.db.query(
        'SELECT 1 FROM person_duplicate_dismissal WHERE person_id = $1 OR other_person_id = $1',
        [b],
      );
    expect((await pairs()).rows).toHaveLength(1);

    await erase(b).expect(200);
    expect((await pairs()).rows).toEqual([]);
    const res = await dismiss().expect(409);
    expect(res.body.code).toBe('person_erased');
    expect((await pairs()).rows).toEqual([]);
  });
});
