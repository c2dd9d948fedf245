import type { Response } from 'supertest';
import { SESSION_COOKIE } from '../../src/app.setup';
import { csrfOf } from '../support/page-session';
import { TestContext, TEST_PASSWORD, type TestUser } from '../support/test-app';

function sessionCookieOf(res: Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error(`no session cookie: ${cookies.join(' | ')}`);
  return session;
}

/**
 * Signs in as a browser would, sending the cookie back by hand (a test client keeps a Secure
 * cookie to itself over plain HTTP); returns the Set-Cookie of the new, signed-in session.
 */
async function signInCookie(
  ctx: TestContext,
  user: TestUser,
  headers: Record<string, string> = {},
): Promise<string> {
  const page = await ctx.http.get('/login').set(headers).expect(200);
  const res = await ctx.http
    .post('/login')
    .set(headers)
    .set('Cookie', sessionCookieOf(page).split(';')[0])
    .type('form')
    .send({ _csrf: csrfOf(page.text), email: user.email, password: TEST_PASSWORD })
    .expect(303);
  return sessionCookieOf(res);
}

/** Self-referrals are limited to 10 a minute per client; the 11th from "new" addresses… */
async function selfReferralStatuses(ctx: TestContext, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await ctx.http
      .post('/api/self-referrals')
      .set('X-Forwarded-For', `203.0.113.${i + 1}`)
      .send({
        person: { givenName: `Rotated${i}` },
        reasons: ['food'],
        consent: { referralDiscussed: true },
      });
    statuses.push(res.status);
  }
  return statuses;
}

describe('With no TRUST_PROXY (the default)', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => ctx.close());

  // First: the sign-in limit below is then spent for this client.
  it('does not believe X-Forwarded-Proto: no HSTS and no Secure cookie over plain HTTP', async () => {
    const page = await ctx.http.get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    expect(page.headers['strict-transport-security']).toBeUndefined();
    const cookie = await signInCookie(ctx, await ctx.newUser('referrer'), {
      'X-Forwarded-Proto': 'https',
    });
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it('ignores X-Forwarded-For: rotating it does not get round the sign-in limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await ctx.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .send({ email: `someone${i}@example.org`, password: 'guess' });
      statuses.push(res.status);
    }
    // Three a minute for this one client, whatever the header says (one went on the test above).
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it('ignores X-Forwarded-For on the self-referral limit too', async () => {
    expect((await selfReferralStatuses(ctx, 12)).slice(10)).toEqual([429, 429]);
  });

  it('records the connection’s own address, not the header’s, against a sign-in', async () => {
    await ctx.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', '192.0.2.99')
      .send({ email: 'who@example.org', password: 'guess' });
    const { rows } = await ctx.db.query<{ client_address: string }>(
      `SELECT client_address FROM login_attempt WHERE email = 'who@example.org'`,
    );
    expect(rows.map((r) => r.client_address)).not.toContain('192.0.2.99');
  });
});

describe('With TRUST_PROXY naming the proxy', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({
      TRUST_PROXY: '127.0.0.1,::1',
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
    });
  });
  afterAll(() => ctx.close());

  it('takes the client address from the proxy’s X-Forwarded-For', async () => {
    // Each address is its own client, as it is behind a real proxy.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await ctx.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .send({ email: `someone${i}@example.org`, password: 'guess' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const { rows } = await ctx.db.query<{ client_address: string }>(
      `SELECT client_address FROM login_attempt WHERE email = 'someone0@example.org'`,
    );
    expect(rows.map((r) => r.client_address)).toEqual(['198.51.100.1']);
  });

  it('sends HSTS and a Secure session cookie when the proxy says the request came over HTTPS', async () => {
    const https = { 'X-Forwarded-Proto': 'https' };
    const page = await ctx.http.get('/login').set(https).expect(200);
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(await signInCookie(ctx, await ctx.newUser('referrer'), https)).toMatch(/;\s*Secure/i);
  });

  it('sends neither over plain HTTP', async () => {
    const page = await ctx.http.get('/login').expect(200);
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(await signInCookie(ctx, await ctx.newUser('referrer'))).not.toMatch(/;\s*Secure/i);
  });
});
