import ISO6391 from 'iso-639-1';
import type { FieldError } from '../common/domain-error';
import type { Translate } from '../common/i18n/i18n';
import { languageDisplayName } from '../common/i18n/language-names';
import type { Locale } from '../common/i18n/locales';
import { EXTRA_LANGUAGES } from '../common/validation/iso-codes';
import {
  ETHNIC_GROUP_DEFINITIONS,
  ETHNIC_GROUP_HEADINGS,
  ETHNIC_GROUPS,
  INTERPRETER_GENDERS,
  INTERPRETER_MODES,
  NEEDS_DOMAINS,
  RELIGIONS,
  SEXES,
} from '../common/vocabulary';
import { PREFERRED_CONTACT_METHODS } from './referral.types';

/** The public self-referral, one question per page, in the order people answer them. */
export const SELF_REFERRAL_STEPS = ['name', 'contact', 'language', 'help', 'consent'] as const;
/**
 * Equality questions, never required: reached from "Check your answers" (as an optional
 * section, after the request itself is complete), each page returning there in the end.
 */
export const OPTIONAL_STEPS = ['sex', 'ethnicity', 'religion'] as const;
const ALL_STEPS = [...SELF_REFERRAL_STEPS, ...OPTIONAL_STEPS] as const;
export type SelfReferralStep = (typeof ALL_STEPS)[number];
export const isOptionalStep = (s: SelfReferralStep) =>
  (OPTIONAL_STEPS as readonly string[]).includes(s);

export type Answers = Record<string, string | string[]>;

/** The message keys of a field's errors: `missing` when it was left empty, `invalid` otherwise. */
interface FieldWords {
  missing?: string;
  invalid: string;
}

interface StepSpec {
  /** Message key of the page's question. */
  title: string;
  /** The posted form fields this page owns, named as the referral form names them. */
  fields: string[];
  /** What people read when a field's answer cannot be taken (never the validator's text). */
  errors: Record<string, FieldWords>;
}

const error = (name: string) => `selfReferral.errors.${name}`;

const optional = (name: 'sex' | 'ethnicity' | 'religion'): StepSpec => ({
  title: `selfReferral.${name}.title`,
  fields: [`person.${name}`],
  errors: { [`person.${name}`]: { invalid: error('answerNotListed') } },
});

export const STEP_SPECS: Record<SelfReferralStep, StepSpec> = {
  sex: optional('sex'),
  ethnicity: optional('ethnicity'),
  religion: optional('religion'),
  name: {
    title: 'selfReferral.name.title',
    fields: ['person.givenName', 'person.familyName'],
    errors: {
      'person.givenName': {
        missing: error('givenNameMissing'),
        invalid: error('givenNameTooLong'),
      },
      'person.familyName': { invalid: error('familyNameTooLong') },
    },
  },
  contact: {
    title: 'selfReferral.contact.title',
    fields: ['person.phone', 'person.email', 'person.preferredContact', 'person.postcode'],
    errors: {
      'person.phone': { invalid: error('phoneInvalid') },
      'person.email': { invalid: error('emailInvalid') },
      'person.preferredContact': { invalid: error('preferredContactInvalid') },
      'person.postcode': { invalid: error('postcodeInvalid') },
    },
  },
  language: {
    title: 'selfReferral.language.title',
    fields: [
      'person.preferredLanguage',
      'person.interpreterNeeded',
      'person.interpreter.language',
      'person.interpreter.dialect',
      'person.interpreter.gender',
      'person.interpreter.mode',
    ],
    errors: {
      'person.preferredLanguage': { invalid: error('languageInvalid') },
      'person.interpreterNeeded': { invalid: error('interpreterInvalid') },
      'person.interpreter.language': { invalid: error('interpreterLanguageInvalid') },
      'person.interpreter.dialect': { invalid: error('dialectTooLong') },
      'person.interpreter.gender': { invalid: error('interpreterGenderInvalid') },
      'person.interpreter.mode': { invalid: error('interpreterModeInvalid') },
    },
  },
  help: {
    title: 'selfReferral.help.title',
    fields: ['reasons', 'summary', 'person.accessNeeds'],
    errors: {
      reasons: { missing: error('reasonsMissing'), invalid: error('reasonsInvalid') },
      summary: { invalid: error('summaryTooLong') },
      'person.accessNeeds': { invalid: error('accessNeedsTooLong') },
    },
  },
  consent: {
    title: 'selfReferral.consent.title',
    fields: ['consent.referralDiscussed', 'consent.shareWithProviders'],
    errors: {
      'consent.referralDiscussed': {
        missing: error('agreeMissing'),
        invalid: error('agreeMissing'),
      },
      'consent.shareWithProviders': { invalid: error('shareInvalid') },
    },
  },
};

export const isStep = (s: string): s is SelfReferralStep =>
  (ALL_STEPS as readonly string[]).includes(s);

export const stepHref = (step: SelfReferralStep) => `/self-referral/${step}`;

