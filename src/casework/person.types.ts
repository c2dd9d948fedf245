import type {
  Ethnicity,
  InterpreterGender,
  InterpreterMode,
  Religion,
  Sex,
} from '../common/vocabulary';

/** What the person would like of an interpreter; every part optional. */
export interface InterpreterPreferences {
  language?: string | null;
  dialect?: string | null;
  gender?: InterpreterGender | null;
  mode?: InterpreterMode | null;
}

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
  interpreter?: InterpreterPreferences | null;
  gpRegistered?: boolean | null;
  nhsNumber?: string | null;
  accessNeeds?: string | null;
}

export interface PossibleDuplicate {
  personId: string;
  reason: 'same_date_of_birth_similar_name' | 'same_phone' | 'same_nhs_number';
}
