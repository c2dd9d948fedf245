import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { ukDate } from '../../src/common/uk-date';
import { addDays } from '../../src/casework/casework-dates';
import { changedTables, databaseFingerprint, type Fingerprint } from '../support/db-fingerprint';
import { groupBody } from '../support/directory-factory';
import {
  operationsOf,
  requestsFor,
  type FuzzRequest,
  type OpenApiDocument,
  type Operation,
} from '../support/fuzz/openapi-operations';
import { SchemaArbitraries } from '../support/fuzz/schema-arbitraries';
import { leaksIn, type LeakAudience } from '../support/matrix-leaks';
import {
  buildMatrixWorld,
  MIGRATION_PROFILE,
  worldIds,
  type MatrixWorld,
} from '../support/matrix-world';
import { fhirServiceRequest, referralBody } from '../support/referrals-factory';
import { routeTable, type RouteInfo } from '../support/route-table';
import { TestContext, type TestUser } from '../support/test-app';

/**
 * Schema-driven fuzzing of every operation in the served OpenAPI document, as every role and as
 * nobody: requests are generated from the document itself (so a new route is fuzzed the day it
 * is documented, and an undocumented API route fails here), against a world of real records with
 * sensitive detail in it. For every response:
 * - no 5xx;
 * - errors are application/problem+json (FHIR's are an OperationOutcome in application/fhir+json);
 * - nobody signed in gets 401 from a secured operation, and a role the route does not allow 403;
 * - a rejected request leaves every table exactly as it was;
 * - no response shows a role what it must not see (the world's case file, to anyone outside it).
 *
 * CI runs a bounded number of requests; `npm run fuzz -- --runs N [--seed S]` runs N (FUZZ_RUNS).
 */
