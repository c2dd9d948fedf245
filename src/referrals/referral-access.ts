import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { Referral } from './referral.entity';

const ofService = (actor: AuthenticatedUser, r: Pick<Referral, 'serviceId'>) =>
  !!actor.serviceId && r.serviceId === actor.serviceId;

/**
 * The one rule for seeing a referral: admins see all; link workers and team leads their own
 * service's (they triage); a referrer sees their own organisation's only, in the referrer view.
 * Everyone else sees none.
 */
export function canSeeReferral(
  actor: AuthenticatedUser,
  r: Pick<Referral, 'organisationId' | 'serviceId'>,
): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'link_worker' || actor.role === 'team_lead') return ofService(actor, r);
  return (
    actor.role === 'referrer' && !!actor.organisationId && r.organisationId === actor.organisationId
  );
}

/**
 * Working on a referral (contact, accept, decline, letters): its assigned link worker, the team
 * lead of its service, or an admin; while nobody is assigned, any link worker of its service, as
 * triage.
 */
export function canWorkOnReferral(
  actor: AuthenticatedUser,
  r: Pick<Referral, 'assignedLinkWorkerId' | 'serviceId'>,
): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'team_lead') return ofService(actor, r);
  if (actor.role !== 'link_worker' || !ofService(actor, r)) return false;
  return r.assignedLinkWorkerId === null || r.assignedLinkWorkerId === actor.id;
}

/**
/**
 * The letters: the person's letter is for whoever may work on the referral; the message back is
 * also for the referrer it answers (who can see the referral at all only if it is theirs).
 */
export function canReadReferralDocument(
  actor: AuthenticatedUser,
  r: Pick<Referral, 'assignedLinkWorkerId' | 'serviceId'>,
  kind: 'message_back' | 'person_letter',
): boolean {
  return (kind === 'message_back' && actor.role === 'referrer') || canWorkOnReferral(actor, r);
}

/**
 * Seeing whom a referral is about (the person's details, the summary, letters): admins, and link
 * workers and team leads of its service while it is in triage or was declined. Once accepted, the
 * person is a case, so only those who may read that case (`readableCases`, from casework's rule)
 * see them; other link workers keep its reference and status.
 */
export function seesReferralDetail(
  actor: AuthenticatedUser,
  r: Pick<Referral, 'status' | 'caseId'>,
  readableCases: ReadonlySet<string>,
): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'link_worker' && actor.role !== 'team_lead') return false;
  if (r.status !== 'accepted') return true;
  return r.caseId !== null && readableCases.has(r.caseId);
}

/** Link workers, team leads and admins: they see the staff view of a referral; a referrer sees the status. */
export const isStaff = (actor: AuthenticatedUser) =>
  actor.role === 'admin' || actor.role === 'link_worker' || actor.role === 'team_lead';
