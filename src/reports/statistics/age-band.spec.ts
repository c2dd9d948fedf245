import { ageBand, yearOfArrivalBand } from './age-band';

const on = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('ageBand', () => {
  it('is null when the date of birth is not recorded', () => {
    expect(ageBand(null, on('2025-06-01'))).toBeNull();
  });

  it.each([
    ['2025-06-01', '0-15'],
    ['2009-06-02', '0-15'], // 15 until tomorrow
    ['2009-06-01', '16-24'], // 16th birthday today
    ['2000-06-02', '16-24'],
    ['2000-06-01', '25-34'],
    ['1990-06-02', '25-34'],
    ['1990-06-01', '35-49'],
    ['1975-06-02', '35-49'],
    ['1975-06-01', '50-64'],
    ['1960-06-02', '50-64'],
    ['1960-06-01', '65+'],
    ['1921-01-01', '65+'],
  ])('born %s is %s on 2025-06-01', (dateOfBirth, band) => {
    expect(ageBand(dateOfBirth, on('2025-06-01'))).toBe(band);
  });

  it('is null for a birth after the date', () => {
    expect(ageBand('2025-06-02', on('2025-06-01'))).toBeNull();
  });

  it('counts a 29 February birthday from 1 March in other years', () => {
    expect(ageBand('2008-02-29', on('2024-02-28'))).toBe('0-15');
    expect(ageBand('2008-02-29', on('2024-02-29'))).toBe('16-24');
    expect(ageBand('1960-02-29', on('2025-02-28'))).toBe('50-64');
    expect(ageBand('1960-02-29', on('2025-03-01'))).toBe('65+');
  });

  it('reads the date in UTC', () => {
    expect(ageBand('2009-06-01', new Date('2025-05-31T23:30:00Z'))).toBe('0-15');
    expect(ageBand('2009-06-01', new Date('2025-06-01T00:00:00Z'))).toBe('16-24');
  });

  it.each(['2025-13-01', '2023-02-29', '01/06/2009', '2009-6-1', ''])('rejects %j', (value) => {
    expect(() => ageBand(value, on('2025-06-01'))).toThrow(RangeError);
  });
});

describe('yearOfArrivalBand', () => {
  it('is null when the year is not recorded or still to come', () => {
    expect(yearOfArrivalBand(null, on('2025-06-01'))).toBeNull();
    expect(yearOfArrivalBand(2026, on('2025-06-01'))).toBeNull();
  });

  it.each([
    [2025, 'under_2'],
    [2024, 'under_2'],
    [2023, '2_to_5'],
    [2021, '2_to_5'],
    [2020, '5_to_10'],
    [2016, '5_to_10'],
    [2015, '10_plus'],
    [1970, '10_plus'],
  ])('arrived %i is %s in 2025', (year, band) => {
    expect(yearOfArrivalBand(year, on('2025-06-01'))).toBe(band);
  });

  it('rejects a fractional year', () => {
    expect(() => yearOfArrivalBand(2020.5, on('2025-06-01'))).toThrow(RangeError);
  });
});
