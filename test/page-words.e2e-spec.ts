import type { Response } from 'supertest';
import { ROLES } from '../src/common/vocabulary';
import { newCaller, isApiRoute, type Caller } from './support/matrix-requests';
import { buildMatrixWorld, worldIds, type MatrixWorld } from './support/matrix-world';
import {
  emptyBody,
  formsIn,
  validatorTextIn,
  wrongBody,
  type FoundForm,
} from './support/page-forms-found';
import { concretePath, routeTable, type RouteInfo } from './support/route-table';
import { TestContext } from './support/test-app';

/**
 * Every form on every page (found by reading each page of the route table as each role that may
 * see it), sent empty and then filled in wrongly: the answer never shows class-validator's text
 * or the API's technical messages, only words a person can act on. Page POST routes no page
 * links to are sent the same way directly.
 */
jest.setTimeout(300_000);

/** Forms that end the session or are not page forms. */
const LEFT_OUT = new Set(['POST /logout']);

interface Sent {
  who: string;
  form: string;
  shown: string[];
}

const routePattern = (path: string) =>
  new RegExp(`^${path.replace(/:\w+/g, '[^/]+').replace(/\//g, '\\/')}$`);

describe('Pages say what is wrong in words a person can act on', () => {
  let ctx: TestContext;
  let world: MatrixWorld;
  let callers: Map<string, Caller>;
  let routes: RouteInfo[];

  beforeAll(async () => {
    ctx = await TestContext.create();
    world = await buildMatrixWorld(ctx);
    callers = new Map();
    for (const role of ROLES) {
      callers.set(role, await newCaller(ctx, role, world.owners[role]));
    }
    callers.set('anonymous', await newCaller(ctx, 'anonymous', null));
    routes = routeTable(ctx.app);
  });
  afterAll(() => ctx.close());

  const pageRoutes = (method: RouteInfo['method']) =>
    routes.filter(
      (r) => r.method === method && !isApiRoute(r.path) && !r.path.startsWith('/assets'),
    );

  const callersOf = (route: RouteInfo): Caller[] =>
    route.isPublic ? [callers.get('anonymous')!] : route.roles.map((r) => callers.get(r)!);

  function submit(
    caller: Caller,
    form: FoundForm,
    body: Record<string, string>,
  ): Promise<Response> {
    if (form.method === 'get') {
      return caller.agent.get(form.action).query(body);
    }
    return caller.agent
      .post(form.action)
      .type('form')
      .send({ ...body, _csrf: caller.csrf });
  }

  it('never shows a validator’s message on any page form', async () => {
    const found = new Map<string, { caller: Caller; form: FoundForm }>();
    const shown: Sent[] = [];

    for (const route of pageRoutes('GET')) {
      for (const caller of callersOf(route)) {
        const url = concretePath(route.path, worldIds(world, route.path, caller.user ?? undefined));
        const page = await caller.agent.get(url);
        if (page.status !== 200 || !page.type.includes('html')) continue;
        for (const form of formsIn(page.text, url)) {
          const key = `${caller.name} ${form.method.toUpperCase()} ${form.action}`;
          if (!LEFT_OUT.has(`${form.method.toUpperCase()} ${form.action}`) && !found.has(key)) {
            found.set(key, { caller, form });
          }
        }
      }
    }

    // Data protection's erasure last: it may change what the other forms find.
    const ordered = [...found.entries()].sort(
      ([a], [b]) => Number(a.includes('data-protection')) - Number(b.includes('data-protection')),
    );
    for (const [key, { caller, form }] of ordered) {
      for (const body of [emptyBody(form), wrongBody(form)]) {
        const res = await submit(caller, form, body);
        const text = validatorTextIn(res.text);
        if (text.length) shown.push({ who: caller.name, form: key, shown: text });
      }
    }

    const reached = [...found.values()].map(({ form }) => form);
    const unreached = pageRoutes('POST').filter(
      (r) =>
        !LEFT_OUT.has(r.key) &&
        !reached.some((f) => f.method === 'post' && routePattern(r.path).test(f.action)),
    );
    for (const route of unreached) {
      const caller = callersOf(route)[0];
      const url = concretePath(route.path, worldIds(world, route.path, caller.user ?? undefined));
      const res = await caller.agent
        .post(url)
        .type('form')
        .send({ _csrf: caller.csrf, reason: 'x'.repeat(5001), date: 'soon' });
      const text = validatorTextIn(res.text);
      if (text.length) shown.push({ who: caller.name, form: route.key, shown: text });
    }

    expect(found.size).toBeGreaterThan(30);
    expect(shown).toEqual([]);
  });

  it('says what is wrong with a referral as GOV.UK does', async () => {
    const referrer = callers.get('referrer')!;
    const res = await referrer.agent
      .post('/referrals/new')
      .type('form')
      .send({
        _csrf: referrer.csrf,
        channel: 'gp_practice',
        'person.givenName': 'Amina',
        'person.dateOfBirth-day': '2',
        'person.dateOfBirth-month': '4',
        'person.dateOfBirth-year': String(new Date().getFullYear() + 1),
        'consent.referralDiscussed': 'true',
      })
      .expect(422);
    expect(res.text).toContain('href="#person-dateOfBirth-day">Date of birth must be in the past');
    expect(res.text).toContain('href="#reasons">Select at least one reason');
  });

  it('answers a filter typed wrongly on a list page in plain words', async () => {
    const worker = callers.get('link_worker')!;
    const bad = await worker.agent.get('/directory').query({ need: 'everything', near: '???' });
    expect(bad.status).toBe(422);
    expect(validatorTextIn(bad.text)).toEqual([]);
  });
});
