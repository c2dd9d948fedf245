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
