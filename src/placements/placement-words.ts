import type { WordsTable } from '../common/forms/field-words';

/**
 * What the placement pages say when a field is wrong, GOV.UK style, by the DTO's field
 * (placement.dto.ts). The API keeps its messages.
 */
export const CAPACITY_WORDS: WordsTable = {
  places: 'Places must be a whole number, 0 or more',
  weeklyIntakeLimit: 'New people each week must be a whole number, 1 or more, or left empty',
  waitlistEnabled: 'Select yes if people can wait for a place, or no if not',
  intakePaused: 'Select yes to stop new offers for now, or no to take them',
  offerExpiryDays: 'Days to answer an offer must be a whole number from 1 to 60',
};

export const OFFER_WORDS: WordsTable = {
  groupId: 'Select a group',
  note: 'The note must be 1,000 characters or fewer',
};

export const ANSWER_WORDS: WordsTable = {
  reason: 'Select a reason',
  date: {
    missing: 'Enter the date of the session',
    otherwise: 'The session date must be a real date, like 24 11 2026',
  },
  attended: 'Select whether they attended',
};
