import type { VettingCheck, VettingStatus } from '../common/vocabulary';
import type { GroupCapacityView } from './directory.ports';
import type { AgeRange, CommunityGroup, GroupAccessibility } from './group.entity';
import type { ListingStatus } from './listing-rules';
import type { Session } from './schedule';
import type { GroupVettingCheck } from './vetting-check.entity';
import { isCurrent, type SafeguardingLevel } from './vetting-rules';

/** Capacity as the API shows it (the port's timestamp is for Open Referral only). */
export type CapacitySummary = Omit<GroupCapacityView, 'updatedAt'>;

export interface VettingCheckView {
  id: string;
  check: VettingCheck;
  verifiedAt: string;
  expiresAt: string;
  current: boolean;
  /** Admins only. */
  evidence?: string;
  verifiedBy?: string;
}

export interface GroupView {
  id: string;
  organisationId: string;
  organisationName: string | null;
  name: string;
  description: string;
  activityTypes: CommunityGroup['activityTypes'];
  needsServed: CommunityGroup['needsServed'];
  languages: string[];
  postcode: string | null;
  area: string | null;
  deliveryMode: CommunityGroup['deliveryMode'];
  accessibility: GroupAccessibility;
  /** When it meets: day, start, end (UK local time) and how often, by day and time. */
  sessions: Session[];
  /** What the sessions cannot say ("term time only"). */
  scheduleNotes: string | null;
  /** The sessions and notes in words ("Tuesdays, 10am to midday; Term time only"). */
  schedule: string | null;
  cost: string | null;
  ageRange: AgeRange | null;
  safeguardingLevel: SafeguardingLevel;
  vettingStatus: VettingStatus;
  /** Approved and its listing confirmed within 9 months. */
  offerable: boolean;
  /** Why it cannot be offered, in words for a link worker or admin; null when it can. */
  notOfferableReason: string | null;
  /** When its coordinator or an admin last confirmed the listing is right. */
  lastConfirmedAt: string;
  /** `unconfirmed` from 6 months after the last confirmation (UK dates). */
  listingStatus: ListingStatus;
  /** 9 months unconfirmed: not offered, not published. */
  listingLapsed: boolean;
  /** The UK dates the listing becomes unconfirmed and lapses, unless confirmed before. */
  confirmationDueOn: string;
  listingLapsesOn: string;
  /** When an admin last reviewed the listing. */
  assuredAt: string | null;
  suspendedAt: string | null;
  suspensionReason?: string | null;
  removedAt: string | null;
  capacity: CapacitySummary;
  /** For admins and the group's own coordinators: what is verified and when it lapses. */
  vettingChecks?: VettingCheckView[];
  /** The soonest expiry of a current check. */
  nextExpiry?: string | null;
  /** For admins and its coordinators: a change waiting for an admin (see GET …/changes). */
  pendingChangeId?: string | null;
  createdAt: string;
  updatedAt: string;
}

export function capacitySummary(c: GroupCapacityView): CapacitySummary {
  return {
    places: c.places,
    weeklyIntakeLimit: c.weeklyIntakeLimit,
    waitlistEnabled: c.waitlistEnabled,
    intakePaused: c.intakePaused,
    offerExpiryDays: c.offerExpiryDays,
    availablePlaces: c.availablePlaces,
    waitlistLength: c.waitlistLength,
  };
}

/** A check as the API shows it; the evidence and who saw it are for vetting officers only. */
export function checkView(
  c: GroupVettingCheck,
  now: Date,
  withEvidence: boolean,
): VettingCheckView {
  return {
    id: c.id,
    check: c.check,
    verifiedAt: c.verifiedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    current: isCurrent(c.check, [c], now),
    ...(withEvidence ? { evidence: c.evidence, verifiedBy: c.verifiedBy } : {}),
  };
}
