import type { Response } from 'supertest';
import { ROLES, type Role } from '../../src/common/vocabulary';
import { EXPECTATIONS, verdictFor, type Expectation } from '../support/matrix-expectations';
import { leaksIn, OUTSIDE_ROLES, type OutsideRole } from '../support/matrix-leaks';
import { isApiRoute, newCaller, send, type Caller } from '../support/matrix-requests';
import {
  buildMatrixWorld,
  MARKERS,
  SENSITIVE_CODES,
  worldIds,
  type MatrixWorld,
} from '../support/matrix-world';
import { concretePath, routeTable, type RouteInfo } from '../support/route-table';
import { TestContext } from '../support/test-app';

/**
 * Every route the app serves × every role (and nobody signed in), against records that belong to
 * someone else. Routes come from Nest's own metadata; expectations are written by hand in
 * test/support/matrix-expectations.ts, so a new route fails here until someone decides who may
 * call it.
 */
jest.setTimeout(240_000);

type Entry = { route: RouteInfo; expectation: Expectation };

const is2xx = (status: number) => status >= 200 && status < 300;
const isOutsideRole = (role: Role): role is OutsideRole => (OUTSIDE_ROLES as Role[]).includes(role);

/** The request as the caller, with the route's body and query filled with the world's ids. */
function call(
  ctx: TestContext,
  caller: Caller,
  { route, expectation }: Entry,
  ids: Record<string, string>,
): Promise<Response> {
  const fill = (s: string) => concretePath(s, ids);
  const url = fill(route.path) + (expectation.query ? `?${fill(expectation.query)}` : '');
  const fillValue = (v: unknown): unknown =>
    typeof v === 'string' && /^:\w+$/.test(v) ? fill(v) : Array.isArray(v) ? v.map(fillValue) : v;
  const body = expectation.body
    ? Object.fromEntries(Object.entries(expectation.body).map(([k, v]) => [k, fillValue(v)]))
    : undefined;
  return send(ctx, caller, route, url, body);
}

/** The printable and CSV forms of reports and letters leak as easily as their JSON. */
function formatsOf(route: RouteInfo): (string | null)[] {
  if (!isApiRoute(route.path)) return [null];
  if (route.path.startsWith('/api/reports/')) return [null, 'csv', 'html'];
  if (/message-back|letter|transfer-summary/.test(route.path)) return [null, 'html'];
  return [null];
}

function withQuery(entry: Entry, extra: string): Entry {
  const query = entry.expectation.query ? `${entry.expectation.query}&${extra}` : extra;
  return { ...entry, expectation: { ...entry.expectation, query } };
}

/** What was wrong with a response, given the verdict; null when it is as expected. */
function mismatch(
  route: RouteInfo,
  verdict: 'forbidden' | 'hidden' | 'neverFound' | 'unauthenticated',
  res: Response,
): string | null {
  const api = isApiRoute(route.path);
  if (verdict === 'unauthenticated') {
    if (api) return res.status === 401 ? null : `expected 401, got ${res.status}`;
    const location = String(res.headers.location ?? '');
    return res.status === 303 && location.startsWith('/login')
      ? null
      : `expected 303 to /login, got ${res.status} ${location}`;
  }
  const expected = verdict === 'forbidden' ? 403 : 404;
  if (res.status !== expected)
    return `expected ${expected}, got ${res.status} ${res.text.slice(0, 300)}`;
  const type = String(res.headers['content-type'] ?? '');
  // FHIR intake answers in FHIR's own error format, an OperationOutcome.
  const errorType = route.path.startsWith('/fhir/')
    ? 'application/fhir+json'
    : 'application/problem+json';
  if (api && !type.includes(errorType)) return `not ${errorType}: ${type}`;
  if (!api && !type.includes('text/html')) return `not an HTML page: ${type}`;
  return null;
}

