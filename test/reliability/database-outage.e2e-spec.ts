import type { Response } from 'supertest';
import { minimalReferralBody } from '../support/referrals-factory';
import { TestContext, type TestUser } from '../support/test-app';
import { AppInstance } from './support/app-instance';
import { TcpProxy } from './support/tcp-proxy';

/** Long enough never to fail on a slow machine; a hung request still fails the test. */
const NO_HANG_MS = 30_000;
/** The app's limit on one query, short here so that a silent hang ends well inside NO_HANG_MS. */
const QUERY_TIMEOUT_SECONDS = 3;

/**
 * The database goes away and comes back while the app keeps running. The app reaches this
 * test's database through a proxy that the test can cut; other test files are unaffected.
 */
describe('reliability: the database connection drops and returns', () => {
  let ctx: TestContext;
  let proxy: TcpProxy;
  let app: AppInstance;
  let linkWorker: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    const databaseUrl = process.env.DATABASE_URL!;
    proxy = await TcpProxy.start(databaseUrl);
    app = await AppInstance.start({
      DATABASE_URL: proxy.via(databaseUrl),
      DATABASE_QUERY_TIMEOUT_SECONDS: String(QUERY_TIMEOUT_SECONDS),
    });
    linkWorker = await ctx.newUser('link_worker');
  }, 60_000);
  afterAll(async () => {
    await proxy.restore();
    await app.close();
    await proxy.close();
    await ctx.close();
  });

  const health = () => app.http.get('/health').timeout(NO_HANG_MS);
  const listReferrals = () =>
    app.http.get('/api/referrals').set('Authorization', linkWorker.auth).timeout(NO_HANG_MS);
  const postReferral = (name: string) =>
    app.http
      .post('/api/referrals')
      .set('Authorization', linkWorker.auth)
      .send(minimalReferralBody(name))
      .timeout(NO_HANG_MS);

  async function eventually(request: () => Promise<Response>, status: number): Promise<Response> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await request();
      if (res.status === status || Date.now() > deadline) return res;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  function expectUnavailable(res: Response): void {
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 503, code: 'database_unavailable' });
  }

  it('answers 503 problem+json while the database is away, and recovers by itself', async () => {
    expect((await health()).body).toEqual({ status: 'ok', database: 'up' });
    expect((await postReferral('Before')).status).toBe(201);
    const before = await ctx.count('referral');

    await proxy.cut();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'error', database: 'down' });
    expectUnavailable(await listReferrals());
    expectUnavailable(await postReferral('During'));
    expectUnavailable(await app.http.get('/api/me').set('Authorization', linkWorker.auth));
    expect(await ctx.count('referral')).toBe(before);

    await proxy.restore();
    expect((await eventually(health, 200)).body).toEqual({ status: 'ok', database: 'up' });
    expect((await listReferrals()).status).toBe(200);
    expect((await postReferral('After')).status).toBe(201);
    expect(await ctx.count('referral')).toBe(before + 1);
  }, 120_000);

  it('answers 503 when the database falls silent instead of hanging, and recovers when it speaks', async () => {
    expect((await listReferrals()).status).toBe(200);
    const before = await ctx.count('referral');

    proxy.stall();
    try {
      const [list, post] = await Promise.all([listReferrals(), postReferral('Silent')]);
      expectUnavailable(list);
      expectUnavailable(post);
      expect((await health()).status).toBe(503);
    } finally {
      proxy.resume();
    }

    expect((await eventually(listReferrals, 200)).status).toBe(200);
    expect((await eventually(health, 200)).body).toEqual({ status: 'ok', database: 'up' });
    expect((await postReferral('Spoke again')).status).toBe(201);
    expect(await ctx.count('referral')).toBe(before + 1);
  }, 120_000);

  it('survives its connections being terminated by the server, with no 500 on the way', async () => {
    expect((await listReferrals()).status).toBe(200);
    await ctx.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const right_after = await Promise.all([listReferrals(), postReferral('Racing'), health()]);
    for (const res of right_after) expect([200, 201, 503]).toContain(res.status);

    expect((await eventually(listReferrals, 200)).status).toBe(200);
    expect((await postReferral('Recovered')).status).toBe(201);
    expect((await health()).body).toEqual({ status: 'ok', database: 'up' });
  }, 120_000);
});
