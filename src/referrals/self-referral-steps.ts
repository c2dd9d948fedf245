import { languageName } from '../common/validation/iso-codes';
import type { FieldError } from '../common/domain-error';
import { humanLabel } from '../common/views/labels';
import { REFERRAL_FORM_OPTIONS } from './referral-form';

/** The public self-referral, one question per page, in the order people answer them. */
export const SELF_REFERRAL_STEPS = ['name', 'contact', 'language', 'help', 'consent'] as const;
export type SelfReferralStep = (typeof SELF_REFERRAL_STEPS)[number];

export type Answers = Record<string, string | string[]>;

interface StepSpec {
  title: string;
  /** The posted form fields this page owns, named as the referral form names them. */
  fields: string[];
  /** GOV.UK wording for a field left empty that must be answered. */
  whenMissing?: Record<string, string>;
}

export const STEP_SPECS: Record<SelfReferralStep, StepSpec> = {
  name: {
    title: 'What is your name?',
    fields: ['person.givenName', 'person.familyName'],
    whenMissing: { 'person.givenName': 'Enter your first name' },
  },
  contact: {
    title: 'How can a link worker contact you?',
    fields: ['person.phone', 'person.email', 'person.preferredContact', 'person.postcode'],
  },
  language: {
    title: 'Which language would you like to use?',
    fields: ['person.preferredLanguage', 'person.interpreterNeeded'],
  },
  help: {
    title: 'What would you like help with?',
    fields: ['reasons', 'summary', 'person.accessNeeds'],
    whenMissing: { reasons: 'Choose at least one thing you would like help with' },
  },
  consent: {
    title: 'Your agreement',
    fields: ['consent.referralDiscussed', 'consent.shareWithProviders'],
    whenMissing: {
      'consent.referralDiscussed': 'Confirm that you agree to be contacted by a link worker',
    },
  },
};

export const isStep = (s: string): s is SelfReferralStep =>
  (SELF_REFERRAL_STEPS as readonly string[]).includes(s);

export const stepHref = (step: SelfReferralStep) => `/self-referral/${step}`;

export function previousHref(step: SelfReferralStep): string {
  const i = SELF_REFERRAL_STEPS.indexOf(step);
  return i === 0 ? '/self-referral' : stepHref(SELF_REFERRAL_STEPS[i - 1]);
}

export function nextHref(step: SelfReferralStep): string {
  const i = SELF_REFERRAL_STEPS.indexOf(step);
  return i === SELF_REFERRAL_STEPS.length - 1
    ? '/self-referral/check'
    : stepHref(SELF_REFERRAL_STEPS[i + 1]);
}

/** Only this page's fields, as posted; an empty answer is dropped so it can be cleared. */
export function pickStepAnswers(step: SelfReferralStep, body: Record<string, unknown>): Answers {
  const picked: Answers = {};
  for (const field of STEP_SPECS[step].fields) {
    const v = body[field];
    if (typeof v === 'string' && v.trim() !== '') picked[field] = v.trim();
    else if (Array.isArray(v)) {
      const list = v.filter((x): x is string => typeof x === 'string' && x !== '');
      if (list.length) picked[field] = list;
    }
  }
  return picked;
}

const ownsField = (step: SelfReferralStep, field: string) =>
  STEP_SPECS[step].fields.some(
    (f) => field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`),
  );

/** The step whose page shows this field's error. */
export const stepOfField = (field: string): SelfReferralStep | undefined =>
  SELF_REFERRAL_STEPS.find((s) => ownsField(s, field));

/** The validation errors that belong on this page, in the wording people read. */
export function stepErrors(
  step: SelfReferralStep,
  errors: FieldError[],
  answers: Answers,
): FieldError[] {
  const missing = STEP_SPECS[step].whenMissing ?? {};
  return errors
    .filter((e) => ownsField(step, e.field))
    .map((e) => {
      const root = Object.keys(missing).find((f) => e.field === f || e.field.startsWith(`${f}[`));
      return root && answers[root] === undefined ? { field: root, message: missing[root] } : e;
    });
}

const YES_NO: Record<string, string> = { yes: 'Yes', no: 'No' };
const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);

/** "Check your answers" rows, each with a link back to the page that asked. */
export function checkAnswerRows(a: Answers) {
  const row = (key: string, step: SelfReferralStep, value?: string, lines?: string[]) => ({
    key,
    value,
    lines,
    action: {
      href: `${stepHref(step)}?change=true`,
      text: 'Change',
      visuallyHiddenText: key.toLowerCase(),
    },
  });
  const reasons = ([] as string[]).concat(a.reasons ?? []);
  const language = text(a['person.preferredLanguage']);
  return [
    row(
      'Name',
      'name',
      [text(a['person.givenName']), text(a['person.familyName'])].filter(Boolean).join(' '),
    ),
    row('Phone number', 'contact', text(a['person.phone'])),
    row('Email address', 'contact', text(a['person.email'])),
    row('Best way to contact you', 'contact', label(a['person.preferredContact'])),
    row('Postcode', 'contact', text(a['person.postcode'])?.toUpperCase()),
    row('Language', 'language', language ? (languageName(language) ?? language) : undefined),
    row('Interpreter needed', 'language', YES_NO[text(a['person.interpreterNeeded']) ?? '']),
    row(
      'Help with',
      'help',
      undefined,
      reasons.map((r) => humanLabel(r)),
    ),
    row('Anything else you told us', 'help', text(a.summary)),
    row('Access needs', 'help', text(a['person.accessNeeds'])),
    row(
      'Agree to be contacted',
      'consent',
      text(a['consent.referralDiscussed']) === 'true' ? 'Yes' : undefined,
    ),
    row(
      'Share your details with a group you join',
      'consent',
      YES_NO[text(a['consent.shareWithProviders']) ?? ''],
    ),
  ];
}

const label = (v: string | string[] | undefined) => {
  const t = text(v);
  return t ? humanLabel(t) : undefined;
};

/** The choices the question pages offer. */
export const SELF_REFERRAL_OPTIONS = {
  ...REFERRAL_FORM_OPTIONS,
  consentItems: [
    { value: 'true', text: 'I agree to be contacted by a link worker about this request' },
  ],
};
