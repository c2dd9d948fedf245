import type { AuthenticatedUser } from '../common/auth/authenticated-user';

export interface PlacementParties {
  linkWorkerId: string;
  groupOrganisationId: string;
}

/** Coordinators of the group's organisation act for the group. */
export function isGroupSide(actor: AuthenticatedUser, p: PlacementParties): boolean {
  return (
    actor.role === 'group_coordinator' &&
    actor.organisationId !== null &&
    actor.organisationId === p.groupOrganisationId
  );
}

/** The link worker who made the offer for their case (or, before an offer, the case's link worker). */
export function isCaseSide(
  actor: AuthenticatedUser,
  p: Pick<PlacementParties, 'linkWorkerId'>,
): boolean {
  return actor.role === 'link_worker' && actor.id === p.linkWorkerId;
}

/**
 * The one rule for seeing a placement: its group's coordinators (minimum detail), its case's link
 * worker, or an admin. Everyone else is told it does not exist.
 */
export function canSeePlacement(actor: AuthenticatedUser, p: PlacementParties): boolean {
  return actor.role === 'admin' || isGroupSide(actor, p) || isCaseSide(actor, p);
}

/**
 * Changing a placement: an admin, or the sides the change is for (the group answers and records
 * attendance; either side may end it). Everyone else is told it does not exist.
 */
export function canChangePlacement(
  actor: AuthenticatedUser,
  p: PlacementParties,
  sides: readonly ('group' | 'case')[],
): boolean {
  return (
    actor.role === 'admin' ||
    (sides.includes('group') && isGroupSide(actor, p)) ||
    (sides.includes('case') && isCaseSide(actor, p))
  );
}

/** Which placements a list may show this actor: all, their cases', their groups', or none. */
export function placementListScope(
  actor: AuthenticatedUser,
): { linkWorkerId?: string; groupOrganisationId?: string } | 'none' {
  if (actor.role === 'admin') return {};
  if (actor.role === 'link_worker') return { linkWorkerId: actor.id };
  if (actor.role === 'group_coordinator' && actor.organisationId)
    return { groupOrganisationId: actor.organisationId };
  return 'none';
}
