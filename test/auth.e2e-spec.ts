import { TestContext, TEST_PASSWORD, type TestUser } from './support/test-app';

describe('Auth and users (contract: "Auth and users")', () => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create({
      BOOTSTRAP_ADMIN_EMAIL: 'boot@linkway.example',
      BOOTSTRAP_ADMIN_PASSWORD: 'first-admin-passphrase-1',
    });
    admin = await ctx.newUser('admin');
  });
  afterAll(() => ctx.close());

  it('reports health with a real database check', async () => {
    const res = await ctx.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('lists no demo accounts on the sign-in page of a system without demo data', async () => {
    const page = await ctx.http.get('/login').expect(200);
    expect(page.text).toContain('Sign in to Linkway');
    expect(page.text).not.toContain('Demo accounts');
  });

  it('creates the bootstrap admin from the environment, who can sign in', async () => {
    const res = await ctx.http
      .post('/api/auth/login')
      .send({ email: 'boot@linkway.example', password: 'first-admin-passphrase-1' })
      .expect(200);
    expect(res.body.user.role).toBe('admin');
  });

  describe('POST /api/auth/login', () => {
    it('returns an opaque bearer token and the user', async () => {
      const user = await ctx.newUser('link_worker');
      const res = await ctx.http
        .post('/api/auth/login')
        .send({ email: user.email.toUpperCase(), password: TEST_PASSWORD })
        .expect(200);
      expect(res.body).toEqual({
        accessToken: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
        tokenType: 'Bearer',
        expiresAt: expect.any(String),
        user: {
          id: user.id,
          email: user.email,
          name: expect.any(String),
          role: 'link_worker',
          organisationId: null,
        },
      });
      expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      await ctx.http
        .get('/api/me')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
      const stored = await ctx.db.query('SELECT token_hash FROM api_token WHERE token_hash = $1', [
        res.body.accessToken,
      ]);
      expect(stored.rowCount).toBe(0); // only a hash is kept
    });

    it('answers a wrong password and an unknown email alike', async () => {
      const user = await ctx.newUser('referrer');
      const wrong = await ctx.http
        .post('/api/auth/login')
        .send({ email: user.email, password: 'not the password' });
      const unknown = await ctx.http
        .post('/api/auth/login')
        .send({ email: 'nobody@nowhere.example', password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(wrong.body.detail).toBe(unknown.body.detail);
      expect(wrong.body.title).toBe(unknown.body.title);
    });

    it('throttles an account after 5 failures in 15 minutes, even with the right password', async () => {
      const user = await ctx.newUser('commissioner');
      for (let i = 0; i < 5; i++) {
        await ctx.http
          .post('/api/auth/login')
          .send({ email: user.email, password: `wrong-${i}` })
          .expect(401);
      }
      const res = await ctx.http
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      // Another account from the same client is unaffected.
      const other = await ctx.newUser('commissioner');
      await ctx.http
        .post('/api/auth/login')
        .send({ email: other.email, password: TEST_PASSWORD })
        .expect(200);
    });

    it('rejects unknown fields with a problem naming them', async () => {
      const res = await ctx.http
        .post('/api/auth/login')
        .send({ email: 'a@b.c', password: 'x', admin: true })
        .expect(422);
      expect(res.body.errors).toEqual([{ field: 'admin', message: 'is not a recognised field' }]);
    });

    it('names a missing field once, as required, and a wrong type by its type', async () => {
      const missing = await ctx.http.post('/api/auth/login').send({ email: 'a@b.c' }).expect(422);
      expect(missing.body.errors).toEqual([{ field: 'password', message: 'is required' }]);
      const wrongType = await ctx.http
        .post('/api/auth/login')
        .send({ email: 'a@b.c', password: 12 })
        .expect(422);
      expect(wrongType.body.errors).toEqual([{ field: 'password', message: 'must be a string' }]);
    });

    it('answers malformed JSON with 400 problem+json', async () => {
      const res = await ctx.http
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": ')
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
    });
  });

  it('logout revokes the token', async () => {
    const user = await ctx.newUser('link_worker');
    await ctx.http.get('/api/me').set('Authorization', user.auth).expect(200);
    await ctx.http.post('/api/auth/logout').set('Authorization', user.auth).expect(204);
    await ctx.http.get('/api/me').set('Authorization', user.auth).expect(401);
  });

  it('refuses fields sent to an action that takes none (422), and does nothing', async () => {
    const user = await ctx.newUser('link_worker');
    const res = await ctx.http
      .post('/api/auth/logout')
      .set('Authorization', user.auth)
      .send({ everywhere: true })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { field: 'everywhere', message: 'is not a recognised field' },
    ]);
    await ctx.http.get('/api/me').set('Authorization', user.auth).expect(200);
  });

  it('changing the password revokes every token', async () => {
    const user = await ctx.newUser('link_worker');
    await ctx.http
      .put('/api/me/password')
      .set('Authorization', user.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' })
      .expect(204);
    await ctx.http.get('/api/me').set('Authorization', user.auth).expect(401);
    await ctx.http
      .post('/api/auth/login')
      .send({ email: user.email, password: 'a brand new passphrase' })
      .expect(200);
  });

  it('refuses a garbage or missing token with 401', async () => {
    await ctx.http.get('/api/me').expect(401);
    await ctx.http
      .get('/api/me')
      .set('Authorization', 'Bearer not-a-real-token-at-all-xxxxxxxx')
      .expect(401);
    await ctx.http.get('/api/me').set('Authorization', 'Basic Zm9vOmJhcg==').expect(401);
  });

  describe('POST /api/users', () => {
    it('lets an admin create a user who can then sign in', async () => {
      const org = await ctx.newOrganisation({ kind: 'gp_practice' });
      const res = await ctx.http
        .post('/api/users')
        .set('Authorization', admin.auth)
        .send({
          email: 'New.Referrer@Example.org',
          name: 'New Referrer',
          role: 'referrer',
          password: 'twelve chars!',
          organisationId: org.id,
        })
        .expect(201);
      expect(res.body).toMatchObject({
        email: 'new.referrer@example.org',
        role: 'referrer',
        organisationId: org.id,
      });
      expect(res.body).not.toHaveProperty('passwordHash');
      await ctx.http
        .post('/api/auth/login')
        .send({ email: 'new.referrer@example.org', password: 'twelve chars!' })
        .expect(200);
    });

    it('409 when the email is taken, and nothing is created', async () => {
      const existing = await ctx.newUser('link_worker');
      const before = await ctx.count('app_user');
      await ctx.http
        .post('/api/users')
        .set('Authorization', admin.auth)
        .send({
          email: existing.email,
          name: 'Dup',
          role: 'link_worker',
          password: 'long enough password',
        })
        .expect(409);
      expect(await ctx.count('app_user')).toBe(before);
    });

    it('422 for a password under 12 characters, naming the field', async () => {
      const res = await ctx.http
        .post('/api/users')
        .set('Authorization', admin.auth)
        .send({
          email: 'short@example.org',
          name: 'Short',
          role: 'link_worker',
          password: 'elevenchars',
        })
        .expect(422);
      expect(res.body.errors).toContainEqual({
        field: 'password',
        message: 'must be at least 12 characters',
      });
    });

    it('422 when a coordinator or referrer has no organisation', async () => {
      for (const role of ['group_coordinator', 'referrer']) {
        const res = await ctx.http
          .post('/api/users')
          .set('Authorization', admin.auth)
          .send({
            email: `${role}@example.org`,
            name: 'No Org',
            role,
            password: 'long enough password',
          })
          .expect(422);
        expect(res.body.errors).toContainEqual(
          expect.objectContaining({ field: 'organisationId' }),
        );
      }
    });

    it('403 for every role but admin, 401 without a token', async () => {
      const body = {
        email: 'x@example.org',
        name: 'X',
        role: 'admin',
        password: 'long enough password',
      };
      for (const role of [
        'link_worker',
        'group_coordinator',
        'referrer',
        'commissioner',
      ] as const) {
        const user = await ctx.newUser(role);
        await ctx.http.post('/api/users').set('Authorization', user.auth).send(body).expect(403);
      }
      await ctx.http.post('/api/users').send(body).expect(401);
      expect(
        (await ctx.db.query(`SELECT 1 FROM app_user WHERE email = 'x@example.org'`)).rowCount,
      ).toBe(0);
    });
  });

  describe('organisations', () => {
    it('admin creates and lists organisations; kind must be a channel code or community_group', async () => {
      const res = await ctx.http
        .post('/api/organisations')
        .set('Authorization', admin.auth)
        .send({ name: 'Hyson Green Library', kind: 'library', postcode: 'ng7 5ll' })
        .expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        name: 'Hyson Green Library',
        kind: 'library',
        postcode: 'NG7 5LL',
      });
      await ctx.http
        .post('/api/organisations')
        .set('Authorization', admin.auth)
        .send({ name: 'X', kind: 'spaceship' })
        .expect(422);
      const list = await ctx.http
        .get('/api/organisations?limit=200')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(list.body.items.map((o: { id: string }) => o.id)).toContain(res.body.id);
      expect(list.body).toHaveProperty('nextCursor');
    });

    it('pages with limit and cursor', async () => {
      for (let i = 0; i < 3; i++) await ctx.newOrganisation();
      const first = await ctx.http
        .get('/api/organisations?limit=2')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(first.body.items).toHaveLength(2);
      const second = await ctx.http
        .get(`/api/organisations?limit=2&cursor=${first.body.nextCursor}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      await ctx.http
        .get('/api/organisations?limit=500')
        .set('Authorization', admin.auth)
        .expect(422);
      await ctx.http
        .get('/api/organisations?cursor=%%%')
        .set('Authorization', admin.auth)
        .expect(422);
    });

    it('a referrer sees their own organisation and gets 404 for another', async () => {
      const referrer = await ctx.newUser('referrer');
      const other = await ctx.newOrganisation();
      await ctx.http
        .get(`/api/organisations/${referrer.organisationId}`)
        .set('Authorization', referrer.auth)
        .expect(200);
      await ctx.http
        .get(`/api/organisations/${other.id}`)
        .set('Authorization', referrer.auth)
        .expect(404);
      await ctx.http
        .post('/api/organisations')
        .set('Authorization', referrer.auth)
        .send({ name: 'Mine', kind: 'charity' })
        .expect(403);
    });
  });

  describe('audit', () => {
    it('records changes and lets only admins read them', async () => {
      const org = await ctx.newOrganisation();
      const res = await ctx.http
        .get(`/api/audit?entityId=${org.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(res.body.items).toEqual([
        {
          at: expect.any(String),
          actorId: null,
          action: 'create',
          entity: 'organisation',
          entityId: org.id,
        },
      ]);
      const lw = await ctx.newUser('link_worker');
      await ctx.http.get('/api/audit').set('Authorization', lw.auth).expect(403);
    });

    it('cannot be altered, even directly in the database', async () => {
      await expect(ctx.db.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
      await expect(ctx.db.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(
        /append-only/,
      );
    });
  });

  it('serves the OpenAPI document', async () => {
    const res = await ctx.http.get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/organisations', '/health']),
    );
  });

  it('documents the problem responses and each header once', async () => {
    const { body } = await ctx.http.get('/api/docs-json').expect(200);
    const create = body.paths['/api/referrals'].post;
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['201', '401', '403', '409', '422', '429']),
    );
    expect(create.responses['422'].content).toHaveProperty('application/problem+json');
    const headers = create.parameters.filter((p: { in: string }) => p.in === 'header');
    expect(headers.map((h: { name: string }) => h.name.toLowerCase())).toEqual(['idempotency-key']);
    expect(Object.keys(body.paths['/api/cases/{id}'].get.responses)).toContain('404');
    const fhir = body.paths['/fhir/ServiceRequest'].post.requestBody.content;
    expect(Object.values(fhir)[0]).toMatchObject({ schema: { type: 'object' } });
  });

  it('sends security headers and a request id', async () => {
    const res = await ctx.http.get('/health');
    expect(res.headers['x-request-id']).toBeDefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('lets no cache keep an API answer or a page, but lets browsers cache the stylesheet', async () => {
    const me = await ctx.http.get('/api/me').set('Authorization', `Bearer ${admin.token}`);
    const page = await ctx.http.get('/login');
    for (const res of [me, page]) {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
    }
    const css = await ctx.http.get('/assets/linkway.css').expect(200);
    expect(css.headers['cache-control']).toMatch(/max-age=\d+/);
  });
});
