import request from 'supertest';
import { csrfOf } from './support/page-session';
import { TestContext } from './support/test-app';

describe('Per-client throttling', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
      RATE_LIMIT_PER_MINUTE: '40',
    });
  });
  afterAll(() => ctx.close());

  it('limits sign-in attempts per client address, whichever accounts they name', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await ctx.http
        .post('/api/auth/login')
        .send({ email: `someone${i}@example.org`, password: 'guess' });
      statuses.push(res.status);
      retryAfter ??= res.status === 429 ? res.headers['retry-after'] : undefined;
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // The standard header, in whole seconds, not only the library's "Retry-After-login".
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('limits all API requests per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await ctx.http.get('/api/me')).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const throttled = await ctx.http.get('/api/me');
    expect(throttled.status).toBe(429);
    expect(throttled.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('One budget per client across routes and doors', () => {
  let ctx: TestContext;

  beforeEach(async () => {
    ctx = await TestContext.create({
      LOGIN_RATE_LIMIT_PER_MINUTE: '4',
      RATE_LIMIT_PER_MINUTE: '30',
    });
  });
  afterEach(() => ctx.close());

  it('counts every route against one limit: 30 a minute is 30 in all, not 30 on each', async () => {
    const routes = ['/api/me', '/api/notifications', '/openreferral/services', '/health'];
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await ctx.http.get(routes[i % 4])).status);
    expect(statuses.slice(0, 30).filter((s) => s === 429)).toEqual([]);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it('gives API and page sign-in one budget between them', async () => {
    const agent = ctx.http;
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      statuses.push(
        (
          await agent
            .post('/api/auth/login')
            .send({ email: `api${i}@example.org`, password: 'guess' })
        ).status,
      );
    }
    const browser = request.agent(ctx.app.getHttpServer());
    for (let i = 0; i < 3; i++) {
      const page = await browser.get('/login');
      statuses.push(
        (
          await browser
            .post('/login')
            .type('form')
            .send({ _csrf: csrfOf(page.text), email: `page${i}@example.org`, password: 'guess' })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });
});
