import { QueryFailedError, type EntityManager } from 'typeorm';
import { conflict, notFound } from '../common/domain-error';
import { Person } from './person.entity';

/** PostgreSQL's lock_not_available: NOWAIT found the row locked by another transaction. */
const LOCK_NOT_AVAILABLE = '55P03';

const isLockNotAvailable = (error: unknown) =>
  error instanceof QueryFailedError &&
  (error.driverError as { code?: string } | undefined)?.code === LOCK_NOT_AVAILABLE;

/**
 * Locks a person for a change that rewrites who they are (erasure, merge) and returns the row,
 * inside the caller's transaction. Never waits: if another such change holds the person, the
 * caller gets 409 `person_change_under_way` at once and, its transaction failing, changes nothing.
 * An erased person cannot be changed again: 409 `person_erased`. Unknown or not visible: 404.
 */
export async function lockPersonForChange(em: EntityManager, personId: string): Promise<Person> {
  let person: Person | null;
  try {
    person = await em.findOne(Person, {
      where: { id: personId },
      lock: { mode: 'pessimistic_write', onLocked: 'nowait' },
    });
  } catch (error) {
    if (isLockNotAvailable(error))
      throw conflict('person_change_under_way', 'Another change to this person is under way');
    throw error;
  }
  if (!person) throw notFound('Person');
  assertNotErased(person);
  return person;
}

/** 409 `person_erased` for a person whose record was erased (by request or by retention). */
export function assertNotErased(person: Pick<Person, 'erasedAt'>): void {
  if (person.erasedAt)
    throw conflict('person_erased', 'This person’s record has already been erased');
}
