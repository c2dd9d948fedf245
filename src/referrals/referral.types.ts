import type { PossibleDuplicate } from '../casework/person.types';
import type { ReferralDeclineReason } from '../common/vocabulary';

/** Who agreed to the referral: the person, or someone entitled to agree for them. */
export const CONSENT_GIVERS = [
  'person',
  'parent_or_guardian',
  'carer',
  'legal_representative',
] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export const PREFERRED_CONTACT_METHODS = ['phone', 'sms', 'email', 'letter', 'in_person'] as const;
export type PreferredContact = (typeof PREFERRED_CONTACT_METHODS)[number];

export const CONTACT_METHODS = [
  'phone',
  'sms',
  'email',
  'letter',
  'in_person',
  'interpreter_call',
] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const CONTACT_OUTCOMES = ['reached', 'no_answer', 'left_message', 'wrong_number'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** A possible duplicate as kept on the referral: casework's match plus that person's referrals. */
export interface StoredDuplicate extends PossibleDuplicate {
  referrals: { id: string; reference: string }[];
}

/** SNOMED CT concepts of the PRSB Social Prescribing Information Standard. */
export const SNOMED = {
  system: 'http://snomed.info/sct',
  referralToSocialPrescribing: {
    code: '871731000000106',
    display: 'Referral to social prescribing service',
  },
  socialPrescribingDeclined: { code: '871711000000103', display: 'Social prescribing declined' },
} as const;

/** Why a referral was declined, in plain words for the referrer: no detail about the person. */
export const DECLINE_REASON_IN_WORDS: Record<ReferralDeclineReason, string> = {
  person_declined: 'The person decided not to take up social prescribing at this time.',
  unable_to_contact: 'We were not able to contact the person after several attempts.',
  not_appropriate:
    'Social prescribing was not the right support at this time; please consider other services.',
  redirected: 'The person was directed to a service better suited to what they need.',
};
