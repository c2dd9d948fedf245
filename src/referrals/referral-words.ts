import type { WordsTable } from '../common/forms/field-words';

/**
 * What staff referral pages say when a field is wrong, GOV.UK style, by the DTO's field
 * (referral.dto.ts). People referring themselves get their own words in their language (the
 * self-referral steps); the API keeps its technical messages.
 */
export const REFERRAL_WORDS: WordsTable = {
  channel: 'Select where the referral comes from',
  referrerName: 'Your name must be 200 characters or fewer',
  referrerContact: 'How we can contact you must be 200 characters or fewer',
  'person.givenName': {
    missing: 'Enter the person’s first name',
    otherwise: 'First name must be 100 characters or fewer',
  },
  'person.familyName': 'Last name must be 100 characters or fewer',
  'person.dateOfBirth': {
    otherwise: 'Date of birth must be a real date, like 27 3 1990',
    isNotFuture: 'Date of birth must be in the past',
  },
  'person.postcode': 'Enter a real UK postcode, like NG7 1AA',
  'person.phone': 'Enter a phone number, like 07700 900 982 or +44 7700 900 982',
  'person.email': 'Enter an email address in the correct format, like name@example.com',
  'person.preferredContact': 'Select the best way to make contact',
  'person.preferredLanguage': 'Select a preferred language from the list',
  'person.interpreterNeeded': 'Select yes if an interpreter is needed, or no if not',
  'person.gpRegistered': 'Select yes if they are registered with a GP, or no if not',
  'person.nhsNumber': 'Enter a real NHS number: 10 digits, like 943 476 5919',
  'person.accessNeeds': 'Access needs must be 500 characters or fewer',
  'person.interpreter.language': 'Select the language the interpreter should speak from the list',
  'person.interpreter.dialect': 'Dialect must be 100 characters or fewer',
  'person.interpreter.gender': 'Select who they would like as an interpreter',
  'person.interpreter.mode': 'Select how the interpreter should take part',
  // Only a changed page can send an answer not listed; these questions are never required.
  'person.sex': 'Choose one of the answers listed, or leave it blank',
  'person.ethnicity': 'Choose one of the answers listed, or leave it blank',
  'person.religion': 'Choose one of the answers listed, or leave it blank',
  reasons: {
    missing: 'Select at least one reason',
    otherwise: 'Select reasons from the list',
  },
  summary: 'The summary must be 2,000 characters or fewer',
  urgency: 'Select how soon a link worker should make contact',
  'consent.referralDiscussed':
    'Confirm that you discussed the referral with the person and they agree to it',
  'consent.shareWithProviders':
    'Select yes if they agreed to share their details with groups, or no if not',
  'consent.date': {
    otherwise: 'The date they agreed must be a real date',
    isNotFuture: 'The date they agreed must be today or in the past',
  },
};

export const DECLINE_WORDS: WordsTable = {
  reason: 'Choose why the referral is declined',
  note: 'The note must be 2,000 characters or fewer',
};

export const CONTACT_ATTEMPT_WORDS: WordsTable = {
  method: 'Choose how you tried to make contact',
  outcome: 'Choose what happened',
  note: 'The note must be 2,000 characters or fewer',
};
