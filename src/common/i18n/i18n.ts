import { Logger } from '@nestjs/common';
import { LOCALE_FILES } from './locale-files';
import { DEFAULT_LOCALE, directionOf, isLocale, PERSON_LOCALES, type Locale } from './locales';
import { MessageCatalogue, type MessageProblem, type MessageValues } from './message-catalogue';

const logger = new Logger('i18n');

function logProblem({ kind, locale, key, error }: MessageProblem): void {
  if (kind === 'missing') {
    logger.warn(`Message "${key}" is missing in ${locale}; English is shown instead`);
  } else if (kind === 'missing_everywhere') {
    logger.error(`Message "${key}" is missing in ${locale} and in English; its key is shown`);
  } else {
    logger.error(
      `Message "${key}" in ${locale} could not be formatted: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The application's messages: every locale file, loaded at start. */
export const messages = new MessageCatalogue(LOCALE_FILES, logProblem);

/**
 * A message for a person, in their language: for letters, texts and anything else a service writes.
 * An unknown locale gets English.
 *
 *   translate('ar', 'sms.appointmentReminder', { linkWorkerName, when, place, phone })
 */
export function translate(locale: string, key: string, values?: MessageValues): string {
  return messages.t(isLocale(locale) ? locale : DEFAULT_LOCALE, key, values);
}

/** `translate` with the locale bound, for code that writes many messages in one language. */
export type Translate = (key: string, values?: MessageValues) => string;
export const translatorFor =
  (locale: Locale): Translate =>
  (key, values) =>
    messages.t(locale, key, values);

export interface LocaleInfo {
  code: Locale;
  /** Its own name: "العربية", "ትግርኛ". */
  name: string;
  englishName: string;
  dir: 'ltr' | 'rtl';
  review: (typeof LOCALE_FILES)[Locale]['meta']['review'];
}

export function localeInfo(locale: Locale): LocaleInfo {
  const meta = messages.meta(locale);
  return {
    code: locale,
    name: meta.name,
    englishName: meta.englishName,
    dir: directionOf(locale),
    review: meta.review,
  };
}

/** Every locale in the order the language picker lists them. */
export const allLocales = (): LocaleInfo[] => PERSON_LOCALES.map(localeInfo);
