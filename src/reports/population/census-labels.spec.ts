import { ageBandOfLabel, classify } from './census-labels';

describe('Census labels as population categories', () => {
  it.each([
    [
      'Ethnic group',
      'Asian, Asian British or Asian Welsh: Indian',
      { kind: 'ethnicity', category: 'asian_indian' },
    ],
    ['Ethnic group (20 categories)', 'White: Roma', { kind: 'ethnicity', category: 'white_roma' }],
    ['Ethnic group', 'White', { aggregate: true }],
    ['Ethnic group', 'Total: All usual residents', { total: true }],
    ['Ethnic group (20 categories)', 'Does not apply', { aggregate: true }],
    [
      'Country of birth',
      'Europe: EU countries: European Union EU8',
      { kind: 'countryOfBirth', category: 'eu8' },
    ],
    [
      'Country of birth',
      'British Overseas ',
      { kind: 'countryOfBirth', category: 'british_overseas' },
    ],
    ['Country of birth', 'Europe: EU countries', { aggregate: true }],
    ['Sex (2 categories)', 'Female', { kind: 'sex', category: 'female' }],
    ['Sex', 'All persons', { total: true }],
    ['Age (18 categories)', 'Aged 4 years and under', { kind: 'ageBand', category: '0-4' }],
    ['Age', 'Aged 85 years and over', { kind: 'ageBand', category: '85+' }],
    ['Age', 'Aged 10 to 15 years', { aggregate: true }],
    ['Religion', 'Muslim', null],
    ['Ethnic group', 'Martian', null],
  ])('%s: %s', (variable, label, expected) => {
    expect(classify(variable, label)).toEqual(expected);
  });

  it('keeps only the five-year bands of the 2013 European Standard Population', () => {
    expect(ageBandOfLabel('Aged 20 to 24 years')).toBe('20-24');
    expect(ageBandOfLabel('Aged 25 to 34 years')).toBeNull();
    expect(ageBandOfLabel('Aged 7 years')).toBeNull();
    expect(ageBandOfLabel('Total')).toBe('all');
  });
});
