import request, { type Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { isMachineRequest } from '../../src/common/http/request-kind';
import { csrfOf, signInAgent } from './page-session';
import type { RouteInfo } from './route-table';
import type { TestContext, TestUser } from './test-app';

/** Someone calling the app: a user with a bearer token and a browser session, or nobody. */
export interface Caller {
  name: string;
  user: TestUser | null;
  agent: TestAgent;
  csrf: string;
}

/** A caller with a browser session (and its CSRF token); anonymous callers get a session too. */
export async function newCaller(
  ctx: TestContext,
  name: string,
  user: TestUser | null,
): Promise<Caller> {
  const agent = user ? await signInAgent(ctx, user) : request.agent(ctx.app.getHttpServer());
  const page = await agent.get(user ? '/notifications' : '/login').expect(200);
  const csrf = csrfOf(page.text);
  if (!csrf) throw new Error(`no CSRF token on the first page for ${name}`);
  return { name, user, agent, csrf };
}

export const isApiRoute = (path: string) => isMachineRequest({ path });

/**
 * Sends one request as the caller: bearer token for machine routes, session and CSRF token for
 * pages (forms are url-encoded). Redirects are not followed.
 */
export function send(
  ctx: TestContext,
  caller: Caller,
  route: Pick<RouteInfo, 'method' | 'path'>,
  url: string,
  body: Record<string, unknown> | undefined,
): Promise<Response> {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  if (isApiRoute(route.path)) {
    let req = ctx.http[method](url);
    if (caller.user) req = req.set('Authorization', caller.user.auth);
    if (route.path.startsWith('/fhir/')) req = req.set('Content-Type', 'application/fhir+json');
    return method === 'get' ? req : req.send(body ?? {});
  }
  const req = caller.agent[method](url);
  return method === 'get' ? req : req.type('form').send({ ...(body ?? {}), _csrf: caller.csrf });
}
