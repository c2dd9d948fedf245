/**
 * What a merge does with every column of `person` and `migration_profile`. A field the person
 * told us (`choose`) is taken from the kept person unless the reviewer keeps the merged person's
 * value, and a gap in the kept person is filled from the merged one; the rest follow rules of
 * their own. test/person-merge-columns.e2e-spec.ts reads both tables' columns from the database
 * and fails for any column missing here, so a new column cannot be forgotten by merge.
 */
import { MIGRATION_PROFILE_FIELDS } from './migration-profile.entity';
import type { Person } from './person.entity';

export type MergeRule =
  /** The reviewer chooses between the two values (gaps filled from the other). */
  | 'choose'
  /** A blind index or token, recomputed from the chosen sealed value. */
  | 'derived'
  /** Identity and bookkeeping of the kept row: never taken from the merged one. */
  | 'kept';

/** The person's fields a reviewer can choose, by their API name. */
export const PERSON_CHOICES = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'sex',
  'ethnicity',
  'religion',
  'postcode',
  'phone',
  'email',
  'preferredContact',
  'preferredLanguage',
  'interpreterNeeded',
  'interpreterLanguage',
  'interpreterDialect',
  'interpreterGender',
  'interpreterMode',
  'gpRegistered',
  'nhsNumber',
  'accessNeeds',
] as const satisfies readonly (keyof Person)[];

/** The migration profile's fields a reviewer can choose. */
export const PROFILE_CHOICES = MIGRATION_PROFILE_FIELDS;

export type PersonChoice = (typeof PERSON_CHOICES)[number];
export type ProfileChoice = (typeof PROFILE_CHOICES)[number];

/** How a profile field is named in a merge's `keep` (it shares names with the person's). */
export const profileKey = (field: ProfileChoice) => `migrationProfile.${field}` as const;

export const MERGE_KEYS: readonly string[] = [
  ...PERSON_CHOICES,
  ...PROFILE_CHOICES.map(profileKey),
];

/** Every column of `person`, by its database name. */
export const PERSON_COLUMNS: Record<string, MergeRule> = {
  id: 'kept',
  service_id: 'kept',
  given_name_encrypted: 'choose',
  family_name_encrypted: 'choose',
  date_of_birth: 'choose',
  sex: 'choose',
  ethnicity: 'choose',
  religion: 'choose',
  postcode: 'choose',
  phone_encrypted: 'choose',
  phone_index: 'derived',
  email_encrypted: 'choose',
  preferred_contact: 'choose',
  preferred_language: 'choose',
  interpreter_needed: 'choose',
  interpreter_language: 'choose',
  interpreter_dialect: 'choose',
  interpreter_gender: 'choose',
  interpreter_mode: 'choose',
  gp_registered: 'choose',
  nhs_number_encrypted: 'choose',
  nhs_number_index: 'derived',
  access_needs: 'choose',
  created_at: 'kept',
  updated_at: 'kept',
  // Neither person may be erased (or being erased) when they are merged.
  erased_at: 'kept',
};

/** Every column of `migration_profile`. */
export const PROFILE_COLUMNS: Record<string, MergeRule> = {
  person_id: 'kept',
  service_id: 'kept',
  country_of_birth: 'choose',
  nationality: 'choose',
  year_of_arrival: 'choose',
  main_language: 'choose',
  migrant_status: 'choose',
  interpreter_needed: 'choose',
  updated_by: 'kept',
  updated_at: 'kept',
};

export type Side = 'merged' | 'into';
export type KeepChoices = Partial<Record<string, Side>>;

const isBlank = (v: unknown) => v === null || v === undefined || v === '';

/**
 * The value the kept person ends with: the side the reviewer chose, else the kept person's, with a
 * gap filled from the merged person.
 */
export function chosen<T>(into: T, merged: T, side: Side | undefined): T {
  if (side === 'merged') return merged;
  if (side === 'into') return into;
  return isBlank(into) ? merged : into;
}

/** Whether the two values differ so that a reviewer has to choose (both recorded, unlike). */
export function conflicts(into: unknown, merged: unknown): boolean {
  if (isBlank(into) || isBlank(merged)) return false;
  return normalise(into) !== normalise(merged);
}

const normalise = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : String(v));

/**
 * Every column elsewhere that holds a person's id, and what a merge does with it. The columns
 * test fails for a `person_id` (or `*_person_id`) column missing here.
 */
export const PERSON_KEYED_COLUMNS: Record<string, string> = {
  'support_case.person_id':
    'moved to the kept person (and with the case its contacts, appointments, reviews, tasks, needs, outcomes, safeguarding, crisis points and onward referrals)',
  'migration_profile.person_id':
    'chosen field by field into the kept person’s profile; the merged one is deleted',
  'person_name_token.person_id':
    'rebuilt for the kept person; the merged person’s go with their row',
  'person_unsealed.person_id':
    'goes with the merged person’s row (only ever there before the first start)',
  'referral.person_id':
    'moved by referrals (PERSON_MERGING), which also re-points its duplicate flags',
  'placement.person_id': 'moved by placements (PERSON_MERGING)',
  'report_referral_fact.person_id':
    'rewritten from the referral by the report facts refresh (moving referral.person_id queues it and the kept person’s other referrals)',
  'report_referral_fact.case_person_id':
    'rewritten from the case by the report facts refresh (moving support_case.person_id queues the case’s referrals)',
  'text_message_consent.person_id': 'notifications keeps the most recent decision (PERSON_MERGING)',
  'notification_outbox.recipient_person_id': 'moved by notifications (PERSON_MERGING)',
  'person_merge.merged_person_id': 'the record of the merge itself',
  'person_merge.kept_person_id': 'earlier merges into the merged person now point at the kept one',
  'person_duplicate_dismissal.person_id': 'carried over to the kept person',
  'person_duplicate_dismissal.other_person_id': 'carried over to the kept person',
};
