import { ReportsFactory } from './support/reports-factory';
import { TestContext } from './support/test-app';

/** The service-access trend: a month with no referrals between two that have some shows as 0. */
describe('Reports: the monthly trend has no gaps', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
    const make = new ReportsFactory(ctx.db);
    await make.journeys(6, { receivedAt: '2026-01-12T10:00:00Z' });
    await make.journeys(7, { receivedAt: '2026-04-20T10:00:00Z' });
  });
  afterAll(() => ctx.close());

  it('shows February and March as 0 between January and April, and adds no months after', async () => {
    const commissioner = await ctx.newUser('commissioner');
    const { body } = await ctx.http
      .get('/api/reports/service-access?from=2026-01-01&to=2026-08-31')
      .set('Authorization', commissioner.auth)
      .expect(200);
    expect(
      body.trend.map((t: { key: { month: string }; referrals: number | null }) => [
        t.key.month,
        t.referrals,
      ]),
    ).toEqual([
      ['2026-01', 6],
      ['2026-02', 0],
      ['2026-03', 0],
      ['2026-04', 7],
    ]);
    expect(body.totals.referrals).toBe(13);
  });
});
