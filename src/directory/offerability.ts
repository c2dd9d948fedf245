import type { VettingStatus } from '../common/vocabulary';

/** Why a group is left out of a search, or cannot be offered at all. */
export type ExclusionReason =
  | 'removed'
  | 'suspended'
  | 'vetting_expired'
  | 'not_approved'
  | 'listing_lapsed'
  | 'level_too_low'
  | 'intake_paused'
  | 'need_not_served'
  | 'activity_not_offered'
  | 'language_not_offered'
  | 'delivery_mode_not_offered'
  | 'not_step_free'
  | 'no_childcare'
  | 'not_women_only'
  | 'no_travel_support'
  | 'times_not_recorded'
  | 'no_session_at_time';

export const REASON_TEXT: Record<ExclusionReason, string> = {
  removed: 'The group has been removed from the directory',
  suspended: 'The group is suspended while a concern is reviewed',
  vetting_expired: 'The group’s vetting has lapsed',
  not_approved: 'The group has not been approved yet',
  listing_lapsed:
    'The group’s details have not been confirmed for 9 months, so they may no longer be right',
  level_too_low: 'The group’s safeguarding level is below what this person needs',
  intake_paused: 'The group has paused new intake',
  need_not_served: 'The group does not work on this need',
  activity_not_offered: 'The group does not offer this activity',
  language_not_offered: 'The group does not offer this language or work with interpreters',
  delivery_mode_not_offered: 'The group is not delivered this way',
  not_step_free: 'The venue is not step-free',
  no_childcare: 'The group has no childcare',
  not_women_only: 'The group is not women-only',
  no_travel_support: 'The group offers no travel support',
  times_not_recorded: 'The group’s meeting times are not recorded as days and times',
  no_session_at_time: 'The group does not meet on the days or at the times asked for',
};

const BY_VETTING_STATUS: Partial<Record<VettingStatus, ExclusionReason>> = {
  removed: 'removed',
  suspended: 'suspended',
  expired: 'vetting_expired',
  pending: 'not_approved',
};

/** What stops a group being offered to anyone, whatever the search: its vetting and its listing. */
export function standingReasons(s: {
  vettingStatus: VettingStatus;
  listingLapsed?: boolean;
}): ExclusionReason[] {
  const byStatus = BY_VETTING_STATUS[s.vettingStatus];
  return [...(byStatus ? [byStatus] : []), ...(s.listingLapsed ? ['listing_lapsed' as const] : [])];
}

/** Why the group cannot be offered, as one sentence; null when it can. */
export function notOfferableReason(s: {
  vettingStatus: VettingStatus;
  listingLapsed?: boolean;
}): string | null {
  const reasons = standingReasons(s);
  return reasons.length ? `${reasons.map((r) => REASON_TEXT[r]).join('. ')}.` : null;
}
