import {
  INTERPRETER_GENDER_CHOICES,
  INTERPRETER_MODE_CHOICES,
  interpreterFrom,
} from '../common/forms/interpreter-form';
import { languageChoices, languageCodeFor } from '../common/i18n/code-choices';
import { equityOptions } from '../common/views/equity-options';
import {
  NEEDS_DOMAINS,
  REFERRAL_CHANNELS,
  REFERRAL_DECLINE_REASONS,
  URGENCIES,
} from '../common/vocabulary';
import { humanLabel } from '../common/views/labels';
import { CONTACT_METHODS, CONTACT_OUTCOMES, PREFERRED_CONTACT_METHODS } from './referral.types';

type Form = Record<string, unknown>;

const str = (v: unknown): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
};
const yesNo = (v: unknown): boolean | undefined =>
  str(v) === 'yes' ? true : str(v) === 'no' ? false : undefined;
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string' && x !== '',
  );

/** A language chosen or typed by name, as its code; what matches nothing is kept for validation. */
const byName = (typed: string | undefined) =>
  typed ? (languageCodeFor(typed) ?? typed) : undefined;

/** Day, month and year boxes as YYYY-MM-DD; a part-filled date stays invalid so it is reported. */
export function dateFrom(form: Form, name: string): string | undefined {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => str(form[`${name}-${p}`]));
  if (!d && !m && !y) return undefined;
  if (!d || !m || !y || !/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y))
    return 'incomplete';
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** A posted referral form (flat, dotted names, strings) in the shape the referral DTO checks. */
export function shapeReferralForm(form: Form, withChannel: boolean): Form {
  const shaped: Form = {
    referrerName: str(form.referrerName),
    referrerContact: str(form.referrerContact),
    person: {
      givenName: str(form['person.givenName']) ?? '',
      familyName: str(form['person.familyName']),
      dateOfBirth: dateFrom(form, 'person.dateOfBirth'),
      postcode: str(form['person.postcode']),
      phone: str(form['person.phone']),
      email: str(form['person.email']),
      sex: str(form['person.sex']),
      ethnicity: str(form['person.ethnicity']),
      religion: str(form['person.religion']),
      preferredContact: str(form['person.preferredContact']),
      preferredLanguage: byName(str(form['person.preferredLanguage'])),
      interpreterNeeded: yesNo(form['person.interpreterNeeded']),
      interpreter: interpreterFrom(form, 'person.interpreter'),
      gpRegistered: yesNo(form['person.gpRegistered']),
      nhsNumber: str(form['person.nhsNumber']),
      accessNeeds: str(form['person.accessNeeds']),
    },
    reasons: list(form.reasons),
    summary: str(form.summary),
    urgency: str(form.urgency),
    consent: {
      referralDiscussed: str(form['consent.referralDiscussed']) === 'true',
      shareWithProviders: yesNo(form['consent.shareWithProviders']) ?? false,
    },
  };
  if (withChannel) shaped.channel = str(form.channel) ?? '';
  return shaped;
}

const choices = (codes: readonly string[]) =>
  codes.map((value) => ({ value, text: humanLabel(value) }));

/** The choices every referral form offers, labelled for people. */
export const REFERRAL_FORM_OPTIONS = {
  channels: [{ value: '', text: 'Choose how the referral came' }, ...choices(REFERRAL_CHANNELS)],
  reasons: choices(NEEDS_DOMAINS),
  urgencies: [
    { value: 'routine', text: 'Routine', hint: 'Contact within 2 weeks' },
    { value: 'soon', text: 'Soon', hint: 'Contact within a week' },
    { value: 'urgent', text: 'Urgent', hint: 'Contact within 2 working days' },
  ].filter((u) => (URGENCIES as readonly string[]).includes(u.value)),
  preferredContact: choices(PREFERRED_CONTACT_METHODS),
  interpreterGenders: INTERPRETER_GENDER_CHOICES,
  interpreterModes: INTERPRETER_MODE_CHOICES,
  languages: [{ value: '', text: 'Choose a language' }, ...languageChoices()],
  yesNo: [
    { value: 'yes', text: 'Yes' },
    { value: 'no', text: 'No' },
  ],
  ...equityOptions(),
  declineReasons: choices(REFERRAL_DECLINE_REASONS),
  contactMethods: choices(CONTACT_METHODS),
  contactOutcomes: choices(CONTACT_OUTCOMES),
};

/** Wording of the referrer's form. */
export const REFERRAL_FORM_COPY = {
  referrer: {
    givenNameAutocomplete: 'off',
    postcodeAutocomplete: 'off',
    summaryLabel: 'Summary',
    button: 'Send referral',
    consentItems: [
      {
        value: 'true',
        text: 'I have discussed this referral with the person and they agree to it',
      },
    ],
    shareLegend:
      'Have they agreed that their details may be shared with community groups? (optional)',
  },
};
