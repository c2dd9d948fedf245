import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';

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
  return { services: [] };
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

/** The setting row-level security reads; set per transaction, so a pooled connection forgets it. */
export const SCOPE_SETTING = 'linkway.services';

/**
 * Every read or write of a table a service owns runs here: one transaction whose service scope is
 * set first with set_config(…, is_local => true). The app's connections are the `linkway_app`
 * role, subject to row-level security, so outside such a transaction those tables look empty.
 */
@Injectable()
export class ScopedTransactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(scope: ServiceScope, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await setScope(em, scope);
      return work(em);
    });
  }

  /** Everything the actor may see or change, in one transaction. */
  forActor<T>(actor: AuthenticatedUser, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.run(scopeOf(actor), work);
  }
}

/** Narrows or widens the scope inside a transaction that is already open. */
export async function setScope(em: EntityManager, scope: ServiceScope): Promise<void> {
  await em.query('SELECT set_config($1, $2, true)', [SCOPE_SETTING, encodeScope(scope)]);
}

/**
 * Runs `work` in the wider scope and then puts the transaction's own scope back: for the few
 * statements that must see every service's rows, such as a group's waitlist, one queue across
 * services, moving up when any service's placement frees a place.
 */
export async function acrossServices<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
  const [{ previous }] = await em.query<{ previous: string | null }[]>(
    'SELECT current_setting($1, true) AS previous',
    [SCOPE_SETTING],
  );
  await setScope(em, ALL_SERVICES);
  try {
    return await work();
  } finally {
    await em.query('SELECT set_config($1, $2, true)', [SCOPE_SETTING, previous ?? '']);
  }
}
