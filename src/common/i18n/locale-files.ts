import type { Locale, TextDirection } from './locales';
import ar from './locales/ar.json';
import ckb from './locales/ckb.json';
import en from './locales/en.json';
import fa from './locales/fa.json';
import pl from './locales/pl.json';
import ps from './locales/ps.json';
import ro from './locales/ro.json';
import so from './locales/so.json';
import ti from './locales/ti.json';
import uk from './locales/uk.json';

/**
 * Whether a native speaker has checked a locale's messages. Every translation stays `draft` until
 * one has, and then records who and when.
 */
export interface ReviewStatus {
  status: 'draft' | 'reviewed';
  reviewedBy: string | null;
  /** YYYY-MM-DD */
  reviewedOn: string | null;
  note: string;
}

export interface LocaleMeta {
  locale: Locale;
  /** The language's own name, as its speakers write it (shown in the language picker). */
  name: string;
  englishName: string;
  direction: TextDirection;
  review: ReviewStatus;
}

/** Messages are ICU MessageFormat strings, grouped by area ("selfReferral.name.title"). */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

export interface LocaleFile {
  meta: LocaleMeta;
  messages: MessageTree;
}

/**
 * Every locale's file, loaded with the code (synchronously, once, at start). One file per locale
 * keeps a locale's review status beside every message it covers.
 */
export const LOCALE_FILES: Readonly<Record<Locale, LocaleFile>> = {
  en: en as LocaleFile,
  ar: ar as LocaleFile,
  fa: fa as LocaleFile,
  ckb: ckb as LocaleFile,
  ps: ps as LocaleFile,
  ti: ti as LocaleFile,
  so: so as LocaleFile,
  pl: pl as LocaleFile,
  ro: ro as LocaleFile,
  uk: uk as LocaleFile,
};

/** "selfReferral.name.title" for every message of a tree. */
export function messageKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : messageKeys(value, `${prefix}${key}.`),
  );
}
