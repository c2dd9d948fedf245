/**
 * The languages the person-facing pages, letters and texts are written in (DESIGN: "Person-facing
 * locales"). Codes are BCP 47 / ISO 639: `ckb` is Kurdish (Sorani), which has no two-letter code.
 */
export const PERSON_LOCALES = [
  'en',
  'ar',
  'fa',
  'ckb',
  'ps',
  'ti',
  'so',
  'pl',
  'ro',
  'uk',
] as const;
export type Locale = (typeof PERSON_LOCALES)[number];

/** English is the source every translation is made from, and the fallback for a missing message. */
export const DEFAULT_LOCALE: Locale = 'en';

const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set(['ar', 'fa', 'ckb', 'ps']);

export type TextDirection = 'ltr' | 'rtl';

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (PERSON_LOCALES as readonly string[]).includes(value);

export const directionOf = (locale: Locale): TextDirection =>
  RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
