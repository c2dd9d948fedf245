import type { EntityManager } from 'typeorm';

/**
 * Who a service's people are changes in two places: intake adds a person (or links to one) and
 * finds their possible duplicates, and a merge folds one person into another. Intake takes this
 * lock shared, so intakes never wait for each other; a merge takes it exclusively, so it waits
 * for intakes already under way and new ones wait for it. Either way an intake's statements see
 * the people as they are before or after a merge, never between: no referral is left pointing at
 * (or flagging) a person who has just been merged away. Held to the end of the transaction.
 */
export async function lockPeopleOfService(
  em: EntityManager,
  serviceId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await em.query(`SELECT ${fn}(hashtextextended($1, 0))`, [`person-identity:${serviceId}`]);
}
