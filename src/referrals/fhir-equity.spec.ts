import {
  ETHNIC_CATEGORY_ENGLAND_SYSTEM,
  ETHNIC_CATEGORY_WALES_SYSTEM,
  ethnicityOfCoding,
  sexOfGender,
} from './fhir-equity';

describe('FHIR equity codes', () => {
  it('reads NHS England ethnic categories as ONS 2021 groups', () => {
    expect(ethnicityOfCoding(ETHNIC_CATEGORY_ENGLAND_SYSTEM, 'A')).toBe('white_british');
    expect(ethnicityOfCoding(ETHNIC_CATEGORY_ENGLAND_SYSTEM, 'R')).toBe('asian_chinese');
    expect(ethnicityOfCoding(ETHNIC_CATEGORY_ENGLAND_SYSTEM, 'Z')).toBe('prefer_not_to_say');
    expect(ethnicityOfCoding(ETHNIC_CATEGORY_ENGLAND_SYSTEM, '99')).toBeNull();
  });

  it('reads the Welsh codes that name one group, and no other system', () => {
    expect(ethnicityOfCoding(ETHNIC_CATEGORY_WALES_SYSTEM, 'B')).toBe(
      'white_gypsy_or_irish_traveller',
    );
    expect(ethnicityOfCoding(ETHNIC_CATEGORY_WALES_SYSTEM, 'A')).toBeNull();
    expect(ethnicityOfCoding('http://snomed.info/sct', 'A')).toBeNull();
  });

  it('carries female and male over from Patient.gender, nothing else', () => {
    expect(sexOfGender('female')).toBe('female');
    expect(sexOfGender('male')).toBe('male');
    expect(sexOfGender('other')).toBeNull();
    expect(sexOfGender('unknown')).toBeNull();
    expect(sexOfGender(undefined)).toBeNull();
  });
});
