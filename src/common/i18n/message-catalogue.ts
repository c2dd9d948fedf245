import i18next, { type i18n } from 'i18next';
import ICU, { type IcuFormats } from 'i18next-icu';
import type { LocaleFile, LocaleMeta } from './locale-files';
import { DEFAULT_LOCALE, isLocale, PERSON_LOCALES, type Locale } from './locales';

/** Values for a message's ICU placeholders: `{name}`, `{when, date, long}`, `{n, plural, …}`. */
export type MessageValues = Record<string, unknown>;

/**
 * A message that could not be given as written: `missing` fell back to English, `missing_everywhere`
 * (not even in English) shows its key, `unformattable` (an ICU error, such as a value not passed)
 * shows the message's raw text.
 */
export interface MessageProblem {
  kind: 'missing' | 'missing_everywhere' | 'unformattable';
  locale: Locale;
  key: string;
  error?: unknown;
}

const NAMESPACE = 'translation';
const UK_TIME_ZONE = 'Europe/London';

/**
 * Dates and times in messages are for people in the UK: London time, on the Gregorian calendar
 * (fa and ps would otherwise default to the Solar Hijri one), each locale's own words and digits.
 */
const ICU_FORMATS = {
  date: {
    long: { day: 'numeric', month: 'long', year: 'numeric', timeZone: UK_TIME_ZONE },
    full: {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: UK_TIME_ZONE,
    },
  },
  time: { short: { hour: '2-digit', minute: '2-digit', timeZone: UK_TIME_ZONE } },
} satisfies IcuFormats;

/** ICU locale for formatting: British English, and the Gregorian calendar everywhere. */
const icuLocale = (lng: string) => `${lng === 'en' ? 'en-GB' : lng}-u-ca-gregory`;

/**
 * The person-facing messages of every locale, on i18next with ICU MessageFormat. A message missing
 * from a locale is given in English and reported (once per key and locale, by `report`), so a gap
 * in a translation never shows a person a key.
 */
export class MessageCatalogue {
  readonly i18n: i18n;
  private readonly reported = new Set<string>();

  constructor(
    private readonly files: Readonly<Record<Locale, LocaleFile>>,
    private readonly report: (problem: MessageProblem) => void,
  ) {
    this.i18n = i18next.createInstance();
    void this.i18n
      .use(
        new ICU({
          formats: ICU_FORMATS,
          parseLngForICU: icuLocale,
          // Messages may be replaced at run time (tests do): compiled ones must not outlive them.
          bindI18nStore: 'added removed',
          parseErrorHandler: (error, key, raw, options) => {
            const lng = (options as { lng?: unknown }).lng;
            this.once({
              kind: 'unformattable',
              locale: isLocale(lng) ? lng : DEFAULT_LOCALE,
              key,
              error,
            });
            return raw;
          },
        }),
      )
      .init({
        initAsync: false,
        resources: Object.fromEntries(
          PERSON_LOCALES.map((l) => [l, { [NAMESPACE]: files[l].messages }]),
        ),
        lng: DEFAULT_LOCALE,
        fallbackLng: DEFAULT_LOCALE,
        supportedLngs: [...PERSON_LOCALES],
        load: 'currentOnly',
        ns: [NAMESPACE],
        defaultNS: NAMESPACE,
        nsSeparator: false,
        returnNull: false,
        returnEmptyString: false,
        returnObjects: false,
      });
  }

  /** The message `key` in `locale` (English when the locale lacks it), with `values` filled in. */
  t(locale: Locale, key: string, values: MessageValues = {}): string {
    const lng = isLocale(locale) ? locale : DEFAULT_LOCALE;
    if (!this.has(lng, key)) {
      this.once({
        kind: this.has(DEFAULT_LOCALE, key) ? 'missing' : 'missing_everywhere',
        locale: lng,
        key,
      });
    }
    return this.i18n.t(key, { ...values, lng });
  }

  /** Whether `locale` itself has the message (not counting the English fallback). */
  has(locale: Locale, key: string): boolean {
    return typeof this.i18n.getResource(locale, NAMESPACE, key) === 'string';
  }

  meta(locale: Locale): LocaleMeta {
    return this.files[locale].meta;
  }

  private once(problem: MessageProblem): void {
    const id = `${problem.kind}\u0000${problem.locale}\u0000${problem.key}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    this.report(problem);
  }
}
