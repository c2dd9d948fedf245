import type { Person } from './person.entity';

/**
 * Whether a person is erased, or has an erasure under way, so that they may not be merged. An
 * erasure running right now holds the person's row, which merge's NOWAIT lock meets first (409);
 * this answers for what the row itself says. Kept to one place so that when erasure records more
 * of its state (a pending request, a step in progress) merge follows by changing only this.
 */
export function erasureBlocksMerge(person: Pick<Person, 'erasedAt'>): boolean {
  return person.erasedAt !== null;
}
