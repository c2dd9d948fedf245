import {
  byarInterval,
  crudeRate,
  exactPoissonInterval,
  poissonCountInterval,
  rateRatio,
} from './population-rates';

/*
 * Expected figures are published reference figures, not this code's output:
 * - Formulas: OHID Fingertips public health technical guidance, "Rates" (Byar's method for 10
 *   events or more, the χ² exact method below 10):
 *   https://fingertips.phe.org.uk/static-reports/public-health-technical-guidance/Basic_statistics/Rates.html
 * - Figures: the test data UKHSA publishes with PHEindicatormethods, its R implementation of that
 *   guidance (github.com/ukhsa-collaboration/PHEindicatormethods, tests/testthat/
 *   testdata_Byars_Wilson.xlsx, sheet testdata_B_W, and testdata_Rate.xlsx, sheets testdata_Rate
 *   and testdata_Rate_g).
 * - Rate ratio: Rothman, Epidemiology: An Introduction (2nd ed., 2012), chapter 9, "Example:
 *   confidence limits for incidence rate difference and incidence rate ratio" (Table 9-2).
 */
describe("Byar's method for a count", () => {
  it.each([
    [65, 50.163187710459454, 82.849138545939837],
    [1045, 982.59320180733255, 1110.3312129856499],
    [1, 0.013072132901504351, 5.5637555824752605],
  ])('O = %i → (%f, %f) as in testdata_B_W', (observed, lower, upper) => {
    const limits = byarInterval(observed);
    expect(limits.lower).toBeCloseTo(lower, 8);
    expect(limits.upper).toBeCloseTo(upper, 8);
  });
});

describe('crudeRate', () => {
  it.each([
    // testdata_Rate, rate per 100: below 10 events exact, from 10 Byar's
    [1, 100, 100, 1, 0.025317807984289897, 5.571643390938898, 'exact'],
    [5, 100, 100, 5, 1.62348639011842, 11.668332079322669, 'exact'],
    [20, 100, 100, 20, 12.211428834875937, 30.889880369197066, 'byar'],
    [222, 3215, 100, 6.9051321928460334, 6.0265748776526751, 7.8757293708718503, 'byar'],
    [9856, 12345, 100, 79.837991089509913, 78.269490589767571, 81.430016542721404, 'byar'],
    // testdata_Rate_g, rate per 100,000
    [2, 200, 100000, 1000, 121.10463927198258, 3612.3438338619794, 'exact'],
    [10, 200, 100000, 5000, 2393.7249569837822, 9195.7293028782369, 'byar'],
    [1998, 6912, 100000, 28906.25, 27652.520088302212, 30202.169187218453, 'byar'],
  ])(
    '%i / %i per %i → %f (%f, %f) by %s',
    (count, population, per, value, lower, upper, method) => {
      const rate = crudeRate(count, population, per);
      expect(rate.value).toBeCloseTo(value, 8);
      expect(rate.lower / lower).toBeCloseTo(1, 9);
      expect(rate.upper / upper).toBeCloseTo(1, 9);
      expect(rate.method).toBe(method);
    },
  );

  it('is per 1,000 by default', () => {
    expect(crudeRate(30, 12000).value).toBeCloseTo(2.5, 12);
  });

  it('has a lower limit of 0 and an upper limit of about 3.69 events for no events', () => {
    const limits = poissonCountInterval(0);
    expect(limits.lower).toBe(0);
    expect(limits.upper).toBeCloseTo(3.688879, 5);
  });

  it('rejects a negative or fractional count and a population that is not positive', () => {
    expect(() => crudeRate(-1, 100)).toThrow(RangeError);
    expect(() => crudeRate(1.5, 100)).toThrow(RangeError);
    expect(() => crudeRate(3, 0)).toThrow(RangeError);
  });

  it('switches from the exact limits to Byar at 10 events, where the two agree to within 1%', () => {
    const exact = exactPoissonInterval(10);
    const byar = byarInterval(10);
    expect(poissonCountInterval(9).method).toBe('exact');
    expect(poissonCountInterval(10).method).toBe('byar');
    expect(Math.abs(byar.lower / exact.lower - 1)).toBeLessThan(0.01);
    expect(Math.abs(byar.upper / exact.upper - 1)).toBeLessThan(0.01);
  });
});

describe('rateRatio', () => {
  it("reproduces Rothman's worked example: 0.46 with a 90% interval of 0.40 to 0.53", () => {
    // 136 cancers in 22,050 person-years among the blind against 1,709 in 127,650 among the
    // severely visually impaired; z for 90% is 1.6449.
    const ratio = rateRatio(136, 22050, 1709, 127650, 1.6448536269514722);
    expect(ratio.value).toBeCloseTo(0.46, 2);
    expect(ratio.lower).toBeCloseTo(0.4, 2);
    expect(ratio.upper).toBeCloseTo(0.53, 2);
  });

  it('is 1 with an interval around 1 when the group and the rest share a rate', () => {
    const ratio = rateRatio(50, 10000, 450, 90000);
    expect(ratio.value).toBeCloseTo(1, 12);
    expect(ratio.lower).toBeLessThan(1);
    expect(ratio.upper).toBeGreaterThan(1);
  });

  it('gives 0 with a finite upper limit when the group has no events, and nothing when the rest has none', () => {
    const none = rateRatio(0, 1000, 40, 20000);
    expect(none.value).toBe(0);
    expect(none.lower).toBe(0);
    expect(none.upper).toBeGreaterThan(0);
    expect(Number.isFinite(none.upper)).toBe(true);
    expect(rateRatio(5, 1000, 0, 20000)).toEqual({ value: null, lower: null, upper: null });
  });
});
