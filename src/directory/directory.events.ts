import type { EntityManager } from 'typeorm';

/**
 * Published by directory when a group's coordinators should hear about its listing: the 6-month
 * reminder to confirm it, its lapse at 9 months, and an admin's answer to a change they sent.
 * Today placements turns it into an in-app notification to the group's organisation; the
 * notifications outbox can handle it instead without directory changing.
 */
export const LISTING_NOTICE = 'directory.listing.notice';

export const LISTING_NOTICE_KINDS = [
  'listing_unconfirmed',
  'listing_lapsed',
  'listing_change_approved',
  'listing_change_rejected',
] as const;
export type ListingNoticeKind = (typeof LISTING_NOTICE_KINDS)[number];

export interface ListingNoticeEvent {
  groupId: string;
  /** The organisation that runs the group: its coordinators are the audience. */
  organisationId: string;
  kind: ListingNoticeKind;
  /** The message, in words for the coordinator. */
  text: string;
  /** Where the coordinator acts on it. */
  link: string;
  /** The publisher's transaction: the notice commits or rolls back with its cause. */
  manager: EntityManager;
}
