import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { ukDate } from '../common/uk-date';

/**
 * A colleague's cover of a link worker's caseload, as found for one reader: from and to are UK
 * dates, both days included. Not a column: CaseworkService sets it on a case it has loaded for
 * the cover user it found the grant for.
 */
export interface ActiveCover {
  id: string;
  coverUserId: string;
  linkWorkerId: string;
  from: string;
  to: string;
}

type CaseRef = { linkWorkerId: string; serviceId: string; cover?: ActiveCover | null };

/** Whether cover is in force at this instant: from the start of `from` to the end of `to`, UK time. */
export function coverInForce(cover: Pick<ActiveCover, 'from' | 'to'>, at: Date = new Date()) {
  const today = ukDate(at);
  return cover.from <= today && today <= cover.to;
}

const isAssigned = (actor: AuthenticatedUser, c: CaseRef) =>
  actor.role === 'link_worker' && c.linkWorkerId === actor.id && c.serviceId === actor.serviceId;

/** A colleague of the same service covering the case's link worker today. */
export const isCovering = (actor: AuthenticatedUser, c: CaseRef, at: Date = new Date()) =>
  actor.role === 'link_worker' &&
  c.serviceId === actor.serviceId &&
  !!c.cover &&
  c.cover.coverUserId === actor.id &&
  c.cover.linkWorkerId === c.linkWorkerId &&
  coverInForce(c.cover, at);

/** The assigned link worker, or the colleague covering them: who works the case as its link worker. */
const actsAsLinkWorker = (actor: AuthenticatedUser, c: CaseRef) =>
  isAssigned(actor, c) || isCovering(actor, c);

/**
 * The one rule for reading a case file: its assigned link worker (or a colleague covering them),
 * the team lead of its service, or an admin (for data protection work). Everyone else is told
 * the case does not exist.
 */
export function canReadCase(actor: AuthenticatedUser, c: CaseRef): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'team_lead') return c.serviceId === actor.serviceId;
  return actsAsLinkWorker(actor, c);
}

/**
 * Immigration, safeguarding and crisis detail: the assigned link worker (or cover) and admins
 * (for data protection) only. A team lead runs the service but never sees it.
 */
export function canReadSensitiveDetail(actor: AuthenticatedUser, c: CaseRef): boolean {
  return actor.role === 'admin' || actsAsLinkWorker(actor, c);
}

/**
 * Changing a case is for its assigned link worker (or cover) only. Admins may read it (and keep
 * the migration profile right for data-protection requests) but do not do casework.
 */
export function canWorkOnCase(actor: AuthenticatedUser, c: CaseRef): boolean {
  return actsAsLinkWorker(actor, c);
}

/** Reassigning a case: the team lead of its service, or an admin. */
export function canReassignCase(actor: AuthenticatedUser, c: Pick<CaseRef, 'serviceId'>): boolean {
  return actor.role === 'admin' || (actor.role === 'team_lead' && c.serviceId === actor.serviceId);
}

/**
 * Whose cases a caseload lists: every case for an admin, every case of its service for a team
 * lead (row-level security keeps it to that service), else only the reader's own.
 */
export const caseloadOwner = (actor: AuthenticatedUser): string | undefined =>
  actor.role === 'admin' || actor.role === 'team_lead' ? undefined : actor.id;

/** As `caseloadOwner`, with the colleagues a link worker covers today (`covered`) beside them. */
export const caseloadOwners = (
  actor: AuthenticatedUser,
  covered: readonly string[] = [],
): string[] | undefined => {
  const owner = caseloadOwner(actor);
  return owner === undefined ? undefined : [owner, ...covered];
};
