import { DemoDataService } from '../src/demo/demo-data.service';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/demo/demo-logins';
import { TestContext } from './support/test-app';

describe('Demo data (DEMO_DATA=true on an empty database)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ DEMO_DATA: 'true' });
  });
  afterAll(() => ctx.close());

  it('lets every listed demo login sign in', async () => {
    for (const u of DEMO_USERS) {
      const res = await ctx.http
        .post('/api/auth/login')
        .send({ email: u.email, password: DEMO_PASSWORD });
      expect({ email: u.email, status: res.status }).toEqual({ email: u.email, status: 200 });
      expect(res.body.user.role).toBe(u.role);
    }
  });

  it('gives the link worker a referral inbox and cases to work on', async () => {
    const login = await ctx.http
      .post('/api/auth/login')
      .send({ email: 'linkworker@linkway.example', password: DEMO_PASSWORD });
    const auth = `Bearer ${login.body.accessToken}`;
    const referrals = await ctx.http.get('/api/referrals').set('Authorization', auth).expect(200);
    expect(referrals.body.items.length).toBeGreaterThanOrEqual(5);
    const cases = await ctx.http.get('/api/cases').set('Authorization', auth).expect(200);
    expect(cases.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('gives the coordinator an offer to answer and the directory vetted groups', async () => {
    const login = await ctx.http
      .post('/api/auth/login')
      .send({ email: 'coordinator@linkway.example', password: DEMO_PASSWORD });
    const auth = `Bearer ${login.body.accessToken}`;
    const offers = await ctx.http.get('/api/placements').set('Authorization', auth).expect(200);
    expect(offers.body.items).toEqual([
      expect.objectContaining({
        status: 'offered',
        person: expect.objectContaining({ givenName: 'Amina' }),
      }),
    ]);
    const admin = await ctx.http
      .post('/api/auth/login')
      .send({ email: 'admin@linkway.example', password: DEMO_PASSWORD });
    const groups = await ctx.http
      .get('/api/groups')
      .set('Authorization', `Bearer ${admin.body.accessToken}`)
      .expect(200);
    const statuses = groups.body.items.map((g: { vettingStatus: string }) => g.vettingStatus);
    expect(statuses.sort()).toEqual(['approved', 'approved', 'approved', 'pending']);
  });

  it('lists the demo accounts on the sign-in page', async () => {
    const page = await ctx.http.get('/login').expect(200);
    expect(page.text).toContain('Demo accounts on this system');
    for (const u of DEMO_USERS) expect(page.text).toContain(u.email);
    expect(page.text).toContain(DEMO_PASSWORD);
  });

  it('loads the sample postcode lookup, so demo reports can break down by area', async () => {
    expect(await ctx.count('postcode_area')).toBeGreaterThan(0);
  });

  it('does not load the demo twice', async () => {
    const before = await ctx.count('referral');
    await ctx.app.get(DemoDataService).onApplicationBootstrap();
    expect(await ctx.count('referral')).toBe(before);
  });
});
