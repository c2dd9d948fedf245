import type { AuthenticatedUser } from '../common/auth/authenticated-user';

/**
 * The one rule for reading a case file: its assigned link worker, or an admin (for data
 * protection work). Everyone else is told the case does not exist.
 */
export function canReadCase(actor: AuthenticatedUser, c: { linkWorkerId: string }): boolean {
  return actor.role === 'admin' || (actor.role === 'link_worker' && c.linkWorkerId === actor.id);
}

/**
 * Changing a case is for its assigned link worker only. Admins may read it (and keep the
 * migration profile right for data-protection requests) but do not do casework.
 */
export function canWorkOnCase(actor: AuthenticatedUser, c: { linkWorkerId: string }): boolean {
  return actor.role === 'link_worker' && c.linkWorkerId === actor.id;
}

/** Whose cases a caseload lists: every case for an admin, else only the reader's own. */
export const caseloadOwner = (actor: AuthenticatedUser): string | undefined =>
  actor.role === 'admin' ? undefined : actor.id;
