import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { canWorkOnCase, type ActiveCover } from './case-access';

type CaseRef = {
  personId: string;
  linkWorkerId: string;
  serviceId: string;
  cover?: ActiveCover | null;
};

/**
 * Who may review and merge two people: an admin (data protection), or a link worker who holds a
 * case of each of them (as its link worker or covering them). Anyone else is told the people do
 * not exist, so a link worker holding one of the two learns nothing about the other.
 */
export function canMergePeople(
  actor: AuthenticatedUser,
  personIds: readonly string[],
  cases: readonly CaseRef[],
): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'link_worker') return false;
  return personIds.every((id) => cases.some((c) => c.personId === id && canWorkOnCase(actor, c)));
}
