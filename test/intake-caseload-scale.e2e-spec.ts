import { Client } from 'pg';
import request from 'supertest';
import { addDays, ukDate } from '../src/casework/casework-dates';
import { PERSON_SEAL, sealIdentity, type PersonSeal } from '../src/casework/person-seal';
import { ALL_SERVICES, ScopedTransactions } from '../src/services/scoped-transactions';
import { newCase } from './support/casework-factory';
import { csrfOf } from './support/page-session';
import { referralBody, uniquePerson } from './support/referrals-factory';
import { TestContext, TEST_PASSWORD, type TestUser } from './support/test-app';

/** The paths the benchmark found slow (bench/, docs/performance.md), kept correct after their fixes. */
describe('Intake and caseload at scale', () => {
  let ctx: TestContext;
  let referrer: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    [referrer, admin] = await Promise.all([ctx.newUser('referrer'), ctx.newUser('admin')]);
    // Enough other people that a scan of them all would be the planner's worst choice.
    // Sealed as casework seals them, each with its own phone and NHS number and name tokens.
    const seal = ctx.app.get<PersonSeal>(PERSON_SEAL);
    const others = Array.from({ length: 5000 }, (_, k) =>
      sealIdentity(seal, {
        givenName: 'Other',
        familyName: `Person ${k + 1}`,
        phone: `0770${String(k + 1).padStart(7, '0')}`,
        nhsNumber: String(k + 1).padStart(10, '1'),
      }),
    );
    await ctx.db.query(
      `INSERT INTO person (given_name_encrypted, family_name_encrypted, date_of_birth, phone_index,
         nhs_number_index, service_id)
       SELECT g, f, DATE '1950-01-01' + n::int, ph, nhs, (SELECT id FROM service WHERE is_default)
         FROM unnest($1::text[], $2::text[], $3::bytea[], $4::bytea[]) WITH ORDINALITY
              AS o(g, f, ph, nhs, n)`,
      [
        others.map((o) => o.givenName),
        others.map((o) => o.familyName),
        others.map((o) => o.phoneIndex),
        others.map((o) => o.nhsNumberIndex),
      ],
    );
    await ctx.db.query(
      `INSERT INTO person_name_token (person_id, service_id, token)
       SELECT p.id, p.service_id, o.token
         FROM unnest($1::bytea[], $2::text[]) AS o(token, sealed_given)
         JOIN person p ON p.given_name_encrypted = o.sealed_given`,
      [
        others.flatMap((o) => o.nameTokens),
        others.flatMap((o) => o.nameTokens.map(() => o.givenName)),
      ],
    );
    await ctx.db.query('ANALYZE person');
    await ctx.db.query('ANALYZE person_name_token');
  });
  afterAll(() => ctx.close());

  it('flags an earlier person with the same NHS number, found through an index', async () => {
    const nhsNumber = '9434765919';
    const first = await ctx.http
      .post('/api/referrals')
      .set('Authorization', referrer.auth)
      .send(referralBody({ person: { ...uniquePerson('Amina'), nhsNumber } }))
      .expect(201);
    const second = await ctx.http
      .post('/api/referrals')
      .set('Authorization', referrer.auth)
      .send(referralBody({ person: { ...uniquePerson('Ameena'), nhsNumber } }))
      .expect(201);
    const staff = await ctx.http
      .get(`/api/referrals/${second.body.id}`)
      .set('Authorization', admin.auth)
      .expect(200);
    expect(staff.body.possibleDuplicates).toEqual([
      expect.objectContaining({
        reason: 'same_nhs_number',
        referrals: [{ id: first.body.id, reference: first.body.reference }],
      }),
    ]);

    const { rows } = await ctx.db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT other.id FROM person p
         JOIN person other ON other.id <> p.id AND other.erased_at IS NULL
        WHERE p.id = (SELECT person_id FROM referral WHERE id = $1)
          AND (other.nhs_number_index = p.nhs_number_index OR other.phone_index = p.phone_index
               OR other.date_of_birth = p.date_of_birth)`,
      [second.body.id],
    );
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).not.toMatch(/Seq Scan on person/);
  });

  it('pages an admin through every link worker’s cases in caseload order, without gaps or repeats', async () => {
    const workers = [await ctx.newUser('link_worker'), await ctx.newUser('link_worker')];
    const made: { caseId: string; review: number; crisis: boolean }[] = [];
    for (let i = 0; i < 9; i++) {
      const { caseId } = await newCase(ctx, workers[i % 2], {
        person: { givenName: `Paged${i}` },
      });
      const review = [12, -4, 30, 3, -1, 45, 8, 20, 1][i];
      const crisis = i === 5;
      await ctx.db.query('UPDATE support_case SET review_by = $2, in_crisis = $3 WHERE id = $1', [
        caseId,
        addDays(ukDate(), review),
        crisis,
      ]);
      made.push({ caseId, review, crisis });
    }
    const expected = [...made]
      .sort(
        (a, b) =>
          Number(b.crisis) - Number(a.crisis) ||
          Number(b.review < 0) - Number(a.review < 0) ||
          a.review - b.review,
      )
      .map((c) => c.caseId);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await ctx.http
        .get(`/api/cases?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => expected.includes(id))).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('audits the case page’s file and timeline reads once each; another link worker gets 404 and no entry', async () => {
    const [owner, other] = [await ctx.newUser('link_worker'), await ctx.newUser('link_worker')];
    const { caseId, personId } = await newCase(ctx, owner, { person: { givenName: 'Hana' } });
    const signIn = async (user: TestUser) => {
      const agent = request.agent(ctx.app.getHttpServer());
      const form = await agent.get('/login').expect(200);
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email: user.email, password: TEST_PASSWORD })
        .expect(303);
      return agent;
    };
    const reads = async () =>
      (
        await ctx.db.query<{ action: string; actor_id: string }>(
          `SELECT action, actor_id FROM audit_event
            WHERE subject_id = $1 AND action IN ('read', 'read_timeline') ORDER BY action`,
          [personId],
        )
      ).rows;

    await (await signIn(other)).get(`/cases/${caseId}`).expect(404);
    expect(await reads()).toEqual([]);

    const page = await (await signIn(owner)).get(`/cases/${caseId}`).expect(200);
    expect(page.text).toContain('Hana');
    expect(await reads()).toEqual([
      { action: 'read', actor_id: owner.id },
      { action: 'read_timeline', actor_id: owner.id },
    ]);
  });

  it('finds a name through the token index as the app’s role, not by reading every person', async () => {
    const worker = await ctx.newUser('link_worker');
    const { caseId } = await newCase(ctx, worker, {
      person: { givenName: 'Tigist', familyName: 'Alemu' },
    });
    // The statement the caseload runs for this search, caught on its way to the database.
    const query = jest.spyOn(Client.prototype, 'query');
    let res: request.Response;
    let calls: unknown[][];
    try {
      res = await ctx.http.get('/api/cases?q=alemu+tigist').set('Authorization', admin.auth);
    } finally {
      calls = [...query.mock.calls];
      query.mockRestore();
    }
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    const sent = (calls as [unknown, unknown][]).map(([text, params]) =>
      typeof text === 'string'
        ? { sql: text, values: params }
        : { sql: (text as { text: string }).text, values: (text as { values?: unknown }).values },
    );
    const { sql, values } = sent.find((s) => s.sql?.includes('person_name_token'))!;

    // As the app runs it: the row-level security role, in an admin's scope.
    const plan = await ctx.app
      .get(ScopedTransactions)
      .run(ALL_SERVICES, (em) =>
        em.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, values as unknown[]),
      );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index.* Scan on "?IDX_225fc96ea3efe02ddf40e46b75"?/);
    expect(text).not.toMatch(/Seq Scan on person\b/);
  });
});
