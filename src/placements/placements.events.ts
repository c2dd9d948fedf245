/**
 * What placements publishes when a placement changes, for modules above it (notifications tells
 * the group, the link worker, the referrer and the person). One event with the kind of change;
 * handlers run inside the publishing transaction (emitInTurn with its EntityManager).
 */
import type { EntityManager } from 'typeorm';

export const PLACEMENT_CHANGED = 'placements.placement.changed';

export type PlacementChangeKind =
  /** A place was offered to the group. */
  | 'offered'
  /** The person joined the group's waitlist. */
  | 'waitlisted'
  /** A freed place went to the head of the waitlist. */
  | 'offered_from_waitlist'
  /** The group accepted: the person's place has started. */
  | 'accepted'
  | 'declined'
  /** Ended by the group (`by: 'group'`) or by the case side. */
  | 'ended'
  /** The case closed: the placement ended, or its waitlist place was withdrawn. */
  | 'ended_with_case'
  | 'withdrawn_with_case'
  | 'paused'
  | 'resumed'
  /** The offer ran out before the group answered. */
  | 'expired'
  /** The offer expires within a day. */
  | 'expiring'
  /** The group was suspended or removed: the link worker should review. */
  | 'group_suspended';

export interface PlacementChange {
  kind: PlacementChangeKind;
  placementId: string;
  caseId: string;
  personId: string;
  linkWorkerId: string;
  groupId: string;
  groupOrganisationId: string;
  /** The placement's status after the change. */
  status: string;
  /** Its status before it, where that changes what the change means (an offer ended is withdrawn). */
  previousStatus?: string;
  position?: number | null;
  /** A decline or end reason code. */
  reason?: string | null;
  /** Who made the change: the group's side or the case's side (or the system). */
  by?: 'group' | 'case' | 'system';
  /** When the first session is, if the group gave it on accepting. */
  firstSessionAt?: Date | null;
  manager: EntityManager;
}
