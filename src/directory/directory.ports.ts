/**
 * What the directory shows about a group's capacity is owned by the placements module, which
 * counts reservations. Directory must not depend on placements, so it declares this port and
 * placements provides it (a @Global provider bound to GROUP_CAPACITY). Without a provider, every
 * group shows the contract's default: 0 places.
 */
export const GROUP_CAPACITY = Symbol('GROUP_CAPACITY');

export interface GroupCapacityView {
  places: number;
  weeklyIntakeLimit: number | null;
  waitlistEnabled: boolean;
  intakePaused: boolean;
  offerExpiryDays: number;
  availablePlaces: number;
  waitlistLength: number;
  updatedAt: string | null;
}

export interface GroupCapacityReader {
  capacityOf(groupIds: string[]): Promise<Map<string, GroupCapacityView>>;
}

export const NO_CAPACITY: GroupCapacityView = {
  places: 0,
  weeklyIntakeLimit: null,
  waitlistEnabled: false,
  intakePaused: false,
  offerExpiryDays: 7,
  availablePlaces: 0,
  waitlistLength: 0,
  updatedAt: null,
};

/** What placements needs to know about a group before offering it a place. */
export interface GroupForPlacement {
  id: string;
  organisationId: string;
  name: string;
  vettingStatus: 'pending' | 'approved' | 'expired' | 'suspended' | 'removed';
  safeguardingLevel: 0 | 1 | 2 | 3;
  /** Approved (not expired, suspended or removed), and its listing confirmed within 9 months. */
  offerable: boolean;
  /** Why not, in words a link worker can act on; null when offerable. */
  notOfferableReason: string | null;
  languages: string[];
  needsServed: string[];
}

/** Published by directory when an admin suspends or removes a group (placements flags its placements). */
export const GROUP_SUSPENDED = 'directory.group.suspended';
export interface GroupSuspendedEvent {
  groupId: string;
  reason: string;
  actorId: string;
  manager: import('typeorm').EntityManager;
}