/** A page of the journey named in a query (`?from=contact`): a question, the check page, or the start. */
export function journeyHref(page: unknown): string {
  if (typeof page === 'string' && isStep(page)) return stepHref(page);
  return page === 'check' ? '/self-referral/check' : '/self-referral';
}

/** The step's list: the numbered questions, or the optional ones after "Check your answers". */
const stepsOf = (step: SelfReferralStep): readonly SelfReferralStep[] =>
  isOptionalStep(step) ? OPTIONAL_STEPS : SELF_REFERRAL_STEPS;

/** Where the step stands in its list: 1-based, and how many there are. */
export function stepPosition(step: SelfReferralStep): { number: number; count: number } {
  const steps = stepsOf(step);
  return { number: steps.indexOf(step) + 1, count: steps.length };
}

export function previousHref(step: SelfReferralStep): string {
  const steps = stepsOf(step);
  const i = steps.indexOf(step);
  if (i > 0) return stepHref(steps[i - 1]);
  return isOptionalStep(step) ? '/self-referral/check' : '/self-referral';
}

export function nextHref(step: SelfReferralStep): string {
  const steps = stepsOf(step);
  const i = steps.indexOf(step);
  return i === steps.length - 1 ? '/self-referral/check' : stepHref(steps[i + 1]);
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

/** The page field a validation error's path belongs to ("reasons" for "reasons.0"). */
const fieldOf = (step: SelfReferralStep, path: string) =>
  STEP_SPECS[step].fields.find(
    (f) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`),
  );

/** The step whose page shows this field's error. */
export const stepOfField = (field: string): SelfReferralStep | undefined =>
  ALL_STEPS.find((s) => fieldOf(s, field) !== undefined);

/** The validation errors that belong on this page, in the words of the person's language. */
export function stepErrors(
  step: SelfReferralStep,
  errors: FieldError[],
  answers: Answers,
  t: Translate,
): FieldError[] {
  const spec = STEP_SPECS[step];
  return errors.flatMap((e) => {
    const field = fieldOf(step, e.field);
    if (!field) return [];
    const words = spec.errors[field];
    const key = !words
      ? error('other')
      : answers[field] === undefined && words.missing
        ? words.missing
        : words.invalid;
    return [{ field, message: t(key) }];
  });
}

/** The person's answers with the language they chose for the pages as their preferred one, if they named none. */
export function withChosenLanguage(answers: Answers, chosen: Locale | undefined): Answers {
  return chosen && answers['person.preferredLanguage'] === undefined
    ? { ...answers, 'person.preferredLanguage': chosen }
    : answers;
}

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);
const isOneOf = <T extends string>(list: readonly T[], v: string | undefined): v is T =>
  v !== undefined && (list as readonly string[]).includes(v);

/** "Check your answers" rows, each with a link back to the page that asked. */
export function checkAnswerRows(a: Answers, t: Translate, locale: Locale) {
  const row = (name: string, step: SelfReferralStep, value?: string, lines?: string[]) => {
    const key = t(`selfReferral.check.rows.${name}`);
    return {
      key,
      value,
      lines,
      action: {
        href: `${stepHref(step)}?change=true`,
        text: t('common.change'),
        visuallyHiddenText: key.toLocaleLowerCase(locale),
      },
    };
  };
  const yesNo = (v: string | undefined) =>
    v === 'yes' ? t('common.yes') : v === 'no' ? t('common.no') : undefined;
  const contact = text(a['person.preferredContact']);
  const language = text(a['person.preferredLanguage']);
  const interpreterLanguage = text(a['person.interpreter.language']);
  const gender = text(a['person.interpreter.gender']);
  const mode = text(a['person.interpreter.mode']);
  const wantsInterpreter = text(a['person.interpreterNeeded']) === 'yes';
  const reasons = ([] as string[]).concat(a.reasons ?? []);
  return [
    row(
      'name',
      'name',
      [text(a['person.givenName']), text(a['person.familyName'])].filter(Boolean).join(' '),
    ),
    row('phone', 'contact', text(a['person.phone'])),
    row('email', 'contact', text(a['person.email'])),
    row(
      'preferredContact',
      'contact',
      isOneOf(PREFERRED_CONTACT_METHODS, contact)
        ? t(`selfReferral.contact.methods.${contact}`)
        : contact,
    ),
    row('postcode', 'contact', text(a['person.postcode'])?.toUpperCase()),
    row('language', 'language', language ? languageDisplayName(language, locale) : undefined),
    row('interpreter', 'language', yesNo(text(a['person.interpreterNeeded']))),
    // What they would like of an interpreter, only when they asked for one.
    ...(wantsInterpreter
      ? [
          row(
            'interpreterLanguage',
            'language',
            interpreterLanguage ? languageDisplayName(interpreterLanguage, locale) : undefined,
          ),
          row('dialect', 'language', text(a['person.interpreter.dialect'])),
          row(
            'interpreterGender',
            'language',
            isOneOf(INTERPRETER_GENDERS, gender)
              ? t(`selfReferral.language.genders.${gender}`)
              : gender,
          ),
          row(
            'interpreterMode',
            'language',
            isOneOf(INTERPRETER_MODES, mode) ? t(`selfReferral.language.modes.${mode}`) : mode,
          ),
        ]
      : []),
    row(
      'reasons',
      'help',
      undefined,
      reasons.map((r) => (isOneOf(NEEDS_DOMAINS, r) ? t(`selfReferral.help.reasons.${r}`) : r)),
    ),
    row('summary', 'help', text(a.summary)),
    row('accessNeeds', 'help', text(a['person.accessNeeds'])),
    row(
      'agree',
      'consent',
      text(a['consent.referralDiscussed']) === 'true' ? t('common.yes') : undefined,
    ),
    row('share', 'consent', yesNo(text(a['consent.shareWithProviders']))),
  ];
}

/** The optional answers on "Check your answers", each with a link to its page. */
export function aboutYouRows(a: Answers, t: Translate, locale: Locale) {
  const answer = (name: 'sex' | 'ethnicity' | 'religion', codes: readonly string[]) => {
    const v = text(a[`person.${name}`]);
    if (v === 'prefer_not_to_say') return t('selfReferral.aboutYou.preferNotToSay');
    return isOneOf(codes, v) ? t(`selfReferral.${name}.options.${v}`) : v;
  };
  return (
    [
      ['sex', SEXES.filter((s) => s !== 'prefer_not_to_say')],
      ['ethnicity', ETHNIC_GROUPS],
      ['religion', RELIGIONS.filter((r) => r !== 'prefer_not_to_say')],
    ] as const
  ).map(([name, codes]) => {
    const key = t(`selfReferral.check.rows.${name}`);
    return {
      key,
      value: answer(name, codes),
      action: {
        href: `${stepHref(name)}?change=true`,
        text: t('common.change'),
        visuallyHiddenText: key.toLocaleLowerCase(locale),
      },
    };
  });
}

const LANGUAGE_CODES = [...ISO6391.getAllCodes(), ...Object.keys(EXTRA_LANGUAGES)];
const languageChoices = new Map<Locale, { value: string; text: string }[]>();

/** Every language a person may name, called by its name in their language and sorted in it. */
function languagesIn(locale: Locale) {
  let choices = languageChoices.get(locale);
  if (!choices) {
    const collator = new Intl.Collator(locale);
    choices = LANGUAGE_CODES.map((value) => ({
      value,
      text: languageDisplayName(value, locale),
    })).sort((a, b) => collator.compare(a.text, b.text));
    languageChoices.set(locale, choices);
  }
  return choices;
}

/** The choices the question pages offer, in the person's language. */
export function selfReferralOptions(t: Translate, locale: Locale) {
  return {
    preferredContact: PREFERRED_CONTACT_METHODS.map((value) => ({
      value,
      text: t(`selfReferral.contact.methods.${value}`),
    })),
    reasons: NEEDS_DOMAINS.map((value) => ({
      value,
      text: t(`selfReferral.help.reasons.${value}`),
    })),
    languages: [
      { value: '', text: t('selfReferral.language.chooseLanguage') },
      ...languagesIn(locale),
    ],
    yesNo: [
      { value: 'yes', text: t('common.yes') },
      { value: 'no', text: t('common.no') },
    ],
    interpreterGenders: INTERPRETER_GENDERS.map((value) => ({
      value,
      text: t(`selfReferral.language.genders.${value}`),
    })),
    interpreterModes: INTERPRETER_MODES.map((value) => ({
      value,
      text: t(`selfReferral.language.modes.${value}`),
    })),
    consentItems: [{ value: 'true', text: t('selfReferral.consent.agree') }],
    sexes: [
      ...(['female', 'male'] as const).map((value) => ({
        value,
        text: t(`selfReferral.sex.options.${value}`),
      })),
      preferNotToSay(t),
    ],
    ethnicGroups: ETHNIC_GROUP_HEADINGS.map((heading, i) => ({
      // The first radio keeps the field's own id, which the error summary links to.
      idPrefix: i === 0 ? 'person-ethnicity' : `person-ethnicity-${heading}`,
      legend: t(`selfReferral.ethnicity.groups.${heading}`),
      items: ETHNIC_GROUP_DEFINITIONS.filter(([, h]) => h === heading).map(([value]) => ({
        value,
        text: t(`selfReferral.ethnicity.options.${value}`),
      })),
    })),
    ethnicityNotSaying: [preferNotToSay(t)],
    religions: [
      ...RELIGIONS.filter((r) => r !== 'prefer_not_to_say').map((value) => ({
        value,
        text: t(`selfReferral.religion.options.${value}`),
      })),
      preferNotToSay(t),
    ],
  };
}

const preferNotToSay = (t: Translate) => ({
  value: 'prefer_not_to_say',
  text: t('selfReferral.aboutYou.preferNotToSay'),
});
