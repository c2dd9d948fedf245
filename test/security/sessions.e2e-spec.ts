import { base32Decode, totpAt } from '../../src/auth/totp';
import { csrfOf } from '../support/page-session';
import { TestContext, TEST_PASSWORD, type TestUser } from '../support/test-app';

/**
 * Sessions and tokens: a new session id at sign-in, expiry after inactivity, revocation on
 * logout and password change, and the authenticator (TOTP) second factor for admins.
 */
const IDLE_MINUTES = 30;

/** The `linkway.sid=…` pair from a response's Set-Cookie, if it set one. */
function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.find((c) => c.startsWith('linkway.sid='))?.split(';')[0];
}

describe('Sessions and tokens', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({
      SESSION_IDLE_MINUTES: String(IDLE_MINUTES),
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
  });
  afterAll(() => ctx.close());

  /** Signs in through the page; returns the cookie before and after sign-in. */
  async function pageSignIn(user: { email: string }, extra: Record<string, string> = {}) {
    const page = await ctx.http.get('/login').expect(200);
    const before = sessionCookie(page);
    expect(before).toBeDefined();
    const res = await ctx.http
      .post('/login')
      .set('Cookie', before!)
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: user.email, password: TEST_PASSWORD, ...extra });
    return { before: before!, after: sessionCookie(res), res };
  }

  const sessionWorks = async (cookie: string) =>
    (await ctx.http.get('/session/keepalive').set('Cookie', cookie)).status === 204;

  const sessionRows = async (userId: string) =>
    (
      await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM session WHERE sess -> 'passport' ->> 'user' = $1`,
        [userId],
      )
    ).rows[0].n;

  describe('rotation on sign-in', () => {
    it('gives the browser a new session id at sign-in; the id from before is worthless', async () => {
      const worker = await ctx.newUser('link_worker');
      const { before, after, res } = await pageSignIn(worker);
      expect(res.status).toBe(303);
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      expect(await sessionWorks(after!)).toBe(true);
      expect(await sessionWorks(before)).toBe(false);
      const planted = await ctx.http.get('/session/keepalive').set('Cookie', before);
      expect(planted.status).toBe(303);
      expect(planted.headers.location).toMatch(/^\/login/);
    });

    it('issues a fresh, distinct bearer token at every API sign-in', async () => {
      const worker = await ctx.newUser('link_worker');
      const login = () =>
        ctx.http
          .post('/api/auth/login')
          .send({ email: worker.email, password: TEST_PASSWORD })
          .expect(200);
      const a = (await login()).body as { accessToken: string };
      const b = (await login()).body as { accessToken: string };
      expect(a.accessToken).not.toBe(b.accessToken);
      expect(a.accessToken).not.toBe(worker.token);
      const { rows } = await ctx.db.query<{ token_hash: string }>(
        'SELECT token_hash FROM api_token WHERE user_id = $1',
        [worker.id],
      );
      expect(rows).toHaveLength(3);
      for (const r of rows) {
        expect(r.token_hash).not.toContain(a.accessToken);
        expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
      }
    });
  });

  describe('expiry on inactivity', () => {
    it(`refuses an API token unused for longer than ${IDLE_MINUTES} minutes`, async () => {
      const idle = await ctx.newUser('link_worker');
      const recent = await ctx.newUser('link_worker');
      await ctx.db.query(
        `UPDATE api_token SET last_used_at = now() - make_interval(mins => $2) WHERE user_id = $1`,
        [idle.id, IDLE_MINUTES + 1],
      );
      await ctx.db.query(
        `UPDATE api_token SET last_used_at = now() - make_interval(mins => $2) WHERE user_id = $1`,
        [recent.id, IDLE_MINUTES - 2],
      );
      const refused = await ctx.http.get('/api/me').set('Authorization', idle.auth);
      expect(refused.status).toBe(401);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      await ctx.http.get('/api/me').set('Authorization', recent.auth).expect(200);
      // Using a token renews it: it was touched just now.
      const { rows } = await ctx.db.query<{ idle_s: number }>(
        `SELECT extract(epoch FROM now() - last_used_at)::int AS idle_s FROM api_token WHERE user_id = $1`,
        [recent.id],
      );
      expect(rows[0].idle_s).toBeLessThan(60);
    });

    it('refuses a token past its absolute expiry however recently it was used', async () => {
      const user = await ctx.newUser('referrer');
      await ctx.db.query(
        `UPDATE api_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [user.id],
      );
      await ctx.http.get('/api/me').set('Authorization', user.auth).expect(401);
    });

    it('ends a browser session that has been idle, and the cookie lives only as long', async () => {
      const worker = await ctx.newUser('link_worker');
      const { after, res } = await pageSignIn(worker);
      const setCookie = ((res.headers['set-cookie'] as unknown as string[]) ?? []).join(';');
      const expires = /Expires=([^;]+)/i.exec(setCookie)?.[1];
      const lifetimeMinutes = (new Date(expires!).getTime() - Date.now()) / 60_000;
      expect(lifetimeMinutes).toBeGreaterThan(IDLE_MINUTES - 1);
      expect(lifetimeMinutes).toBeLessThanOrEqual(IDLE_MINUTES + 0.1);
      expect(await sessionWorks(after!)).toBe(true);

      await ctx.db.query(
        `UPDATE session SET expire = now() - interval '1 second' WHERE sess -> 'passport' ->> 'user' = $1`,
        [worker.id],
      );
      expect(await sessionWorks(after!)).toBe(false);
    });
  });

  describe('revocation', () => {
    it('logout ends the API token and the browser session', async () => {
      const worker = await ctx.newUser('link_worker');
      await ctx.http.post('/api/auth/logout').set('Authorization', worker.auth).expect(204);
      await ctx.http.get('/api/me').set('Authorization', worker.auth).expect(401);

      const { after } = await pageSignIn(worker);
      expect(await sessionRows(worker.id)).toBe(1);
      const home = await ctx.http.get('/login').set('Cookie', after!);
      await ctx.http
        .post('/logout')
        .set('Cookie', after!)
        .type('form')
        .send({ _csrf: csrfOf(home.text) })
        .expect(303);
      expect(await sessionRows(worker.id)).toBe(0);
      expect(await sessionWorks(after!)).toBe(false);
    });

    it('a password change ends every token and every browser session of that user, and no one else’s', async () => {
      const worker = await ctx.newUser('link_worker');
      const bystander = await ctx.newUser('link_worker');
      const second = (
        await ctx.http
          .post('/api/auth/login')
          .send({ email: worker.email, password: TEST_PASSWORD })
          .expect(200)
      ).body as { accessToken: string };
      const { after: browser } = await pageSignIn(worker);
      const { after: otherBrowser } = await pageSignIn(bystander);
      expect(await sessionRows(worker.id)).toBe(1);

      await ctx.http
        .put('/api/me/password')
        .set('Authorization', worker.auth)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a much longer new passphrase' })
        .expect(204);

      await ctx.http.get('/api/me').set('Authorization', worker.auth).expect(401);
      await ctx.http
        .get('/api/me')
        .set('Authorization', `Bearer ${second.accessToken}`)
        .expect(401);
      expect(await sessionRows(worker.id)).toBe(0);
      expect(await sessionWorks(browser!)).toBe(false);
      // Someone else's sign-ins are untouched.
      await ctx.http.get('/api/me').set('Authorization', bystander.auth).expect(200);
      expect(await sessionWorks(otherBrowser!)).toBe(true);
      // The new password works, the old one does not.
      await ctx.http
        .post('/api/auth/login')
        .send({ email: worker.email, password: 'a much longer new passphrase' })
        .expect(200);
      await ctx.http
        .post('/api/auth/login')
        .send({ email: worker.email, password: TEST_PASSWORD })
        .expect(401);
    });
  });

  describe('authenticator (TOTP) for admins', () => {
    /** The code for `steps` time steps from now. */
    const codeFor = (secret: string, steps = 0) =>
      totpAt(base32Decode(secret), Date.now() / 1000 + steps * 30);

    async function enrol(admin: TestUser): Promise<string> {
      const res = await ctx.http.post('/api/me/totp').set('Authorization', admin.auth).expect(201);
      const { secret, otpauthUri } = res.body as { secret: string; otpauthUri: string };
      expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Linkway:/);
      expect(new URL(otpauthUri).searchParams.get('secret')).toBe(secret);
      return secret;
    }

    const apiLogin = (email: string, totp?: string) =>
      ctx.http
        .post('/api/auth/login')
        .send({ email, password: TEST_PASSWORD, ...(totp === undefined ? {} : { totp }) });

    it('enrols, stores the secret encrypted, and only turns on after a correct code', async () => {
      const admin = await ctx.newUser('admin');
      const secret = await enrol(admin);
      const { rows } = await ctx.db.query<{ s: string; enabled: Date | null }>(
        'SELECT totp_secret_encrypted AS s, totp_enabled_at AS enabled FROM app_user WHERE id = $1',
        [admin.id],
      );
      expect(rows[0].s).toMatch(/^v1:/);
      expect(rows[0].s).not.toContain(secret);
      expect(rows[0].enabled).toBeNull();
      // Not yet confirmed: signing in needs no code.
      await apiLogin(admin.email).expect(200);

      const wrong = await ctx.http
        .post('/api/me/totp/confirm')
        .set('Authorization', admin.auth)
        .send({ code: codeFor(secret, 5) })
        .expect(422);
      expect((wrong.body as { code: string }).code).toBe('totp_code_invalid');
      await ctx.http
        .post('/api/me/totp/confirm')
        .set('Authorization', admin.auth)
        .send({ code: 'abc' })
        .expect(422);
      await apiLogin(admin.email).expect(200);

      const ok = await ctx.http
        .post('/api/me/totp/confirm')
        .set('Authorization', admin.auth)
        .send({ code: codeFor(secret) })
        .expect(200);
      expect((ok.body as { enabledAt: string }).enabledAt).toBeTruthy();
      // A second enrolment cannot silently replace a working authenticator.
      const again = await ctx.http
        .post('/api/me/totp')
        .set('Authorization', admin.auth)
        .expect(409);
      expect((again.body as { code: string }).code).toBe('totp_already_enabled');
    });

    it('then requires a current, unused code at sign-in: 401 totp_required when missing or wrong', async () => {
      const admin = await ctx.newUser('admin');
      const secret = await enrol(admin);
      await ctx.http
        .post('/api/me/totp/confirm')
        .set('Authorization', admin.auth)
        .send({ code: codeFor(secret) })
        .expect(200);

      // Three failures here and one below: under the five-failure account lock.
      for (const totp of [undefined, 'not a code', codeFor(secret, 4)]) {
        const res = await apiLogin(admin.email, totp).expect(401);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect((res.body as { code: string }).code).toBe('totp_required');
        expect(JSON.stringify(res.body)).not.toContain('accessToken');
      }
      // A wrong password still says only that the credentials are wrong.
      const badPassword = await ctx.http
        .post('/api/auth/login')
        .send({ email: admin.email, password: 'wrong password here', totp: codeFor(secret, 1) })
        .expect(401);
      expect((badPassword.body as { code: string }).code).toBe('invalid_credentials');

      const code = codeFor(secret, 1);
      const ok = await apiLogin(admin.email, code).expect(200);
      expect((ok.body as { user: { id: string } }).user.id).toBe(admin.id);
      // The same code cannot be used twice.
      const replay = await apiLogin(admin.email, code).expect(401);
      expect((replay.body as { code: string }).code).toBe('totp_required');
    });

    it('counts wrong codes as failed sign-ins, so codes cannot be guessed without limit', async () => {
      const admin = await ctx.newUser('admin');
      const secret = await enrol(admin);
      await ctx.http
        .post('/api/me/totp/confirm')
        .set('Authorization', admin.auth)
        .send({ code: codeFor(secret) })
        .expect(200);
      for (let i = 0; i < 5; i++) await apiLogin(admin.email, '123456').expect(401);
      await apiLogin(admin.email, codeFor(secret, 1)).expect(429);
    });

    it('asks for the code on the sign-in page', async () => {
      const admin = await ctx.newUser('admin');
      const secret = await enrol(admin);
      await ctx.http
        .post('/api/me/totp/confirm')
        .set('Authorization', admin.auth)
        .send({ code: codeFor(secret) })
        .expect(200);

      const page = await ctx.http.get('/login').expect(200);
      expect(page.text).toContain('Authenticator code');
      expect(page.text).toMatch(/name="totp"[^>]*autocomplete="one-time-code"/);

      const missing = await pageSignIn(admin);
      expect(missing.res.status).toBe(401);
      expect(missing.res.text).toContain(
        'Enter the current 6-digit code from your authenticator app',
      );
      expect(missing.res.text).toContain('href="#totp"');
      expect(await sessionRows(admin.id)).toBe(0);

      const signedIn = await pageSignIn(admin, { totp: codeFor(secret, 1) });
      expect(signedIn.res.status).toBe(303);
      expect(await sessionWorks(signedIn.after!)).toBe(true);
    });

    it('is for admins only', async () => {
      for (const role of [
        'link_worker',
        'group_coordinator',
        'referrer',
        'commissioner',
      ] as const) {
        const user = await ctx.newUser(role);
        await ctx.http.post('/api/me/totp').set('Authorization', user.auth).expect(403);
        await ctx.http
          .post('/api/me/totp/confirm')
          .set('Authorization', user.auth)
          .send({ code: '123456' })
          .expect(403);
      }
      await ctx.http.post('/api/me/totp').expect(401);
      const admin = await ctx.newUser('admin');
      const notStarted = await ctx.http
        .post('/api/me/totp/confirm')
        .set('Authorization', admin.auth)
        .send({ code: '123456' })
        .expect(409);
      expect((notStarted.body as { code: string }).code).toBe('totp_not_started');
    });
  });
});
