/**
 * What casework needs to know that higher modules own. Casework must not depend on them, so it
 * declares these ports and they provide them (each a @Global provider bound to the token).
 */
import type { EntityManager } from 'typeorm';

/**
 * Referrals assigned to a link worker and not yet accepted or declined: they count towards the
 * caseload limit as open cases do. Provided by referrals.
 */
export const ASSIGNED_REFERRALS = Symbol('ASSIGNED_REFERRALS');

export interface AssignedReferralsCounter {
  countAssigned(linkWorkerId: string, em: EntityManager): Promise<number>;
}

/**
 * Cases waiting for a group: offered a place the group has not yet answered, or on a group's
 * waitlist. Provided by placements; read in the caller's transaction and scope.
 */
export const GROUP_WAITING = Symbol('GROUP_WAITING');

export interface GroupWaitingReader {
  /** Of these link workers' cases (all the transaction may see when omitted), those waiting. */
  casesWaiting(em: EntityManager, linkWorkerIds?: readonly string[]): Promise<string[]>;
}