describe('Authorisation matrix', () => {
  let ctx: TestContext;
  let world: MatrixWorld;
  let entries: Entry[];
  let anonymous: Caller;
  const outsiders = new Map<Role, Caller>();
  const owners = new Map<Role, Caller>();
  let fingerprintSql: string;

  const fingerprint = async () =>
    (await ctx.db.query<Record<string, string>>(fingerprintSql)).rows[0];

  beforeAll(async () => {
    ctx = await TestContext.create({
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    world = await buildMatrixWorld(ctx);
    anonymous = await newCaller(ctx, 'nobody signed in', null);
    for (const role of ROLES) {
      outsiders.set(role, await newCaller(ctx, `${role} (outsider)`, world.outsiders[role]));
      owners.set(role, await newCaller(ctx, `${role} (owner)`, world.owners[role]));
    }
    entries = routeTable(ctx.app)
      .filter((route) => EXPECTATIONS[route.key])
      .map((route) => ({ route, expectation: EXPECTATIONS[route.key] }));
    fingerprintSql = await buildFingerprintSql(ctx);
  });
  afterAll(() => ctx.close());

  it('has an expectation for every route the app serves, and none for routes that are gone', () => {
    const served = routeTable(ctx.app).map((r) => r.key);
    expect(served.length).toBeGreaterThan(100);
    expect(served.filter((key) => !EXPECTATIONS[key])).toEqual([]);
    expect(Object.keys(EXPECTATIONS).filter((key) => !served.includes(key))).toEqual([]);
  });

  it('sends nobody signed in to sign in (401 on the API, 303 to /login for pages)', async () => {
    const failures: string[] = [];
    for (const entry of entries.filter((e) => !e.expectation.public)) {
      const res = await call(ctx, anonymous, entry, worldIds(world, entry.route.path));
      const wrong = mismatch(entry.route, 'unauthenticated', res);
      if (wrong) failures.push(`${entry.route.key}: ${wrong}`);
      const leaks = leaksIn(res, world, 'anonymous');
      if (leaks.length) failures.push(`${entry.route.key}: leaked ${leaks.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses each role with 403, hides others’ records with 404, and refusals change nothing', async () => {
    const before = await fingerprint();
    const failures: string[] = [];
    for (const entry of entries) {
      for (const role of ROLES) {
        const verdict = verdictFor(entry.expectation, role);
        if (verdict !== 'forbidden' && verdict !== 'hidden' && verdict !== 'neverFound') continue;
        const res = await call(ctx, outsiders.get(role)!, entry, worldIds(world, entry.route.path));
        const wrong = mismatch(entry.route, verdict, res);
        if (wrong) failures.push(`${entry.route.key} as ${role}: ${wrong}`);
        const audience = isOutsideRole(role)
          ? role
          : role === 'link_worker'
            ? 'other_link_worker'
            : undefined;
        const leaks = audience ? leaksIn(res, world, audience) : [];
        if (leaks.length)
          failures.push(`${entry.route.key} as ${role}: leaked ${leaks.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('lets allowed roles read, and their lists never include records that are not theirs', async () => {
    const failures: string[] = [];
    for (const entry of entries.filter((e) => e.route.method === 'GET')) {
      for (const role of ROLES) {
        const verdict = verdictFor(entry.expectation, role);
        if (verdict !== 'ok' && verdict !== 'public') continue;
        const res = await call(ctx, outsiders.get(role)!, entry, worldIds(world, entry.route.path));
        const accepted = is2xx(res.status) || entry.expectation.okStatuses?.includes(res.status);
        if (verdict === 'ok' && !accepted) {
          failures.push(`${entry.route.key} as ${role}: expected 2xx, got ${res.status}`);
        }
        if (verdict === 'public' && (res.status >= 500 || [401, 403].includes(res.status))) {
          failures.push(`${entry.route.key} as ${role}: public route answered ${res.status}`);
        }
        if (verdict === 'ok') {
          const seen = world.foreignIds[role].filter((id) => res.text?.includes(id));
          if (seen.length) failures.push(`${entry.route.key} as ${role}: shows ${seen.join(', ')}`);
        }
        // Another link worker reads the inbox and the directory, never this person's case file;
        // another service's team lead, nothing of this service's people.
        const audience =
          role === 'link_worker'
            ? 'other_link_worker'
            : role === 'team_lead'
              ? 'other_service'
              : undefined;
        if (audience) {
          const leaks = leaksIn(res, world, audience);
          if (leaks.length)
            failures.push(`${entry.route.key} as ${role}: leaked ${leaks.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("never shows the service's team lead immigration, safeguarding, crisis or health detail, on any route it may read", async () => {
    const failures: string[] = [];
    const lead = owners.get('team_lead')!;
    let scanned = 0;
    for (const entry of entries.filter((e) => e.route.method === 'GET')) {
      const verdict = verdictFor(entry.expectation, 'team_lead');
      if (verdict === 'forbidden' || verdict === 'neverFound') continue;
      const res = await call(ctx, lead, entry, worldIds(world, entry.route.path, lead.user!));
      scanned += 1;
      const leaks = leaksIn(res, world, 'team_lead');
      if (leaks.length) failures.push(`${entry.route.key}: leaked ${leaks.join(', ')}`);
    }
    expect(scanned).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });

  it('lets the owners read what outsiders are told does not exist', async () => {
    const failures: string[] = [];
    for (const entry of entries.filter((e) => e.route.method === 'GET')) {
      for (const role of entry.expectation.hidden ?? []) {
        const owner = owners.get(role)!;
        const res = await call(ctx, owner, entry, worldIds(world, entry.route.path, owner.user!));
        const accepted = is2xx(res.status) || entry.expectation.okStatuses?.includes(res.status);
        if (!accepted) failures.push(`${entry.route.key} as owning ${role}: got ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('holds every marker in the case file itself, so the leak search can find them', async () => {
    const owner = owners.get('link_worker')!;
    const texts: string[] = [];
    for (const part of ['', '/migration-profile', '/needs', '/timeline', '/contacts']) {
      const res = await owner.agent
        .get(`/api/cases/${world.caseId}${part}`)
        .set('Authorization', owner.user!.auth)
        .expect(200);
      texts.push(res.text);
    }
    const referral = await ctx.http
      .get(`/api/referrals/${world.referralId}`)
      .set('Authorization', owner.user!.auth)
      .expect(200);
    const all = [...texts, referral.text].join('\n');
    for (const marker of Object.values(MARKERS)) expect(all).toContain(marker);
    for (const code of SENSITIVE_CODES) expect(all).toContain(code);
  });

  it('never shows a group, referrer or commissioner any part of the case file, on any route they may read', async () => {
    const failures: string[] = [];
    let scanned = 0;
    for (const entry of entries.filter((e) => e.route.method === 'GET')) {
      for (const role of OUTSIDE_ROLES) {
        const verdict = verdictFor(entry.expectation, role);
        if (verdict === 'forbidden' || verdict === 'neverFound') continue;
        const owner = owners.get(role)!;
        const ids = worldIds(world, entry.route.path, owner.user!);
        for (const format of formatsOf(entry.route)) {
          const variant = format ? withQuery(entry, `format=${format}`) : entry;
          const res = await call(ctx, owner, variant, ids);
          scanned += 1;
          const label = `${entry.route.key}${format ? ` (${format})` : ''} as ${role}`;
          const mayBeMissing = verdict === 'public'; // public detail routes with ids of other kinds
          if (
            !mayBeMissing &&
            !is2xx(res.status) &&
            !entry.expectation.okStatuses?.includes(res.status)
          ) {
            failures.push(`${label}: expected 2xx, got ${res.status}`);
          }
          const leaks = leaksIn(res, world, role);
          if (leaks.length) failures.push(`${label}: leaked ${leaks.join(', ')}`);
        }
      }
    }
    expect(scanned).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });

  // Last: these calls go through, so they change the world (and sign the callers out).
  it('lets allowed roles write (no 401/403/404, never 5xx)', async () => {
    const writes = entries
      .filter((e) => e.route.method !== 'GET')
      .sort((a, b) => Number(/logout/.test(a.route.path)) - Number(/logout/.test(b.route.path)));
    const failures: string[] = [];
    for (const entry of writes) {
      const callers: [Caller, Role | null][] = ROLES.filter((role) =>
        ['ok', 'public'].includes(verdictFor(entry.expectation, role)),
      ).map((role) => [outsiders.get(role)!, role]);
      if (entry.expectation.public) callers.push([anonymous, null]);
      for (const [caller, role] of callers) {
        const res = await call(ctx, caller, entry, worldIds(world, entry.route.path));
        const refused = [401, 403, ...(entry.expectation.public ? [] : [404])];
        if (res.status >= 500 || refused.includes(res.status)) {
          failures.push(`${entry.route.key} as ${role ?? 'nobody'}: got ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

/** Row counts and latest update of every table (audit and sessions aside), as one comparable row. */
async function buildFingerprintSql(ctx: TestContext): Promise<string> {
  const { rows } = await ctx.db.query<{ table_name: string; has_updated: boolean }>(
    `SELECT t.table_name,
            EXISTS (SELECT 1 FROM information_schema.columns c
                     WHERE c.table_name = t.table_name AND c.column_name = 'updated_at') AS has_updated
       FROM information_schema.tables t
      WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND t.table_name NOT IN ('typeorm_migrations', 'session', 'login_attempt', 'audit_event')`,
  );
  return (
    'SELECT ' +
    rows
      .map(
        (r) =>
          `(SELECT count(*)::text${r.has_updated ? " || '@' || coalesce(max(updated_at)::text, '')" : ''} FROM "${r.table_name}") AS "${r.table_name}"`,
      )
      .join(', ')
  );
}
