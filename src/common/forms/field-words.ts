import type { FieldError } from '../domain-error';
import { humanLabel } from '../views/labels';

/**
 * A validation problem with the rule it broke: class-validator's constraint name (`maxLength`,
 * `isIn`…), or `isDefined` for a field that was not given at all. Services' field errors have no
 * rule: their messages are already written for people.
 */
export interface FieldProblem extends FieldError {
  rule?: string;
  /** Nothing was given (absent, blank or an empty list), whichever rule noticed. */
  empty?: boolean;
  /** An empty field is a choice (radios, a select, checkboxes), so it is "selected". */
  choice?: boolean;
}

/**
 * How a page says what is wrong with one field, GOV.UK style ("Enter a date of birth", "Date of
 * birth must be in the past"). A string is said whatever the rule; an object names messages by
 * rule (`missing` is a field left empty, whichever rule noticed), with `otherwise` for the rest.
 */
export type FieldWords =
  | string
  | ({ otherwise: string; missing?: string } & { readonly [rule: string]: string | undefined });

/** A form's (or a DTO's) words, by field path as the DTO names it (`person.dateOfBirth`). */
export type WordsTable = Readonly<Record<string, FieldWords>>;

/** Rules that mean "nothing was given", whatever else the field would also have failed. */
const EMPTY_RULES = new Set(['isDefined', 'isNotEmpty', 'arrayNotEmpty']);
const CHOICE_RULES = new Set([
  'isIn',
  'isEnum',
  'isBoolean',
  'isUuid',
  'isIsoCountry',
  'isIsoLanguage',
  'arrayMinSize',
  'equals',
]);
const DATE_RULES = new Set(['isDateString', 'isIso8601', 'isDate', 'isRealDate']);

/** Whether a broken rule is a choice the person makes from a list, rather than text they type. */
export const isChoiceRule = (rule: string): boolean => CHOICE_RULES.has(rule);

/** "person.dateOfBirth" → "Date of birth"; "nhsNumber" → "NHS number". */
export function fieldLabel(field: string): string {
  const last = field.split('.').pop() ?? field;
  return humanLabel(last.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
}

/** The label as it reads inside a sentence: "the date of birth", "the NHS number". */
function inSentence(label: string): string {
  const [first, ...rest] = label.split(' ');
  const keep = first.length > 1 && first === first.toUpperCase();
  return ['the', keep ? first : first.toLowerCase(), ...rest].join(' ');
}

const firstNumber = (message: string): string | undefined => /\d+/.exec(message)?.[0];

/**
 * Plain words for a validation problem no form has words for, naming the field first so it reads
 * on its own in an error summary. Never class-validator's own text.
 */
export function plainWords(p: FieldProblem): string {
  const label = fieldLabel(p.field);
  const rule = p.rule ?? '';
  const n = firstNumber(p.message);
  if (p.empty || EMPTY_RULES.has(rule)) {
    return p.choice ? `Select ${inSentence(label)}` : `${label} is required`;
  }
  if (DATE_RULES.has(rule)) return `${label} must be a real date`;
  if (rule === 'isPastDate') return `${label} must be a real date in the past`;
  if (CHOICE_RULES.has(rule)) {
    return rule === 'arrayMinSize'
      ? `Select at least one option for ${inSentence(label)}`
      : `${label} must be chosen from the list`;
  }
  switch (rule) {
    case 'maxLength':
      return `${label} must be ${n} characters or fewer`;
    case 'minLength':
      return `${label} must be ${n} characters or more`;
    case 'arrayMaxSize':
      return `Select no more than ${n} options for ${inSentence(label)}`;
    case 'isInt':
    case 'isNumber':
      return `${label} must be a whole number`;
    case 'min':
      return `${label} must be ${n} or more`;
    case 'max':
      return `${label} must be ${n} or less`;
    case 'isEmail':
      return `Enter ${inSentence(label)} in the correct format, like name@example.com`;
    case 'arrayUnique':
      return `Select each option for ${inSentence(label)} only once`;
    default:
      return `Enter ${inSentence(label)} in the correct format`;
  }
}

/** The words a table has for this problem, if any. */
export function tableWords(p: FieldProblem, table: WordsTable | undefined): string | undefined {
  const words = table && Object.hasOwn(table, p.field) ? table[p.field] : undefined;
  if (words === undefined) return undefined;
  if (typeof words === 'string') return words;
  const rule = p.rule ?? '';
  if ((p.empty || EMPTY_RULES.has(rule)) && words.missing) return words.missing;
  return (rule && Object.hasOwn(words, rule) ? words[rule] : undefined) ?? words.otherwise;
}

/**
 * One problem in a page's words: the table's for its field, else plain words for the rule it
 * broke, else (a service's field error, already written for people) the message after the
 * field's label: "Date must be today or in the past".
 */
export function inPageWords(p: FieldProblem, table?: WordsTable): FieldError {
  const message =
    tableWords(p, table) ?? (p.rule ? plainWords(p) : `${fieldLabel(p.field)} ${p.message}`);
  return { field: p.field, message };
}
