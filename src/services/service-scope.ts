import type { AuthenticatedUser } from '../auth/authenticated-user';

/**
 * Which services' records one transaction may touch: the second lock behind each service's own
 * checks. PostgreSQL's row-level security reads it (migration `Services`), so a query that forgets
 * its service condition still sees nothing of another service.
 *
 * `all` is the documented bypass, for the paths that legitimately span services: admins, jobs,
 * intake's routing, and referrers, group coordinators and commissioners, whose own record checks
 * (their organisation, their groups, aggregates only) are not about services.
 */
export type ServiceScope = { readonly services: 'all' } | { readonly services: readonly string[] };

export const ALL_SERVICES: ServiceScope = { services: 'all' };

export const onlyService = (serviceId: string): ServiceScope => ({ services: [serviceId] });

/** The scope of everything this user may do. */
export function scopeOf(actor: AuthenticatedUser): ServiceScope {
  switch (actor.role) {
    case 'link_worker':
    case 'team_lead':
      return { services: actor.serviceId ? [actor.serviceId] : [] };
    case 'commissioner':
      return actor.reportServiceIds.length ? { services: actor.reportServiceIds } : ALL_SERVICES;
    case 'admin':
    case 'referrer':
    case 'group_coordinator':
      return ALL_SERVICES;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The value of the `linkway.services` setting: '*', or a comma list of ids ('' is none). */
export function encodeScope(scope: ServiceScope): string {
  if (scope.services === 'all') return '*';
  for (const id of scope.services) {
    if (!UUID.test(id)) throw new Error(`Not a service id: ${id}`);
  }
  return scope.services.join(',');
}

/** Whether a scope covers one service. */
export const covers = (scope: ServiceScope, serviceId: string): boolean =>
  scope.services === 'all' || scope.services.includes(serviceId);
