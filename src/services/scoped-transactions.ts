import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ALL_SERVICES, encodeScope, scopeOf, type ServiceScope } from './service-scope';

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
