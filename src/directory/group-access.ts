import type { AuthenticatedUser } from '../common/auth/authenticated-user';

type OwnedGroup = { organisationId: string };

/**
 * The directory's record-level rules, in one place. Link workers and admins see every group (they
 * search and vet); a coordinator sees their own organisation's groups only. Everyone else sees
 * none, and is told a group does not exist.
 */
export function canSeeGroup(actor: AuthenticatedUser, group: OwnedGroup): boolean {
  if (actor.role === 'admin' || actor.role === 'link_worker') return true;
  return runsGroup(actor, group);
}

/** A coordinator of the organisation that runs the group. */
export function runsGroup(actor: AuthenticatedUser | null, group: OwnedGroup): boolean {
  return (
    actor?.role === 'group_coordinator' &&
    actor.organisationId !== null &&
    actor.organisationId === group.organisationId
  );
}

/** Changing a group's details and capacity, and reading its checks: its coordinators, or an admin. */
export function canManageGroup(actor: AuthenticatedUser | null, group: OwnedGroup): boolean {
  return actor?.role === 'admin' || runsGroup(actor, group);
}

/** Vetting, suspending and removing groups is for admins (the vetting officers) only. */
export const isVettingOfficer = (actor: AuthenticatedUser | null) => actor?.role === 'admin';
