import type { WordsTable } from '../common/forms/field-words';

/**
 * What the directory and vetting pages say when a field is wrong, GOV.UK style, by the DTO's
 * field (group.dto.ts) or, for the group form, by its own control. The API keeps its messages.
 */
export const GROUP_WORDS: WordsTable = {
  organisationId: 'Select the organisation that runs the group',
  name: { missing: 'Enter the group’s name', otherwise: 'Name must be 200 characters or fewer' },
  description: {
    missing: 'Enter what happens at the group',
    otherwise: 'What happens must be 4,000 characters or fewer',
  },
  activityTypes: 'Select activities from the list',
  needsServed: 'Select what the group helps with from the list',
  languages: {
    otherwise: 'Select each language from the list',
    arrayMaxSize: 'Select no more than 40 languages',
  },
  postcode: 'Enter a real UK postcode, like NG7 1AA',
  deliveryMode: 'Select how the group meets',
  accessibility: 'Select access from the list',
  schedule: 'When it meets must be 500 characters or fewer',
  cost: 'Cost must be 200 characters or fewer',
  ageMin: 'Youngest age must be a whole number from 0 to 120',
  ageMax: 'Oldest age must be a whole number from 0 to 120',
};

export const SEARCH_WORDS: WordsTable = {
  caseId: 'Find groups from the person’s case',
  need: 'Select a need from the list',
  activityType: 'Select an activity from the list',
  language: 'Select a language from the list',
  deliveryMode: 'Select how the group meets',
  near: 'Enter a postcode, like NG7 1AA, or the first part of one, like NG7',
};

export const VETTING_WORDS: WordsTable = {
  check: 'Select the check that was made',
  evidence: {
    missing: 'Enter the evidence you saw',
    otherwise: 'Evidence must be 2,000 characters or fewer',
  },
  verifiedAt: {
    missing: 'Enter the date the check was verified',
    otherwise: 'The date verified must be a real date, like 15 1 2026',
  },
  expiresAt: {
    missing: 'Enter the date the check expires',
    otherwise: 'The expiry date must be a real date, like 15 1 2027',
  },
  reason: {
    missing: 'Enter the reason',
    otherwise: 'The reason must be 2,000 characters or fewer',
  },
};

export const INCIDENT_WORDS: WordsTable = {
  type: 'Select what kind of concern it is',
  description: {
    missing: 'Enter what happened',
    otherwise: 'What happened must be 4,000 characters or fewer',
  },
  occurredAt: {
    missing: 'Enter the date it happened',
    otherwise: 'The date it happened must be a real date, like 27 3 2026',
  },
};
