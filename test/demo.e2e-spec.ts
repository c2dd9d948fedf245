import { addDays, ukDate } from '../src/casework/casework-dates';
import { DemoDataService } from '../src/demo/demo-data.service';
import { DEMO_PASSWORD, DEMO_SERVICES, DEMO_USERS } from '../src/demo/demo-logins';
import request from 'supertest';
import { csrfOf } from './support/page-session';
import { TestContext } from './support/test-app';

describe('Demo data (DEMO_DATA=true on an empty database)', () => {
  let ctx: TestContext;

  const signIn = async (email: string) => {
    const login = await ctx.http.post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    return `Bearer ${login.body.accessToken}`;
  };
  /**
   * The given names on every page of a list, leaving out the synthetic history (its people are
   * all called "Synthetic", and a link worker sees no name on a referral that is not theirs).
   */
  const givenNames = async (auth: string, path: string) => {
    const names: (string | undefined)[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const res: request.Response = await ctx.http
        .get(`${path}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .set('Authorization', auth)
        .expect(200);
      const items = res.body.items as { person?: { givenName: string }; givenName?: string }[];
      names.push(...items.map((i) => i.person?.givenName ?? i.givenName));
      cursor = res.body.nextCursor;
    }
    return names.filter((name) => name !== undefined && name !== 'Synthetic');
  };

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

  it('loads the SYNTHETIC population sample, so the equity report has denominators and says they are invented', async () => {
    const auth = await signIn('commissioner@linkway.example');
    const res = await ctx.http.get('/api/reports/equity').set('Authorization', auth).expect(200);
    const body = res.body as {
      totals: { population: number };
      areas: { code: string }[];
      population: { sources: string[]; synthetic: boolean };
      notes: string[];
    };
    expect(body.population.synthetic).toBe(true);
    expect(body.population.sources.every((s) => s.startsWith('SYNTHETIC'))).toBe(true);
    expect(body.totals.population).toBeGreaterThan(100_000);
    expect(body.areas.map((a) => a.code)).toEqual(
      expect.arrayContaining(['E06000018', 'E07000176']),
    );
    expect(body.notes.join(' ')).toContain('SYNTHETIC');
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
    const offers = await ctx.http
      .get('/api/placements?status=offered')
      .set('Authorization', auth)
      .expect(200);
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

  it('has two services: the PCN (the default) and the council team covering Rushcliffe', async () => {
    const { rows } = await ctx.db.query(
      'SELECT name, ods_code, local_authority_codes, is_default FROM service ORDER BY name',
    );
    expect(rows).toEqual([
      {
        name: DEMO_SERVICES.pcn.name,
        ods_code: 'U12345',
        local_authority_codes: [],
        is_default: true,
      },
      {
        name: DEMO_SERVICES.council.name,
        ods_code: null,
        local_authority_codes: ['E07000176'],
        is_default: false,
      },
    ]);
  });

  it('keeps the services apart: each link worker sees only their own service’s referrals and cases', async () => {
    const council = await signIn('council.linkworker@linkway.example');
    const pcn = await signIn('linkworker@linkway.example');
    const councilReferrals = await givenNames(council, '/api/referrals');
    expect(councilReferrals.sort()).toEqual(['Halima', 'Joseph', 'Olena']);
    const pcnReferrals = await givenNames(pcn, '/api/referrals');
    expect(pcnReferrals).toEqual(expect.arrayContaining(['Amina', 'Hamid', 'Fatima']));
    for (const name of councilReferrals) expect(pcnReferrals).not.toContain(name);
    expect(await givenNames(council, '/api/cases')).toEqual(['Olena']);
    expect(await givenNames(pcn, '/api/cases')).not.toContain('Olena');
  });

  it('routes the GP practice’s referrals to the PCN and Rushcliffe’s self-referrals to the council', async () => {
    const { rows } = await ctx.db.query<{ channel: string; service: string; n: number }>(
      `SELECT r.channel, s.name AS service, count(*)::int AS n
         FROM referral r JOIN service s ON s.id = r.service_id
        WHERE r.channel IN ('gp_practice', 'self') AND r.reference NOT LIKE 'SYN-%'
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      { channel: 'gp_practice', service: DEMO_SERVICES.pcn.name, n: 2 },
      { channel: 'self', service: DEMO_SERVICES.pcn.name, n: 1 },
      { channel: 'self', service: DEMO_SERVICES.council.name, n: 2 },
    ]);
  });

  it('gives each team lead a dashboard of their own service only', async () => {
    for (const [email, own, other] of [
      ['council.teamlead@linkway.example', 'Joseph Okoro', 'Amina'],
      ['teamlead@linkway.example', 'Tesfay', 'Halima'],
    ]) {
      const agent = request.agent(ctx.app.getHttpServer());
      const form = await agent.get('/login').expect(200);
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfOf(form.text), email, password: DEMO_PASSWORD })
        .expect(303);
      const dashboard = await agent.get('/team').expect(200);
      expect(dashboard.text).toContain(own);
      expect(dashboard.text).not.toContain(other);
    }
  });

  it('lists the demo accounts, with their services, on the sign-in page', async () => {
    const page = await ctx.http.get('/login').expect(200);
    expect(page.text).toContain('Demo accounts on this system');
    for (const u of DEMO_USERS) expect(page.text).toContain(u.email);
    expect(page.text).toContain(DEMO_PASSWORD);
    expect(page.text).toMatch(
      /Team lead<\/td><td class="govuk-table__cell">Rushcliffe community connectors<\/td><td class="govuk-table__cell">council.teamlead@linkway.example/,
    );
  });

  it('has two years of SYNTHETIC history in both services, so reports show figures, not [c]', async () => {
    const auth = await signIn('commissioner@linkway.example');
    const period = `from=${addDays(ukDate(), -740)}&to=${ukDate()}`;
    const access = await ctx.http
      .get(`/api/reports/service-access?${period}&by=channel`)
      .set('Authorization', auth)
      .expect(200);
    expect(access.body.totals.referrals).toBeGreaterThan(3000);
    expect(access.body.totals.placed).toBeGreaterThan(100);
    const shownChannels = access.body.rows.filter(
      (r: { referrals: number | null }) => r.referrals !== null,
    );
    expect(shownChannels.length).toBeGreaterThan(5);
    const { rows } = await ctx.db.query<{ service: string; n: number; open: number }>(
      `SELECT s.name AS service, count(*)::int AS n,
              count(*) FILTER (WHERE c.status = 'open')::int AS open
         FROM referral r JOIN service s ON s.id = r.service_id
         LEFT JOIN support_case c ON c.id = r.case_id
        WHERE r.reference LIKE 'SYN-%' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((r) => r.service).sort()).toEqual(
      [DEMO_SERVICES.council.name, DEMO_SERVICES.pcn.name].sort(),
    );
    // The past is closed, and held by former link workers no one can sign in as or assign to.
    expect(rows.every((r) => r.n > 500 && r.open === 0)).toBe(true);
    const formers = await ctx.db.query(
      `SELECT deactivated_at FROM app_user WHERE email LIKE '%@history.invalid'`,
    );
    expect(formers.rows).toHaveLength(2);
    expect(formers.rows.every((u) => u.deactivated_at !== null)).toBe(true);

    const equity = await ctx.http
      .get(`/api/reports/equity?${period}&by=ethnicity`)
      .set('Authorization', auth)
      .expect(200);
    const rated = equity.body.rows.filter((r: { rate: number | null }) => r.rate !== null);
    expect(rated.length).toBeGreaterThan(3);
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
