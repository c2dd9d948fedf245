import {
  directlyStandardisedRate,
  ESP2013,
  ESP2013_18,
  ESP2013_18_BANDS,
  ESP2013_BANDS,
} from './standardised-rate';

/*
 * Expected figures: the test data UKHSA publishes with PHEindicatormethods, its implementation of
 * the OHID Fingertips technical guidance on directly standardised rates (Dobson's method with the
 * 2013 European Standard Population): github.com/ukhsa-collaboration/PHEindicatormethods,
 * tests/testthat/testdata_DSR_ISR.xlsx, sheets testdata_multiarea (areas testdata_big,
 * testdata_small and testdata_tiny) and testresults_DSR (DSR per 100,000).
 * Guidance: https://fingertips.phe.org.uk/static-reports/public-health-technical-guidance/
 */
const POPULATION = [
  636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207,
];
const BIG = [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91];
const SMALL = [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4];
const TINY = [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3];

const bands = (counts: number[]) =>
  ESP2013_BANDS.map((band, i) => ({
    count: counts[i],
    population: POPULATION[i],
    standard: ESP2013[band],
  }));

describe('ESP2013', () => {
  it('has 19 bands summing to 100,000, and an 18-band form ending 85+', () => {
    expect(ESP2013_BANDS).toHaveLength(19);
    expect(Object.values(ESP2013).reduce((a, b) => a + b, 0)).toBe(100000);
    expect(ESP2013_18_BANDS).toHaveLength(18);
    expect(ESP2013_18['85+']).toBe(2500);
    expect(Object.values(ESP2013_18).reduce((a, b) => a + b, 0)).toBe(100000);
  });
});

describe('directlyStandardisedRate', () => {
  it.each([
    ['testdata_big', BIG, 895, 10430.247991469423, 9717.709067985681, 11178.94091547925],
    ['testdata_small', SMALL, 91, 1103.212025300104, 877.455767536709, 1367.0882227251795],
  ])('%s: %i events → %f per 100,000 (%f, %f)', (_, counts, total, value, lower, upper) => {
    const dsr = directlyStandardisedRate(bands(counts), 100000);
    expect(dsr.count).toBe(total);
    expect((dsr.value ?? 0) / value).toBeCloseTo(1, 10);
    expect((dsr.lower ?? 0) / lower).toBeCloseTo(1, 9);
    expect((dsr.upper ?? 0) / upper).toBeCloseTo(1, 9);
  });

  it('gives no rate for fewer than 10 events (testdata_tiny, 9 events)', () => {
    expect(directlyStandardisedRate(bands(TINY), 100000)).toEqual({
      value: null,
      lower: null,
      upper: null,
      count: 9,
      reason: 'fewer_than_10_events',
    });
  });

  it('equals the crude rate when the population has the standard shape', () => {
    const dsr = directlyStandardisedRate(
      ESP2013_BANDS.map((b) => ({ count: 2, population: ESP2013[b], standard: ESP2013[b] })),
    );
    expect(dsr.value).toBeCloseTo((38 / 100000) * 1000, 12);
  });

  it('rejects a band without population', () => {
    expect(() => directlyStandardisedRate([{ count: 12, population: 0, standard: 5000 }])).toThrow(
      RangeError,
    );
  });
});
