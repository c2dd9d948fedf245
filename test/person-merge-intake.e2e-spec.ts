import { referralBody, uniquePerson } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

/** Intake after a merge, intake during a merge, and flags dismissed as "not the same person". */
describe('person merge and intake', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let referrer: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    referrer = await ctx.newUser('referrer');
  });
  afterAll(() => ctx.close());

  let nhsSeq = 0;
  /** A valid NHS number (modulus 11) not used by any other test here. */
  function freshNhsNumber(): string {
    for (let base = 401023000 + ++nhsSeq * 13; ; base++) {
      const digits = String(base).split('').map(Number);
      const check = 11 - (digits.reduce((acc, d, i) => acc + d * (10 - i), 0) % 11);
      if (check === 10) continue;
      nhsSeq += 1;
      return `${base}${check === 11 ? 0 : check}`;
    }
  }

  /** A date of birth for the person with this NHS number (intake links on both, as NHS matching does). */
  const bornWith = (nhsNumber: string) => `19${nhsNumber.slice(-2)}-06-15`;

  const refer = async (person: Record<string, unknown>) => {
    const res = await ctx.http
      .post('/api/referrals')
      .set('Authorization', referrer.auth)
      .send(referralBody({ person: { ...uniquePerson(), ...person } }));
    if (res.status !== 201) throw new Error(`referral: ${res.status} ${res.text}`);
    return res.body.id as string;
  };
  const referral = async (id: string) =>
    (await ctx.http.get(`/api/referrals/${id}`).set('Authorization', admin.auth).expect(200))
      .body as { possibleDuplicates: { personId: string }[] };
  const personOf = async (referralId: string) =>
    (
      await ctx.db.query<{ person_id: string }>('SELECT person_id FROM referral WHERE id = $1', [
        referralId,
      ])
    ).rows[0].person_id;
  const merge = (mergedId: string, intoId: string) =>
    ctx.http
      .post(`/api/people/${mergedId}/merge`)
      .set('Authorization', admin.auth)
      .send({ intoPersonId: intoId });
  /** The people still recorded whose NHS number is that of this referral's person. */
  const liveWithNhsOf = async (referralId: string) =>
    (
      await ctx.db.query<{ id: string }>(
        `SELECT p.id FROM person p
          WHERE p.nhs_number_index = (SELECT q.nhs_number_index FROM person q
                                       JOIN referral r ON r.person_id = q.id WHERE r.id = $1)
            AND p.erased_at IS NULL`,
        [referralId],
      )
    ).rows.map((r) => r.id);

  it('links the next referral with the same NHS number to the merged record, and flags only the kept person', async () => {
    const nhsNumber = freshNhsNumber();
    const first = await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) });
    const second = await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) });
    const [kept, merged] = [await personOf(first), await personOf(second)];
    await merge(merged, kept).expect(200);

    const next = await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) });
    expect(await personOf(next)).toBe(kept);
    expect(await liveWithNhsOf(next)).toEqual([kept]);
    // The earlier referrals' flags no longer name the merged person, nor their own person.
    for (const id of [first, second, next])
      expect((await referral(id)).possibleDuplicates.map((d) => d.personId)).not.toContain(merged);
  });

  it('does not link on the NHS number alone: another date of birth is a new person, flagged', async () => {
    const nhsNumber = freshNhsNumber();
    const first = await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) });
    const second = await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) });
    const kept = await personOf(first);
    await merge(await personOf(second), kept).expect(200);

    for (const dateOfBirth of ['2001-12-31', null]) {
      const next = await refer({ nhsNumber, dateOfBirth, givenName: 'Zed' });
      expect(await personOf(next)).not.toBe(kept);
      expect((await referral(next)).possibleDuplicates.map((d) => d.personId)).toContain(kept);
    }
  });

  it('flags a later referral matching by phone against the kept person only', async () => {
    const phone = '07700 955 101';
    const a = await personOf(await refer({ phone }));
    const b = await personOf(await refer({ phone }));
    await merge(b, a).expect(200);
    const next = await refer({ phone });
    expect((await referral(next)).possibleDuplicates.map((d) => d.personId)).toEqual([a]);
  });

  describe('merge under concurrent intake', () => {
    // Either may run first; whichever does, the result is the same. Repeated to meet both orders.
    it.each([1, 2, 3, 4, 5])(
      'leaves one person holding the NHS number, with the new referral on them (round %i)',
      async () => {
        const nhsNumber = freshNhsNumber();
        const ids = [
          await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) }),
          await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) }),
        ];
        const earlier = await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) });
        const [kept, duplicate, older] = [
          await personOf(ids[0]),
          await personOf(ids[1]),
          await personOf(earlier),
        ];
        await merge(older, kept).expect(200); // kept is now a merged record

        const [merged, intake] = await Promise.all([
          merge(duplicate, kept),
          ctx.http
            .post('/api/referrals')
            .set('Authorization', referrer.auth)
            .send(
              referralBody({
                person: { ...uniquePerson(), nhsNumber, dateOfBirth: bornWith(nhsNumber) },
              }),
            ),
        ]);
        expect(merged.status).toBe(200);
        expect(intake.status).toBe(201);
        expect(await liveWithNhsOf(intake.body.id)).toEqual([kept]);
        expect(await personOf(intake.body.id)).toBe(kept);
        expect((await referral(intake.body.id)).possibleDuplicates).toEqual([]);
      },
    );

    it.each([1, 2, 3])(
      'never leaves a referral flagging the merged person (round %i)',
      async () => {
        const phone = `07700 95${String(5200 + nhsSeq++).slice(-4)}`;
        const a = await personOf(await refer({ phone }));
        const b = await personOf(await refer({ phone }));
        const [merged, intake] = await Promise.all([
          merge(b, a),
          ctx.http
            .post('/api/referrals')
            .set('Authorization', referrer.auth)
            .send(referralBody({ person: { ...uniquePerson(), phone } })),
        ]);
        expect(merged.status).toBe(200);
        expect(intake.status).toBe(201);
        expect((await referral(intake.body.id)).possibleDuplicates.map((d) => d.personId)).toEqual([
          a,
        ]);
      },
    );
  });

  describe('dismissing a flag', () => {
    it('stops showing it on either person’s referrals, and keeps it down', async () => {
      const phone = '07700 955 303';
      const firstRef = await refer({ phone });
      const secondRef = await refer({ phone });
      const [a, b] = [await personOf(firstRef), await personOf(secondRef)];
      expect((await referral(secondRef)).possibleDuplicates.map((d) => d.personId)).toEqual([a]);

      await ctx.http
        .post(`/api/people/${b}/duplicates/${a}/dismiss`)
        .set('Authorization', admin.auth)
        .send({})
        .expect(200);
      expect((await referral(secondRef)).possibleDuplicates).toEqual([]);
      const stored = await ctx.db.query(
        'SELECT 1 FROM person_duplicate_dismissal WHERE person_id = least($1::uuid, $2::uuid) AND other_person_id = greatest($1::uuid, $2::uuid)',
        [a, b],
      );
      expect(stored.rowCount).toBe(1);
    });

    it('keeps the pair apart when a merged record’s next referral would flag it again', async () => {
      const nhsNumber = freshNhsNumber();
      const [r1, r2, r3] = [
        await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) }),
        await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) }),
        await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) }),
      ];
      const [kept, merged, other] = [await personOf(r1), await personOf(r2), await personOf(r3)];
      await merge(merged, kept).expect(200);
      const before = await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) });
      expect((await referral(before)).possibleDuplicates.map((d) => d.personId)).toEqual([other]);

      await ctx.http
        .post(`/api/people/${kept}/duplicates/${other}/dismiss`)
        .set('Authorization', admin.auth)
        .send({})
        .expect(200);
      expect((await referral(before)).possibleDuplicates).toEqual([]);
      const after = await refer({ nhsNumber, dateOfBirth: bornWith(nhsNumber) });
      expect(await personOf(after)).toBe(kept);
      expect((await referral(after)).possibleDuplicates).toEqual([]);
    });

    it('answers 404 for a person the user may not see, and 403 to a commissioner', async () => {
      const worker = await ctx.newUser('link_worker');
      const a = await personOf(await refer({}));
      const b = await personOf(await refer({}));
      await ctx.http
        .post(`/api/people/${a}/duplicates/${b}/dismiss`)
        .set('Authorization', worker.auth)
        .send({})
        .expect(404);
      const commissioner = await ctx.newUser('commissioner');
      await ctx.http
        .post(`/api/people/${a}/duplicates/${b}/dismiss`)
        .set('Authorization', commissioner.auth)
        .send({})
        .expect(403);
    });
  });
});
