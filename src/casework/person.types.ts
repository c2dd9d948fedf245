import type { Ethnicity, Religion, Sex } from '../common/vocabulary';

/** The details about a person that arrive with a referral. */
export interface PersonDetails {
  givenName: string;
  familyName?: string | null;
  dateOfBirth?: string | null;
  sex?: Sex | null;
  ethnicity?: Ethnicity | null;
  religion?: Religion | null;
  postcode?: string | null;
  phone?: string | null;
  email?: string | null;
  preferredContact?: string | null;
  preferredLanguage?: string | null;
  interpreterNeeded?: boolean | null;
  gpRegistered?: boolean | null;
  nhsNumber?: string | null;
  accessNeeds?: string | null;
}

export interface PossibleDuplicate {
  personId: string;
  reason: 'same_date_of_birth_similar_name' | 'same_phone' | 'same_nhs_number';
}
