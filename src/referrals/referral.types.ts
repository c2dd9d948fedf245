import type { PossibleDuplicate } from '../casework/person.types';

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
