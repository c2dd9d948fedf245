import type { Response } from 'supertest';
import { ROLES, type Role } from '../../src/common/vocabulary';
import { databaseFingerprint, changedTables, type Fingerprint } from '../support/db-fingerprint';
import { buildCast, makeRecord, type Cast } from '../support/matrix-records';
import { isApiRoute, newCaller, send, type Caller } from '../support/matrix-requests';
import {
  OWNERSHIPS,
  outcomeFor,
  PAGE_TWINS,
  PER_CALLER_KINDS,
  WRITE_RULES,
  type Outcome,
  type Ownership,
  type WriteRule,
} from '../support/matrix-writes';
import { concretePath, routeTable, type RouteInfo } from '../support/route-table';
import { TestContext } from '../support/test-app';

/**
 * The write half of the authorisation matrix: every state change on a record (from Nest's own
 * route table; a new one fails here until its rule is written) × every role × a record that is
 * the role's own, another's, and closed. Page forms get the same matrix as their API twins.
 * Refusals must change nothing; allowed changes must change something.
 */
jest.setTimeout(600_000);

interface Cell {
  route: RouteInfo;
  rule: WriteRule;
  /** The body as sent: JSON for the API, the form's fields for a page. */
  body?: Record<string, unknown>;
  role: Role;
  ownership: Ownership;
  expected: Outcome;
}

/** Routes with a path parameter that is not a record: the self-referral journey's step name. */
const NOT_RECORDS = ['POST /self-referral/:step'];

const isStateChange = (r: RouteInfo) =>
  r.method !== 'GET' && r.path.includes('/:') && !NOT_RECORDS.includes(r.key);

describe('Authorisation matrix: who may change what', () => {
  let ctx: TestContext;
  let cast: Cast;
  let routes: RouteInfo[];
  const callers = new Map<Role, Caller>();
  let fingerprint: () => Promise<Fingerprint>;

  beforeAll(async () => {
    ctx = await TestContext.create({
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    cast = await buildCast(ctx);
    for (const role of ROLES) callers.set(role, await newCaller(ctx, role, cast.actors[role]));
    routes = routeTable(ctx.app);
    fingerprint = await databaseFingerprint(ctx.db);
  });
  afterAll(() => ctx.close());

  it('has a rule for every state change on a record, API and page, and none for routes that are gone', () => {
    const changes = routes.filter(isStateChange).map((r) => r.key);
    expect(changes.length).toBeGreaterThan(40);
    const covered = (key: string) =>
      WRITE_RULES[key] !== undefined || PAGE_TWINS[key] !== undefined;
    expect(changes.filter((key) => !covered(key))).toEqual([]);
    const known = [...Object.keys(WRITE_RULES), ...Object.keys(PAGE_TWINS)];
    expect(known.filter((key) => !changes.includes(key))).toEqual([]);
    for (const { api } of Object.values(PAGE_TWINS)) expect(WRITE_RULES[api]).toBeDefined();
  });

  /** Fixtures are reused while nothing changes them; an allowed change uses a fresh one. */
  const fixtures = new Map<string, Record<string, string>>();
  async function record(rule: WriteRule, ownership: Ownership, role: Role, fresh: boolean) {
    const key = `${rule.record}|${ownership}|${rule.ownState ?? ''}|${PER_CALLER_KINDS.includes(rule.record) ? role : ''}`;
    if (fresh || !fixtures.has(key)) {
      fixtures.set(key, await makeRecord(ctx, cast, rule.record, ownership, role, rule.ownState));
    }
    return { key, ids: fixtures.get(key)! };
  }

  function cellsOf(route: RouteInfo): Cell[] {
    const twin = PAGE_TWINS[route.key];
    const rule = WRITE_RULES[twin ? twin.api : route.key];
    const body = twin?.form ?? rule.body;
    return ROLES.flatMap((role) =>
      OWNERSHIPS.map((ownership) => ({
        route,
        rule,
        body,
        role,
        ownership,
        expected: outcomeFor(rule, role, ownership),
      })),
    );
  }

  async function run(cell: Cell): Promise<string | null> {
    const fresh = cell.expected === 'ok';
    const { key, ids } = await record(cell.rule, cell.ownership, cell.role, fresh);
    const fill = (v: unknown) => (typeof v === 'string' && /^:\w+$/.test(v) ? ids[v.slice(1)] : v);
    const body = cell.body
      ? Object.fromEntries(Object.entries(cell.body).map(([k, v]) => [k, fill(v)]))
      : undefined;
    const before = await fingerprint();
    const res = await send(
      ctx,
      callers.get(cell.role)!,
      cell.route,
      concretePath(cell.route.path, ids),
      body,
    );
    const changed = changedTables(before, await fingerprint());
    if (changed.length) fixtures.delete(key);
    return verdictProblem(cell, res, changed);
  }

  for (const kind of ['API', 'page'] as const) {
    it(`answers every role as the rules say, on its own, another's and a closed record (${kind})`, async () => {
      const failures: string[] = [];
      let checked = 0;
      const chosen = routes.filter(
        (r) =>
          isStateChange(r) &&
          isApiRoute(r.path) === (kind === 'API') &&
          (WRITE_RULES[r.key] || PAGE_TWINS[r.key]),
      );
      for (const route of chosen) {
        for (const cell of cellsOf(route)) {
          const problem = await run(cell);
          checked += 1;
          if (problem)
            failures.push(`${route.key} as ${cell.role} on ${cell.ownership}: ${problem}`);
        }
      }
      expect(checked).toBeGreaterThanOrEqual(kind === 'API' ? 405 : 390);
      expect(failures).toEqual([]);
    });
  }
});

/** What is wrong with the answer to one cell, or null. */
function verdictProblem(cell: Cell, res: Response, changed: string[]): string | null {
  const api = isApiRoute(cell.route.path);
  const saw = `got ${res.status}${changed.length ? `, changed ${changed.join(', ')}` : ''}: ${res.text?.slice(0, 160)}`;
  const location = String(res.headers.location ?? '');
  switch (cell.expected) {
    case 'ok': {
      const through = api
        ? res.status >= 200 && res.status < 300
        : (res.status === 303 && !location.startsWith('/login')) || res.status === 200;
      // A closed record may take an allowed change that has nothing left to do (read twice).
      const didSomething = changed.length > 0 || cell.ownership === 'closed';
      return through && didSomething ? null : `expected the change to be made, ${saw}`;
    }
    case 'forbidden':
    case 'hidden': {
      const status = cell.expected === 'forbidden' ? 403 : 404;
      return res.status === status && changed.length === 0 ? null : `expected ${status}, ${saw}`;
    }
    case 'conflict': {
      const statuses = api ? [409] : [303, 409, 422];
      return statuses.includes(res.status) && changed.length === 0
        ? null
        : `expected a refusal by the record's state (${statuses.join('/')}), ${saw}`;
    }
  }
}
