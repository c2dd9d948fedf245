import { languageCodeFor } from '../i18n/code-choices';

type Form = Record<string, unknown>;

const text = (v: unknown): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
};

/**
 * What a person would like of an interpreter, from a form's `<prefix>.language`, `.dialect`,
 * `.gender` and `.mode` fields (the `interpreter-preferences` partial), shaped as the API's
 * `interpreter` object; undefined when the form says nothing about it. A language may be chosen or
 * typed by name; one that matches nothing is kept as typed, so validation names it.
 */
export function interpreterFrom(form: Form, prefix: string) {
  const typed = text(form[`${prefix}.language`]);
  const preferences = {
    language: typed ? (languageCodeFor(typed) ?? typed) : undefined,
    dialect: text(form[`${prefix}.dialect`]),
    gender: text(form[`${prefix}.gender`]),
    mode: text(form[`${prefix}.mode`]),
  };
  return Object.values(preferences).some((v) => v !== undefined) ? preferences : undefined;
}

/** An interpreter wish as the form shows it again: `<prefix>.language` and so on. */
export function interpreterValues(
  prefs: Record<string, unknown> | null | undefined,
  prefix: string,
): Record<string, unknown> {
  if (!prefs) return {};
  return Object.fromEntries(
    ['language', 'dialect', 'gender', 'mode'].map((k) => [`${prefix}.${k}`, prefs[k] ?? undefined]),
  );
}

/** Who the person would like as an interpreter and how, as staff forms offer them. */
export const INTERPRETER_GENDER_CHOICES = [
  { value: 'female', text: 'A woman' },
  { value: 'male', text: 'A man' },
  { value: 'no_preference', text: 'No preference' },
];
export const INTERPRETER_MODE_CHOICES = [
  { value: 'in_person', text: 'In person' },
  { value: 'phone', text: 'By phone' },
  { value: 'video', text: 'By video' },
];
