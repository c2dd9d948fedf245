import { minimalReferralBody, referralBody, uniquePerson } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

/**
 * Reports count people once after a merge: the service-access report's completeness is a share
 * of the people in the report (each person once), so two records of one person weigh twice
 * before the merge and once after, while the referrals stay as they were.
 */
describe('person merge in reports', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let referrer: TestUser;
  let commissioner: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    referrer = await ctx.newUser('referrer');
    commissioner = await ctx.newUser('commissioner');
  });
  afterAll(() => ctx.close());

  const refer = async (body: Record<string, unknown>) => {
    const res = await ctx.http
      .post('/api/referrals')
      .set('Authorization', referrer.auth)
      .send(body);
    if (res.status !== 201) throw new Error(`referral: ${res.status} ${res.text}`);
    const { rows } = await ctx.db.query<{ person_id: string }>(
      'SELECT person_id FROM referral WHERE id = $1',
      [res.body.id],
    );
    return rows[0].person_id;
  };
  const report = async () =>
    (
      await ctx.http
        .get('/api/reports/service-access')
        .set('Authorization', commissioner.auth)
        .expect(200)
    ).body as { totals: { referrals: number }; completeness: { mainLanguage: number | null } };

  it('counts the merged person once from then on', async () => {
    // Six people with a language recorded, six without: a half.
    const withLanguage: string[] = [];
    for (let i = 0; i < 6; i++)
      withLanguage.push(
        await refer(referralBody({ person: { ...uniquePerson(), preferredLanguage: 'ti' } })),
      );
    const without: string[] = [];
    for (let i = 0; i < 6; i++) without.push(await refer(minimalReferralBody(`Lone${i}`)));
    const before = await report();
    expect(before.totals.referrals).toBe(12);
    expect(before.completeness.mainLanguage).toBe(0.5);

    await ctx.http
      .post(`/api/people/${without[0]}/merge`)
      .set('Authorization', admin.auth)
      .send({ intoPersonId: withLanguage[0] })
      .expect(200);

    // Eleven people now, six with the language: the same twelve referrals.
    const after = await report();
    expect(after.totals.referrals).toBe(12);
    expect(after.completeness.mainLanguage).toBe(0.55);
  });
});
