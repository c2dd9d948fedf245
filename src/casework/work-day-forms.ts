import type { DomainError, FieldError } from '../common/domain-error';
import type { FieldProblem, WordsTable } from '../common/forms/field-words';
import { labelled } from '../common/forms/page-form';
import { CONTACT_MODES, SESSION_MODES } from '../common/vocabulary';
import { humanLabel } from '../common/views/labels';
import { dateFromParts, text } from './case-forms';
import { CONTACT_INITIATORS, INTERPRETER_MODES } from './casework.vocabulary';
import { parseClock } from './london-time';

type Body = Record<string, unknown>;

const items = (codes: readonly string[], labels: Record<string, string> = {}) =>
  codes.map((c) => ({ value: c, text: labels[c] ?? humanLabel(c) }));

const MODE_LABELS: Record<string, string> = {
  face_to_face: 'Face to face',
  text_message: 'Text message',
  drop_in: 'Drop-in',
};
export const CONTACT_MODE_ITEMS = items(CONTACT_MODES, MODE_LABELS);
export const APPOINTMENT_MODE_ITEMS = items(SESSION_MODES, MODE_LABELS);
export const INITIATOR_ITEMS = items(CONTACT_INITIATORS, {
  link_worker: 'I did (or a colleague)',
  person: 'The person',
  someone_else: 'Someone for them (family, a professional)',
});
export const INTERPRETER_MODE_ITEMS = items(INTERPRETER_MODES, {
  in_person: 'In person',
  phone: 'By phone',
  video: 'By video',
});

/** A mode's words on a page: "Face to face", "Drop-in". */
export const modeLabel = (mode: string) => MODE_LABELS[mode] ?? humanLabel(mode);

/**
 * A GOV.UK date input and a time box as one API date-time (London time, no zone), the date alone
 * when no time was given, or a check's error when the time cannot be read.
 */
export function dateTimeFromParts(
  body: Body,
  name: string,
  timeRequired: boolean,
): { value: string | undefined; problem?: FieldError } {
  const date = dateFromParts(body, name);
  const typed = text(body, `${name}-time`);
  if (!typed) {
    return timeRequired && date
      ? {
          value: undefined,
          problem: { field: `${name}-time`, message: 'Enter a time, like 9:30 or 2pm' },
        }
      : { value: date };
  }
  const clock = parseClock(typed);
  if (!clock) {
    return {
      value: date,
      problem: { field: `${name}-time`, message: 'Enter a time, like 9:30 or 2pm' },
    };
  }
  return { value: date ? `${date}T${clock}` : undefined };
}

/** A whole number typed in a box; what was typed otherwise, for validation to name. */
export function wholeNumber(body: Body, name: string): number | string | undefined {
  const v = text(body, name);
  return v !== undefined && /^\d{1,6}$/.test(v) ? Number(v) : v;
}

/** Validation problems in words a person can act on, on the control they concern. */
export function inWords(words: WordsTable) {
  return (errors: FieldProblem[]): FieldError[] => errors.map((e) => labelled(e, words));
}

/** "Enter the date of …" when it was left empty; "… must be a real date" when it cannot be one. */
const dateWords = (missing: string, what: string, example: string) => ({
  missing,
  otherwise: `${what} must be a real date, like ${example}`,
});

/**
 * A service's refusal (a contact in the future, a next review too far away) already speaks to
 * the person: shown as it is, on the control it names.
 */
export function refusalAsIs(controls: Record<string, string> = {}) {
  return (e: DomainError): FieldError[] => {
    const first = e.errors?.[0];
    return [{ field: first ? (controls[first.field] ?? first.field) : '', message: e.message }];
  };
}

export const CONTACT_WORDS: WordsTable = {
  at: dateWords('Enter the date of the contact', 'The date of the contact', '27 3 2026'),
  mode: 'Select how you were in touch',
  initiatedBy: 'Select who started the contact',
  durationMinutes: 'Enter how long it took in minutes, as a whole number from 1 to 720',
  'interpreter.language': 'Select the language the interpreter spoke',
  'interpreter.mode': 'Select how the interpreter took part',
  note: 'The note must be 5,000 characters or fewer',
};

export const APPOINTMENT_WORDS: WordsTable = {
  startsAt: dateWords(
    'Enter the date and time of the appointment',
    'The date of the appointment',
    '27 3 2026',
  ),
  durationMinutes: 'Enter how long it is in minutes, as a whole number from 5 to 480',
  mode: 'Select how you will meet',
  location: 'The place must be 200 characters or fewer',
  interpreterLanguage: 'Select the interpreter’s language from the list',
};

export const REVIEW_WORDS: WordsTable = {
  reviewedAt: dateWords('Enter the date of the review', 'The date of the review', '27 3 2026'),
  nextReviewBy: dateWords(
    'Enter the date of the next review',
    'The date of the next review',
    '27 4 2026',
  ),
  note: 'The note must be 5,000 characters or fewer',
};

export const TASK_WORDS: WordsTable = {
  title: 'Enter what needs doing, in 200 characters or fewer',
  dueOn: dateWords('Enter the date it is due', 'The date it is due', '27 3 2026'),
  assigneeId: 'Select who will do it',
};

export const OUTCOME_WORDS: WordsTable = {
  attended: 'Select whether the person came',
  note: 'The note must be 5,000 characters or fewer',
};

export const CORRECTION_WORDS: WordsTable = {
  note: 'Enter the corrected note, in 5,000 characters or fewer',
};
