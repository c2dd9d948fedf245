import { countryOfBirthGroup } from './country-of-birth-group';

describe('countryOfBirthGroup (Census 2021 TS004 groups)', () => {
  it.each([
    ['GB', 'uk'],
    ['ie', 'eu14'],
    ['PL', 'eu8'],
    ['RO', 'eu2'],
    ['HR', 'eu_other'],
    ['UA', 'europe_non_eu'],
    ['TR', 'europe_non_eu'],
    ['ER', 'africa'],
    ['SY', 'middle_east_asia'],
    ['AF', 'middle_east_asia'],
    ['JM', 'americas_caribbean'],
    ['BR', 'americas_caribbean'],
    ['AU', 'oceania_other'],
    ['GI', 'british_overseas'],
  ])('%s is %s', (iso, group) => {
    expect(countryOfBirthGroup(iso)).toBe(group);
  });

  it('knows no group for an unknown code or none', () => {
    expect(countryOfBirthGroup('XX')).toBeNull();
    expect(countryOfBirthGroup(null)).toBeNull();
  });
});
