import ISO6391 from 'iso-639-1';
import { validateSync } from 'class-validator';
import {
  countryName,
  EXTRA_LANGUAGES,
  IsIsoCountry,
  isIsoCountryCode,
  IsIsoLanguage,
  isIsoLanguageCode,
  languageName,
} from './iso-codes';

describe('isIsoCountryCode', () => {
  it.each(['GB', 'SO', 'AF', 'ER', 'SY', 'UA', 'XK'])('accepts %s', (code) => {
    expect(isIsoCountryCode(code)).toBe(true);
  });

  it.each<[unknown, string]>([
    ['gb', 'lower case'],
    ['GBR', 'alpha-3'],
    ['826', 'numeric'],
    ['UK', 'not an ISO code'],
    ['ZZ', 'unassigned'],
    ['', 'empty'],
    [' GB', 'padded'],
    [826, 'not a string'],
    [null, 'null'],
  ])('rejects %p (%s)', (code) => {
    expect(isIsoCountryCode(code)).toBe(false);
  });
});

describe('countryName', () => {
  it('gives the English name', () => {
    expect(countryName('GB')).toBe('United Kingdom');
    expect(countryName('SO')).toBe('Somalia');
    expect(countryName('XK')).toBe('Kosovo');
  });

  it('gives undefined for an unknown or badly cased code', () => {
    expect(countryName('ZZ')).toBeUndefined();
    expect(countryName('gb')).toBeUndefined();
  });
});

describe('isIsoLanguageCode', () => {
  it.each(['so', 'ar', 'fa', 'ps', 'ku', 'ti', 'am', 'ur', 'en'])(
    'accepts ISO 639-1 %s',
    (code) => {
      expect(isIsoLanguageCode(code)).toBe(true);
    },
  );

  it.each(['prs', 'ckb', 'kmr', 'tig', 'syl', 'yue'])(
    'accepts the listed 639-3 code %s',
    (code) => {
      expect(isIsoLanguageCode(code)).toBe(true);
    },
  );

  it.each(['SO', 'som', 'eng', 'xx', 'en-GB', '', 'toString', 42, undefined])(
    'rejects %p',
    (code) => {
      expect(isIsoLanguageCode(code)).toBe(false);
    },
  );

  it('adds only three-letter codes, for languages ISO 639-1 does not name', () => {
    const names = ISO6391.getAllNames();
    for (const [code, name] of Object.entries(EXTRA_LANGUAGES)) {
      expect(code).toMatch(/^[a-z]{3}$/);
      expect(names).not.toContain(name);
    }
  });
});

describe('languageName', () => {
  it('names ISO 639-1 and extra languages in English', () => {
    expect(languageName('so')).toBe('Somali');
    expect(languageName('ti')).toBe('Tigrinya');
    expect(languageName('prs')).toBe('Dari');
    expect(languageName('ckb')).toBe('Kurdish (Sorani)');
  });

  it('gives undefined for an unknown code', () => {
    expect(languageName('xx')).toBeUndefined();
    expect(languageName('constructor')).toBeUndefined();
  });
});

describe('decorators', () => {
  class Profile {
    @IsIsoCountry()
    countryOfBirth: unknown;

    @IsIsoLanguage({ each: true })
    languages: unknown;
  }

  function validate(countryOfBirth: unknown, languages: unknown) {
    const profile = new Profile();
    profile.countryOfBirth = countryOfBirth;
    profile.languages = languages;
    return validateSync(profile);
  }

  it('pass valid codes', () => {
    expect(validate('ER', ['ti', 'tig', 'ar'])).toEqual([]);
  });

  it('fail invalid codes with clear messages', () => {
    const errors = validate('Eritrea', ['ti', 'Tigrinya']);
    expect(errors.map((e) => e.constraints)).toEqual([
      { isIsoCountry: 'countryOfBirth must be an ISO 3166-1 alpha-2 country code in capitals' },
      { isIsoLanguage: 'each value in languages must be an ISO 639 language code in lower case' },
    ]);
  });
});
