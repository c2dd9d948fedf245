import { ReportsFactory } from './support/reports-factory';
import { TestContext, type TestUser } from './support/test-app';

const PERIOD = 'from=2026-01-01&to=2026-12-31';

/** Reports per service: `?serviceId=`, `by=service`, and commissioners limited to some services. */
describe('Reports by service', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let city: string;
  let council: string;

  const report = (u: TestUser, query: string, kind = 'service-access') =>
    ctx.http.get(`/api/reports/${kind}?${PERIOD}&${query}`).set('Authorization', u.auth);
  type Row = { key: Record<string, string>; referrals: number | null };

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    const service = async (name: string) =>
      (await ctx.http.post('/api/services').set('Authorization', admin.auth).send({ name })).body
        .id as string;
    city = await service('City PCN');
    council = await service('Council connectors');
    const make = new ReportsFactory(ctx.db);
    await make.journeys(12, { serviceId: city, channel: 'gp_practice', accepted: true });
    await make.journeys(7, { serviceId: council, channel: 'self' });
    await make.journeys(2, { serviceId: council, channel: 'police' });
  });
  afterAll(() => ctx.close());

  it('breaks down by service, by name, with the same suppression as any breakdown', async () => {
    const res = await report(admin, 'by=service');
    expect(res.status).toBe(200);
    const rows = res.body.rows as Row[];
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: { service: 'City PCN' }, referrals: 12 }),
        expect.objectContaining({ key: { service: 'Council connectors' }, referrals: 9 }),
      ]),
    );
    expect(res.body.totals.referrals).toBe(21);
    const crossed = await report(admin, 'by=service,channel');
    const police = (crossed.body.rows as Row[]).find(
      (r) => r.key.service === 'Council connectors' && r.key.channel === 'police',
    );
    expect(police === undefined || police.referrals === null).toBe(true);
    expect(crossed.text).not.toMatch(/"referrals":\s*[1-4]\b/);
  });

  it('covers one service with ?serviceId=', async () => {
    const res = await report(admin, `serviceId=${council}&by=channel`);
    expect(res.status).toBe(200);
    expect(res.body.totals.referrals).toBe(9);
    const channels = (res.body.rows as Row[]).map((r) => r.key.channel);
    expect(channels).not.toContain('gp_practice');
  });

  it('limits a commissioner to its services: others are 403, and the unfiltered report is theirs only', async () => {
    const limited = await ctx.newUser('commissioner', { serviceIds: [council] });
    const other = await report(limited, `serviceId=${city}`);
    expect(other.status).toBe(403);
    expect(other.headers['content-type']).toContain('application/problem+json');
    for (const kind of ['group-utilisation', 'unmet-need']) {
      expect((await report(limited, `serviceId=${city}`, kind)).status).toBe(403);
    }
    const own = await report(limited, 'by=service');
    expect(own.status).toBe(200);
    expect(own.body.totals.referrals).toBe(9);
    expect((own.body.rows as Row[]).map((r) => r.key.service)).not.toContain('City PCN');
    const everyService = await ctx.newUser('commissioner');
    expect((await report(everyService, '')).body.totals.referrals).toBe(21);
  });

  it('refuses an unknown service (422)', async () => {
    const res = await report(admin, 'serviceId=6f1c1a5e-0000-4000-8000-000000000000');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'serviceId' })]);
  });
});
