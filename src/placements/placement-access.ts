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

/** The link worker who made the offer for their case. */
export function isCaseSide(actor: AuthenticatedUser, p: PlacementParties): boolean {
  return actor.role === 'link_worker' && actor.id === p.linkWorkerId;
}

/**
 * The one rule for seeing a placement: its group's coordinators (minimum detail), its case's link
 * worker, or an admin. Everyone else is told it does not exist.
 */
export function canSeePlacement(actor: AuthenticatedUser, p: PlacementParties): boolean {
  return actor.role === 'admin' || isGroupSide(actor, p) || isCaseSide(actor, p);
}
