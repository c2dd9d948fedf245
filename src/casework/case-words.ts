import type { WordsTable } from '../common/forms/field-words';

/**
 * What the case pages say when a field is wrong, GOV.UK style, by the DTO's field (case.dto.ts).
 * The API keeps its own technical messages.
 */
export const MIGRATION_PROFILE_WORDS: WordsTable = {
  countryOfBirth: 'Select a country of birth from the list',
  nationality: 'Select a nationality from the list',
  yearOfArrival: {
    otherwise: 'Year of arrival must be a year, like 2019',
    min: 'Year of arrival must be 1900 or later',
    max: 'Year of arrival must be this year or earlier',
  },
  mainLanguage: 'Select a main language from the list',
  migrantStatus: 'Select an immigration status from the list',
  interpreterNeeded: 'Select yes if an interpreter is needed, or no if not',
  'interpreter.language': 'Select the language the interpreter should speak from the list',
  'interpreter.dialect': 'Dialect must be 100 characters or fewer',
  'interpreter.gender': 'Select who they would like as an interpreter',
  'interpreter.mode': 'Select how the interpreter should take part',
};

export const NEEDS_WORDS: WordsTable = {
  needs: {
    otherwise: 'Rate at least one area of life',
    arrayMaxSize: 'Rate each area of life only once',
  },
  severity: 'Select how much it matters, from 0 (none) to 4 (crisis)',
  note: 'The note must be 1,000 characters or fewer',
  whatMattersToMe: 'What matters to them must be 2,000 characters or fewer',
};

export const SAFEGUARDING_WORDS: WordsTable = {
  flags: 'Select the concerns from the list',
  note: 'The note must be 2,000 characters or fewer',
};

export const CRISIS_WORDS: WordsTable = {
  type: 'Select what happened',
  occurredAt: {
    missing: 'Enter the date it happened',
    otherwise: 'The date it happened must be a real date, like 27 3 2026',
  },
  pausePlacements: 'Select yes to pause their group places, or no to keep them going',
  note: 'The note must be 2,000 characters or fewer',
  resolvedAt: {
    missing: 'Enter the date the crisis was resolved',
    otherwise: 'The date it was resolved must be a real date, like 27 3 2026',
  },
  resumePlacements:
    'Select yes to start their paused group places again, or no to leave them paused',
};

export const ONWARD_REFERRAL_WORDS: WordsTable = {
  service: 'Select the service you referred them to',
  reason: {
    missing: 'Enter why you referred them',
    otherwise: 'The reason must be 1,000 characters or fewer',
  },
};

export const OUTCOME_WORDS: WordsTable = {
  instrument: 'Select a questionnaire',
  timepoint: 'Select when the questionnaire was answered',
  answers: 'Answer every question',
};

export const CLOSE_CASE_WORDS: WordsTable = {
  reason: 'Select why the case is closing',
  note: 'The note must be 2,000 characters or fewer',
  transferConsent: 'Select yes if they agreed to a transfer summary being sent',
};
