import { languageName } from '../validation/iso-codes';
import type { Locale } from './locales';

const displayNames = new Map<Locale, Intl.DisplayNames>();

/**
 * A language's name in the reader's language ("Tigrinya" in English, "التغرينية" in Arabic), from
 * the runtime's CLDR data. English keeps the names staff pages use; a language CLDR does not name
 * in that locale falls back to its English name, then to its code.
 */
export function languageDisplayName(code: string, locale: Locale): string {
  const english = languageName(code) ?? code;
  if (locale === 'en') return english;
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    displayNames.set(locale, names);
  }
  try {
    return names.of(code) ?? english;
  } catch {
    return english;
  }
}
