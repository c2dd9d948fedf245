import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { getName, isValid, registerLocale } from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import ISO6391 from 'iso-639-1';

// The node entry of i18n-iso-countries registers every locale, but other entries do not.
registerLocale(english);

export const IS_ISO_COUNTRY = 'isIsoCountry';
export const IS_ISO_LANGUAGE = 'isIsoLanguage';

/**
 * Languages widely spoken by people arriving in the UK that have no ISO 639-1 code,
 * keyed by their ISO 639-3 code. Macrolanguages with a 639-1 code (fa, ku, zh, ar) are
 * not repeated here; these are the varieties people and interpreters ask for by name.
 */
export const EXTRA_LANGUAGES = {
  aii: 'Assyrian Neo-Aramaic',
  bal: 'Balochi',
  byn: 'Bilen',
  ckb: 'Kurdish (Sorani)',
  din: 'Dinka',
  hak: 'Hakka Chinese',
  haz: 'Hazaragi',
  kmr: 'Kurdish (Kurmanji)',
  kri: 'Krio',
  nus: 'Nuer',
  phr: 'Pahari-Potwari',
  prs: 'Dari',
  rom: 'Romani',
  sdh: 'Kurdish (Southern)',
  syl: 'Sylheti',
  tig: 'Tigre',
  yue: 'Cantonese',
} as const satisfies Record<string, string>;
export type ExtraLanguageCode = keyof typeof EXTRA_LANGUAGES;

/** ISO 3166-1 alpha-2, upper case only (e.g. `SO`, `GB`; `XK` Kosovo is accepted). */
export function isIsoCountryCode(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{2}$/.test(code) && isValid(code);
}

/** The English short name, or undefined for an unknown code. */
export function countryName(code: string): string | undefined {
  return isIsoCountryCode(code) ? getName(code, 'en') : undefined;
}

function isExtraLanguage(code: string): code is ExtraLanguageCode {
  return Object.hasOwn(EXTRA_LANGUAGES, code);
}

/** ISO 639-1 (e.g. `so`, `ar`), or one of `EXTRA_LANGUAGES` (ISO 639-3); lower case only. */
export function isIsoLanguageCode(code: unknown): code is string {
  return typeof code === 'string' && (ISO6391.validate(code) || isExtraLanguage(code));
}

/** The English name, or undefined for an unknown code. */
export function languageName(code: string): string | undefined {
  if (isExtraLanguage(code)) return EXTRA_LANGUAGES[code];
  return ISO6391.validate(code) ? ISO6391.getName(code) : undefined;
}

export function IsIsoCountry(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_ISO_COUNTRY,
      validator: {
        validate: (value: unknown): boolean => isIsoCountryCode(value),
        defaultMessage: buildMessage(
          (eachPrefix) =>
            `${eachPrefix}$property must be an ISO 3166-1 alpha-2 country code in capitals`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

export function IsIsoLanguage(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_ISO_LANGUAGE,
      validator: {
        validate: (value: unknown): boolean => isIsoLanguageCode(value),
        defaultMessage: buildMessage(
          (eachPrefix) => `${eachPrefix}$property must be an ISO 639 language code in lower case`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}