const TOTAL_REQUESTS = Number(process.env.FUZZ_RUNS ?? 2500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

interface Caller {
  name: string;
  user: TestUser | null;
  audience?: LeakAudience;
}

/** Known-good bodies to mutate, for operations whose documented schema cannot say enough. */
function seedBodies(world: MatrixWorld): Record<string, unknown> {
  const today = ukDate();
  return {
    'POST /fhir/ServiceRequest': fhirServiceRequest(),
    'POST /api/referrals': referralBody(),
    'POST /api/self-referrals': { ...referralBody(), channel: undefined },
    'POST /api/groups': {
      ...groupBody(),
      organisationId: world.owners.group_coordinator.organisationId,
    },
    'PUT /api/cases/:id/migration-profile': MIGRATION_PROFILE,
    'PUT /api/cases/:id/needs': {
      needs: [{ domain: 'food', severity: 2, priority: true, note: 'n' }],
      whatMattersToMe: 'w',
    },
    'POST /api/cases/:id/outcomes': {
      instrument: 'SWEMWBS',
      timepoint: 'review',
      answers: [3, 3, 3, 3, 3, 3, 3],
    },
    'POST /api/cases/:id/crisis-points': {
      type: 'destitution',
      occurredAt: today,
      note: 'n',
      pausePlacements: true,
    },
    'POST /api/placements/:id/attendance': { date: today, attended: true },
    'POST /api/people/:id/merge': { intoPersonId: world.duplicatePersonId },
    'PUT /api/groups/:id/capacity': {
      places: 4,
      weeklyIntakeLimit: 2,
      waitlistEnabled: true,
      intakePaused: false,
      offerExpiryDays: 7,
    },
  };
}

/**
 * Operations that end a record's life go last, in this order, so that every other operation
 * still finds the world's case open, its group listed and its callers signed in.
 */
const LAST = [
  'POST /api/placements/:id/decline',
  'POST /api/placements/:id/end',
  'POST /api/referrals/:id/decline',
  'POST /api/groups/:id/suspend',
  'POST /api/groups/:id/remove',
  'POST /api/cases/:id/close',
  'POST /api/people/:id/erase',
  // After the erasure (so refused, 409): a merge that went through would take the world's person.
  'POST /api/people/:id/merge',
  'POST /api/auth/logout',
];
const order = (op: Operation) => LAST.indexOf(op.key);

function hashOf(text: string): number {
  let h = 0;
  for (const c of text) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}

describe('Fuzzing every operation of the OpenAPI document, as every role', () => {
  let ctx: TestContext;
  let world: MatrixWorld;
  let doc: OpenApiDocument;
  let routes: Map<string, RouteInfo>;
  let fingerprint: () => Promise<Fingerprint>;
  let callers: Caller[];

  beforeAll(async () => {
    // Each request comes from its own address through a trusted proxy, as behind a real one,
    // so the per-client limits (the public forms' ten a minute too) do not stop the fuzzing.
    ctx = await TestContext.create({
      TRUST_PROXY: 'loopback',
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000000',
    });
    world = await buildMatrixWorld(ctx);
    doc = (await ctx.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    routes = new Map(routeTable(ctx.app).map((r) => [r.key, r]));
    fingerprint = await databaseFingerprint(ctx.db);
    const { owners, outsiders } = world;
    callers = [
      { name: 'nobody', user: null, audience: 'anonymous' },
      { name: 'admin', user: owners.admin },
      { name: 'commissioner', user: owners.commissioner, audience: 'commissioner' },
      { name: 'the case’s link worker', user: owners.link_worker },
      { name: 'another link worker', user: outsiders.link_worker, audience: 'other_link_worker' },
      {
        name: 'the group’s coordinator',
        user: owners.group_coordinator,
        audience: 'group_coordinator',
      },
      {
        name: 'another coordinator',
        user: outsiders.group_coordinator,
        audience: 'group_coordinator',
      },
      { name: 'the referring organisation', user: owners.referrer, audience: 'referrer' },
      { name: 'another referrer', user: outsiders.referrer, audience: 'referrer' },
      { name: 'the service’s team lead', user: owners.team_lead, audience: 'team_lead' },
      {
        name: 'another service’s team lead',
        user: outsiders.team_lead,
        audience: 'other_service',
      },
    ];
  });
  afterAll(() => ctx.close());

  it('documents every API route the app serves, so none escapes the fuzzing', () => {
    const documented = new Set(operationsOf(doc).map((op) => op.key));
    const machineRoutes = [...routes.values()]
      .filter((r) => /^\/(api|fhir|openreferral|health)(\/|$)/.test(r.path))
      .filter((r) => !r.path.startsWith('/api/docs'));
    expect(machineRoutes.length).toBeGreaterThan(60);
    expect(machineRoutes.map((r) => r.key).filter((key) => !documented.has(key))).toEqual([]);
  });

  it('never answers 5xx, answers errors as problems, refuses by role, changes nothing when it refuses and leaks nothing', async () => {
    const operations = operationsOf(doc).sort((a, b) => order(a) - order(b));
    const today = ukDate();
    const gens = new SchemaArbitraries(
      doc.components?.schemas ?? {},
      [
        world.caseId,
        world.personId,
        world.duplicatePersonId,
        world.groupId,
        world.referralId,
        world.placementId,
        world.organisationId,
      ],
      [today, addDays(today, -1), addDays(today, 1), '1990-04-02', '2019-02-29', '2020-02-29'],
    );
    const seeds = seedBodies(world);
    // Callers the route lets in get four times the requests: theirs reach the services.
    const lets = (route: RouteInfo | undefined, caller: Caller) =>
      !route || route.isPublic || (caller.user !== null && route.roles.includes(caller.user.role));
    const weight = (op: Operation, caller: Caller) => (lets(routes.get(op.key), caller) ? 4 : 1);
    const totalWeight = operations.reduce(
      (sum, op) => sum + callers.reduce((s, c) => s + weight(op, c), 0),
      0,
    );
    const statuses = new Map<number, number>();
    const reached = new Map<string, number>();
    const failures: string[] = [];
    const problemKinds = new Map<string, number>();
    let sent = 0;
    const started = Date.now();
    let current = await fingerprint();

    for (const op of operations) {
      const route = routes.get(op.key);
      for (const caller of callers) {
        const ids = worldIds(world, op.routePath, caller.user ?? undefined);
        const samples = fc.sample(requestsFor(op, gens, ids, seeds[op.key]), {
          numRuns: Math.max(1, Math.ceil((TOTAL_REQUESTS * weight(op, caller)) / totalWeight)),
          seed: SEED ^ hashOf(`${op.key} ${caller.name}`),
        });
        for (const request of samples) {
          const res = await send(ctx, op, caller, request);
          sent += 1;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const problems = checkResponse(op, route, caller, res, world);
          if (res.status >= 400 && res.status < 500) {
            const after = await fingerprint();
            const changed = changedTables(current, after);
            if (changed.length)
              problems.push(`refused with ${res.status} but changed ${changed.join(', ')}`);
            current = after;
          } else {
            if (res.status < 300) reached.set(op.key, (reached.get(op.key) ?? 0) + 1);
            current = await fingerprint();
          }
          for (const p of problems) {
            const kind = `${op.key}: ${p.replace(/ as ".*|: .*/, '').slice(0, 60)}`;
            problemKinds.set(kind, (problemKinds.get(kind) ?? 0) + 1);
            failures.push(
              `${op.key} as ${caller.name}: ${p}\n    ${request.url.slice(0, 300)} ${request.body?.slice(0, 300) ?? ''}\n    → ${res.status} ${res.text?.slice(0, 200)}`,
            );
          }
        }
      }
    }

    const seconds = (Date.now() - started) / 1000;
    const figures = {
      seed: SEED,
      operations: operations.length,
      callers: callers.length,
      requests: sent,
      seconds: Math.round(seconds),
      requestsPerSecond: Math.round(sent / seconds),
      statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      operationsThatSucceeded: reached.size,
      failures: failures.length,
      problems: Object.fromEntries(problemKinds),
    };
    // The figures of a run, for the closing note of a long one (FUZZ_REPORT names a file).
    if (process.env.FUZZ_REPORT)
      writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(figures, null, 2));
    console.log(`Fuzzing figures: ${JSON.stringify(figures)}`);

    expect(failures.slice(0, 30)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(
      Math.max(TOTAL_REQUESTS * 0.9, operations.length * callers.length),
    );
    // Valid-shaped requests get through: the fuzzing reaches services and the database.
    expect(reached.size).toBeGreaterThan(operations.length / 2);
  }, 3_600_000);
});

let clients = 0;
function send(
  ctx: TestContext,
  op: Operation,
  caller: Caller,
  request: FuzzRequest,
): Promise<Response> {
  clients += 1;
  const address = `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
  let req = ctx.http[op.method](request.url).set(request.headers).set('X-Forwarded-For', address);
  if (caller.user) req = req.set('Authorization', caller.user.auth);
  return request.body === undefined ? req : req.send(request.body);
}

/** What is wrong with one response, whatever the request was. */
function checkResponse(
  op: Operation,
  route: RouteInfo | undefined,
  caller: Caller,
  res: Response,
  world: MatrixWorld,
): string[] {
  const problems: string[] = [];
  const type = String(res.headers['content-type'] ?? '');
  if (res.status >= 500) problems.push(`answered ${res.status}`);
  if (res.status >= 400) {
    const expected = op.routePath.startsWith('/fhir/')
      ? /^application\/fhir\+json/
      : /^application\/problem\+json/;
    if (!expected.test(type)) problems.push(`error ${res.status} as "${type}"`);
  }
  if (
    op.secured &&
    !caller.user &&
    res.status !== 401 &&
    res.status !== 413 &&
    res.status !== 400
  ) {
    problems.push(`nobody signed in got ${res.status}, not 401`);
  }
  if (caller.user && route && !route.isPublic && !route.roles.includes(caller.user.role)) {
    if (res.status !== 403 && res.status !== 413 && res.status !== 400) {
      problems.push(`${caller.user.role} is not allowed here but got ${res.status}, not 403`);
    }
  }
  if (caller.audience) {
    const leaks = leaksIn(res, world, caller.audience);
    if (leaks.length) problems.push(`leaked ${leaks.join(', ')}`);
  }
  return problems;
}
