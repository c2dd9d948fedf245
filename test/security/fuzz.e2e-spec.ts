import fc from 'fast-check';
import { TestContext, type TestUser } from '../support/test-app';
import { concretePath, routeTable, type RouteInfo } from '../support/route-table';
import type { Role } from '../../src/common/vocabulary';

/**
 * Property-based fuzzing of every write endpoint, driven by the app's own route table and its
 * OpenAPI request schemas: malformed, oversized, wrong-typed and hostile payloads must never
 * produce a 5xx, and a rejected request must leave the database exactly as it was.
 */
const HOSTILE_STRINGS = [
  "'; DROP TABLE person; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5)',
  '{{constructor.constructor("return process")()}}',
  '{{#each this}}{{/each}}',
  '${7*7}',
  '<script>alert(1)</script>',
  '\u0000',
  '\uD800',
  '\u202Eevil',
  '🏳️‍🌈👩‍👩‍👧‍👦',
  'Ａｍｉｎａ',
  ' ',
  '',
  'x'.repeat(20_000),
  '__proto__',
  'constructor',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, -1, 0, 1e308, Number.MAX_SAFE_INTEGER, [], {}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

function deepNesting(depth: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

type Schema = { type?: string; properties?: Record<string, Schema>; $ref?: string; items?: Schema };

/** Payloads shaped like the route's DTO, with every value drawn from the hostile set. */
function payloads(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const names = Object.keys(schema?.properties ?? {});
  const shaped =
    names.length > 0
      ? fc.record(Object.fromEntries(names.map((n) => [n, hostileValue])), { requiredKeys: [] })
      : fc.dictionary(hostileString, hostileValue, { maxKeys: 4 });
  return fc.oneof(
    { weight: 5, arbitrary: shaped },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 3000 }).map(deepNesting) },
    {
      weight: 1,
      arbitrary: fc.constant({ ...Object.fromEntries(names.map((n) => [n, 'x'.repeat(60_000)])) }),
    },
  );
}

describe('Fuzzing every write endpoint', () => {
  let ctx: TestContext;
  const users = new Map<Role, TestUser>();
  let fingerprintSql: string;

  beforeAll(async () => {
    ctx = await TestContext.create({
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    for (const role of [
      'admin',
      'link_worker',
      'group_coordinator',
      'referrer',
      'commissioner',
    ] as const) {
      users.set(role, await ctx.newUser(role));
    }
    const { rows } = await ctx.db.query<{ table_name: string; has_updated: boolean }>(
      `SELECT t.table_name,
              EXISTS (SELECT 1 FROM information_schema.columns c
                       WHERE c.table_name = t.table_name AND c.column_name = 'updated_at') AS has_updated
         FROM information_schema.tables t
        WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND t.table_name NOT IN ('typeorm_migrations', 'session', 'login_attempt', 'audit_event')`,
    );
    fingerprintSql =
      'SELECT ' +
      rows
        .map(
          (r) =>
            `(SELECT count(*)::text${r.has_updated ? " || '@' || coalesce(max(updated_at)::text, '')" : ''} FROM "${r.table_name}")`,
        )
        .join(" || '|' || ");
  });
  afterAll(() => ctx.close());

  const fingerprint = async () =>
    (await ctx.db.query<Record<string, string>>(fingerprintSql)).rows[0];

  it('never answers 5xx, and rejected requests change nothing', async () => {
    const doc = (await ctx.http.get('/api/docs-json')).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>
      >;
      components?: { schemas?: Record<string, Schema> };
    };
    const resolveSchema = (s: Schema | undefined): Schema | undefined =>
      s?.$ref ? doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''] : s;

    const writes = routeTable(ctx.app).filter(
      (r: RouteInfo) =>
        r.method !== 'GET' &&
        (r.path.startsWith('/api/') || r.path.startsWith('/fhir/')) &&
        r.path !== '/api/auth/logout',
    );
    expect(writes.length).toBeGreaterThan(3);
    const failures: string[] = [];
    let sent = 0;

    for (const route of writes) {
      const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[openApiPath]?.[route.method.toLowerCase()];
      const schema = resolveSchema(op?.requestBody?.content?.['application/json']?.schema);
      const role: Role | undefined = route.isPublic
        ? undefined
        : route.roles.includes('admin')
          ? 'admin'
          : route.roles[0];
      const user = role ? users.get(role) : undefined;

      await fc.assert(
        fc.asyncProperty(payloads(schema), async (payload) => {
          const before = await fingerprint();
          let req = ctx.http[route.method.toLowerCase() as 'post'](concretePath(route.path)).set(
            'Content-Type',
            'application/json',
          );
          if (user) req = req.set('Authorization', user.auth);
          const res = await req.send(JSON.stringify(payload) ?? 'null');
          sent++;
          if (res.status >= 500)
            failures.push(
              `${route.key} → ${res.status} for ${JSON.stringify(payload).slice(0, 200)}`,
            );
          if (res.status >= 400 && res.status < 500) {
            const after = await fingerprint();
            if (JSON.stringify(after) !== JSON.stringify(before))
              failures.push(`${route.key} → ${res.status} but the database changed`);
          }
        }),
        { numRuns: 40, seed: 20261123 },
      );
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(writes.length * 40);
  }, 600_000);
});
