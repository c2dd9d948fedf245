import { getAlpha2Codes, getName } from 'i18n-iso-countries';
import ISO6391 from 'iso-639-1';
import {
  countryName,
  EXTRA_LANGUAGES,
  isIsoCountryCode,
  isIsoLanguageCode,
  languageName,
} from '../validation/iso-codes';

/**
 * Languages and countries as staff choose them: by name, in English or in the language's (or the
 * country's) own words, never by code. Codes stay in the API and the database; the pages offer a
 * `<select>` of names that accessible-autocomplete enhances, and a name typed where a code was
 * expected is understood.
 */
export interface CodeChoice {
  value: string;
  /** "Tigrinya (ትግርኛ)": what the list shows and what typing matches. */
  text: string;
  /** Other names people type for it ("Farsi"), matched too. */
  also?: string;
}

/** Names people and interpreters use that are neither the English nor the language's own. */
const LANGUAGE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  fa: ['Farsi'],
  ckb: ['Sorani'],
  kmr: ['Kurmanji', 'Badini'],
  ti: ['Tigrigna'],
  pa: ['Punjabi'],
  prs: ['Afghan Persian'],
};

const ENGLISH_REGIONS = new Intl.DisplayNames(['en-GB'], { type: 'region', fallback: 'none' });

function ownName(type: 'language' | 'region', locale: string, code: string): string | undefined {
  try {
    return new Intl.DisplayNames([locale], { type, fallback: 'none' }).of(code) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The language's name in itself ("ትግርኛ" for Tigrinya), when it is written differently from English. */
export function languageOwnName(code: string): string | undefined {
  const english = languageName(code);
  const own = ISO6391.validate(code)
    ? ISO6391.getNativeName(code)
    : // CLDR names some of the extra languages only in English; keep the ones in their own script.
      [ownName('language', code, code)].find((n) => n && /[^\x20-\x7e]/.test(n));
  return own && own.toLowerCase() !== english?.toLowerCase() ? own : undefined;
}

/** A country's everyday English name ("Syria", "Iran"), or undefined for an unknown code. */
export function countryDisplayName(code: string): string | undefined {
  if (!isIsoCountryCode(code)) return undefined;
  return ENGLISH_REGIONS.of(code) ?? countryName(code);
}

/** The country's name in its main language ("ኤርትራ" for Eritrea), when that differs from English. */
export function countryOwnName(code: string): string | undefined {
  const language = new Intl.Locale(`und-${code}`).maximize().language;
  const own = ownName('region', language, code);
  const english = countryDisplayName(code);
  return own && own.toLowerCase() !== english?.toLowerCase() ? own : undefined;
}

/** "Tigrinya (ትግርኛ)"; "Kurdish (Sorani) – کوردیی ناوەندی" where the English has brackets already. */
const withOwn = (english: string, own: string | undefined) =>
  !own ? english : english.includes('(') ? `${english} – ${own}` : `${english} (${own})`;

const byText = (a: CodeChoice, b: CodeChoice) => a.text.localeCompare(b.text, 'en-GB');

const LANGUAGE_CODES = [...ISO6391.getAllCodes(), ...Object.keys(EXTRA_LANGUAGES)];

let languages: CodeChoice[] | undefined;
let countries: CodeChoice[] | undefined;

/** Every language Linkway knows, by English name with its own name beside it. */
export function languageChoices(): readonly CodeChoice[] {
  languages ??= LANGUAGE_CODES.map((value) => ({
    value,
    text: withOwn(languageName(value) ?? value, languageOwnName(value)),
    ...(LANGUAGE_ALIASES[value] ? { also: LANGUAGE_ALIASES[value].join(', ') } : {}),
  })).sort(byText);
  return languages;
}

/** Every country (ISO 3166-1), by English name with its name in its main language beside it. */
export function countryChoices(): readonly CodeChoice[] {
  countries ??= Object.keys(getAlpha2Codes())
    .filter(isIsoCountryCode)
    .map((value) => ({
      value,
      text: withOwn(countryDisplayName(value) ?? value, countryOwnName(value)),
    }))
    .sort(byText);
  return countries;
}

/** Accents and case aside: "Română" and "romana" are the same name. */
const fold = (s: string) =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

function index(entries: [string, (string | undefined)[]][]): Map<string, string> {
  const found = new Map<string, string>();
  for (const [code, names] of entries) {
    for (const name of names) if (name && !found.has(fold(name))) found.set(fold(name), code);
  }
  return found;
}

let languageIndex: Map<string, string> | undefined;
let countryIndex: Map<string, string> | undefined;

/**
 * The code of a language given by code ("ti"), by name in English ("Tigrinya") or in itself
 * ("ትግርኛ"), or as the list shows it ("Tigrinya (ትግርኛ)"); undefined when it is none of these.
 */
export function languageCodeFor(typed: unknown): string | undefined {
  if (typeof typed !== 'string' || !typed.trim()) return undefined;
  if (isIsoLanguageCode(typed.trim().toLowerCase())) return typed.trim().toLowerCase();
  languageIndex ??= index(
    languageChoices().map((c) => [
      c.value,
      [
        c.text,
        languageName(c.value),
        ...(languageOwnName(c.value) ?? '').split(/\s*[,;]\s*/),
        ownName('language', 'en', c.value),
        ...(LANGUAGE_ALIASES[c.value] ?? []),
      ],
    ]),
  );
  return languageIndex.get(fold(typed));
}

/**
 * The ISO 3166-1 alpha-2 code of a country given by code ("er"), by any of its English names
 * ("Eritrea", "Syrian Arab Republic"), by its name in its main language, or as the list shows it.
 */
export function countryCodeFor(typed: unknown): string | undefined {
  if (typeof typed !== 'string' || !typed.trim()) return undefined;
  if (isIsoCountryCode(typed.trim().toUpperCase())) return typed.trim().toUpperCase();
  countryIndex ??= index(
    countryChoices().map((c) => [
      c.value,
      [
        c.text,
        countryDisplayName(c.value),
        countryOwnName(c.value),
        ...(getName(c.value, 'en', { select: 'all' }) ?? []),
      ],
    ]),
  );
  return countryIndex.get(fold(typed));
}

/**
 * Languages posted from several lists (one `<select>` each) or typed as a comma list, as codes:
 * each name or code resolved, blanks dropped, each once. What matches nothing is kept as typed,
 * so validation names it.
 */
export function languageCodesFrom(posted: unknown): string[] {
  const raw = (Array.isArray(posted) ? posted : [posted])
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(/\s*[,;]\s*/))
    .map((v) => v.trim())
    .filter(Boolean);
  return [...new Set(raw.map((v) => languageCodeFor(v) ?? v.toLowerCase()))];
}

export interface ChoiceSlot {
  id: string;
  label: string;
  value: string;
}

/**
 * One list per language chosen, and `spare` empty ones for more (at least `least` in all): the
 * way to choose several languages without JavaScript. The first list's id is the field's, so an
 * error summary's link lands on it.
 */
export function languageSlots(name: string, chosen: readonly string[], spare = 2, least = 3) {
  const count = Math.max(chosen.length + spare, least);
  return Array.from({ length: count }, (_, i): ChoiceSlot => ({
    id: i === 0 ? name : `${name}-${i + 1}`,
    label: `Language ${i + 1}`,
    value: chosen[i] ?? '',
  }));
}
