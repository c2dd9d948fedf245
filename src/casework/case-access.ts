import type { AuthenticatedUser } from '../common/auth/authenticated-user';

type CaseRef = { linkWorkerId: string; serviceId: string };

const isAssigned = (actor: AuthenticatedUser, c: CaseRef) =>
  actor.role === 'link_worker' && c.linkWorkerId === actor.id && c.serviceId === actor.serviceId;

/**
 * The one rule for reading a case file: its assigned link worker, the team lead of its service,
 * or an admin (for data protection work). Everyone else is told the case does not exist.
 */
export function canReadCase(actor: AuthenticatedUser, c: CaseRef): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'team_lead') return c.serviceId === actor.serviceId;
  return isAssigned(actor, c);
}

/**
 * Immigration, safeguarding and crisis detail: the assigned link worker and admins (for data
 * protection) only. A team lead runs the service but never sees it.
 */
export function canReadSensitiveDetail(actor: AuthenticatedUser, c: CaseRef): boolean {
  return actor.role === 'admin' || isAssigned(actor, c);
}

/**
 * Changing a case is for its assigned link worker only. Admins may read it (and keep the
 * migration profile right for data-protection requests) but do not do casework.
 */
export function canWorkOnCase(actor: AuthenticatedUser, c: CaseRef): boolean {
  return isAssigned(actor, c);
}

/**
 * Whose cases a caseload lists: every case for an admin, every case of its service for a team
 * lead (row-level security keeps it to that service), else only the reader's own.
 */
export const caseloadOwner = (actor: AuthenticatedUser): string | undefined =>
  actor.role === 'admin' || actor.role === 'team_lead' ? undefined : actor.id;
