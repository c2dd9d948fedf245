import type { CaseCloseReason } from '../common/vocabulary';

/** Professional services a person is referred on to, in parallel with social prescribing. */
export const ONWARD_REFERRAL_SERVICES = [
  'mental_health',
  'legal_advice',
  'immigration_advice',
  'housing_options',
  'modern_slavery_nrm',
  'domestic_abuse_service',
  'gp',
  'maternity',
  'welfare_benefits',
  'food_bank',
  'other',
] as const;
export type OnwardReferralService = (typeof ONWARD_REFERRAL_SERVICES)[number];

/**
 * Onward referrals that reveal immigration, exploitation or abuse: kept out of letters a person
 * carries and out of what a team lead sees.
 */
export const SENSITIVE_ONWARD_SERVICES: readonly OnwardReferralService[] = [
  'immigration_advice',
  'modern_slavery_nrm',
  'domestic_abuse_service',
];

/** Closing for one of these, with the person's consent, gives them a transfer summary letter. */
export const RELOCATION_REASONS: readonly CaseCloseReason[] = [
  'relocated',
  'transferred',
  'moved_away',
];

export const NEED_SEVERITY_MIN = 0;
export const NEED_SEVERITY_MAX = 4;

/** Who started a contact: the link worker, the person, or someone for them (family, a professional). */
export const CONTACT_INITIATORS = ['link_worker', 'person', 'someone_else'] as const;
export type ContactInitiator = (typeof CONTACT_INITIATORS)[number];

/** How an interpreter took part. */
export const INTERPRETER_MODES = ['in_person', 'phone', 'video'] as const;
export type InterpreterMode = (typeof INTERPRETER_MODES)[number];

export const APPOINTMENT_STATUSES = ['booked', 'attended', 'did_not_attend', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
