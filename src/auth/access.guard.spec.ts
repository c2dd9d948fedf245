import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../common/vocabulary';
import { AccessGuard } from './access.guard';
import { Allow, AnyRole, Public } from '../common/auth/auth.decorators';
import type { AuthService } from './auth.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { BearerStrategy } from './bearer.strategy';

const person = (role: Role, id = `${role}-1`): AuthenticatedUser => ({
  id,
  role,
  email: `${id}@x.example`,
  name: id,
  organisationId: null,
  serviceId: null,
  reportServiceIds: [],
});

const TOKENS: Record<string, AuthenticatedUser> = {
  'admin-token-0123456789abcdef': person('admin', 'token-admin'),
};
const DATABASE_AWAY = 'database-away-0123456789';

// The real bearer strategy, registered with passport as the app registers it, over a fake
// token check: the guard is tested with passport in the loop, not around it.
new BearerStrategy({
  authenticateToken: async (token: string) => {
    if (token === DATABASE_AWAY) throw new Error('connect ECONNREFUSED');
    return TOKENS[token];
  },
} as unknown as AuthService);

@Allow('link_worker', 'admin')
class Routes {
  caseload() {}
  @Public()
  login() {}
  @Allow('admin')
  adminOnly() {}
  @AnyRole()
  notifications() {}
}

/** A route with neither @Public() nor @Allow(): refused to everyone. */
class Unannotated {
  forgotten() {}
}

interface FakeRequest {
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown>;
  user?: AuthenticatedUser;
}

function contextFor(
  handler: (...args: never[]) => void,
  controller: object,
  req: FakeRequest,
  type = 'http',
): ExecutionContext {
  const res = { setHeader: () => undefined, end: () => undefined };
  return {
    getType: () => type,
    getHandler: () => handler,
    getClass: () => controller,
    getArgs: () => [req, res, () => undefined],
    getArgByIndex: (i: number) => [req, res][i],
    switchToHttp: () => ({
      getRequest: () => req,
      getResponse: () => res,
      getNext: () => () => undefined,
    }),
    switchToRpc: () => {
      throw new Error('not rpc');
    },
    switchToWs: () => {
      throw new Error('not ws');
    },
  } as unknown as ExecutionContext;
}

const page = (path: string, user?: AuthenticatedUser): FakeRequest => ({
  path,
  headers: {},
  query: {},
  body: {},
  user,
});
const api = (path: string, token?: string, sessionUser?: AuthenticatedUser): FakeRequest => ({
  path,
  headers: token ? { authorization: `Bearer ${token}` } : {},
  query: {},
  body: {},
  user: sessionUser,
});

describe('AccessGuard', () => {
  const guard = new AccessGuard(new Reflector());
  const allows = (
    handler: (...args: never[]) => void,
    req: FakeRequest,
    controller: object = Routes,
  ) => guard.canActivate(contextFor(handler, controller, req));
  const { prototype: routes } = Routes;

  it('lets a signed-in page user through when the route names their role', async () => {
    await expect(allows(routes.caseload, page('/cases', person('link_worker')))).resolves.toBe(
      true,
    );
    await expect(allows(routes.adminOnly, page('/admin/users', person('admin')))).resolves.toBe(
      true,
    );
    await expect(
      allows(routes.notifications, page('/notifications', person('commissioner'))),
    ).resolves.toBe(true);
  });

  it('refuses a role the route does not name (403), method rules over class rules', async () => {
    await expect(
      allows(routes.caseload, page('/cases', person('group_coordinator'))),
    ).rejects.toBeInstanceOf(ForbiddenException);
    await expect(
      allows(routes.adminOnly, page('/admin/users', person('link_worker'))),
    ).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('asks nobody signed in to sign in (401), except on public routes', async () => {
    await expect(allows(routes.caseload, page('/cases'))).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
    await expect(allows(routes.login, page('/login'))).resolves.toBe(true);
  });

  it('denies by default: a route with neither @Public() nor @Allow() is refused to every role', async () => {
    for (const role of ['admin', 'link_worker', 'commissioner'] as Role[]) {
      await expect(
        allows(Unannotated.prototype.forgotten, page('/forgotten', person(role)), Unannotated),
      ).rejects.toBeInstanceOf(ForbiddenException);
    }
  });

  it('never lets a browser session authenticate a machine route: /api, /fhir, /openreferral', async () => {
    for (const path of ['/api/cases', '/fhir/ServiceRequest', '/openreferral/services']) {
      const req = api(path, undefined, person('admin'));
      await expect(allows(routes.caseload, req)).rejects.toBeInstanceOf(UnauthorizedException);
      expect(req.user).toBeUndefined();
    }
  });

  it('authenticates a machine route by its bearer token, then checks the role', async () => {
    const req = api('/api/users', 'admin-token-0123456789abcdef');
    await expect(allows(routes.adminOnly, req)).resolves.toBe(true);
    expect(req.user).toEqual(TOKENS['admin-token-0123456789abcdef']);
    await expect(
      allows(routes.adminOnly, api('/api/users', 'unknown-token-0123456789')),
    ).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('treats a page path that only starts like a machine one as a page', async () => {
    const req = page('/apiary', person('link_worker'));
    await expect(allows(routes.caseload, req)).resolves.toBe(true);
    expect(req.user).toEqual(person('link_worker'));
  });

  it('lets a public machine route through with a bad token, as if none were sent', async () => {
    const req = api('/openreferral/services', 'unknown-token-0123456789');
    await expect(allows(routes.login, req)).resolves.toBe(true);
    expect(req.user).toBeUndefined();
  });

  it('lets a token check that could not run fail as itself, not as a 401', async () => {
    await expect(allows(routes.adminOnly, api('/api/users', DATABASE_AWAY))).rejects.toThrow(
      'ECONNREFUSED',
    );
  });

  it('leaves other transports alone', async () => {
    await expect(
      guard.canActivate(contextFor(routes.caseload, Routes, page('/cases'), 'rpc')),
    ).resolves.toBe(true);
  });
});
