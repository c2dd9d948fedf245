import { meanWithInterval, median, tCritical95 } from './descriptive';

describe('median', () => {
  it('is null for no values', () => {
    expect(median([])).toBeNull();
  });

  it.each([
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, -2, 10, 5, 0], 5],
    [[1.5, 2.5], 2],
  ])('of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('sorts numerically and leaves its input alone', () => {
    const values = [10, 9, 100];
    expect(median(values)).toBe(10);
    expect(values).toEqual([10, 9, 100]);
  });

  it('rejects non-finite values', () => {
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('tCritical95', () => {
  it.each([
    [1, 12.7062],
    [7, 2.3646],
    [29, 2.0452],
    [30, 1.96],
    [500, 1.96],
  ])('df %i → %f', (df, t) => {
    expect(tCritical95(df)).toBe(t);
  });

  it('falls towards the normal value', () => {
    for (let df = 2; df <= 30; df++) expect(tCritical95(df)).toBeLessThan(tCritical95(df - 1));
  });

  it('rejects impossible degrees of freedom', () => {
    expect(() => tCritical95(0)).toThrow(RangeError);
  });
});

// Expected intervals: mean ± t·s/√n with s the sample standard deviation.
describe('meanWithInterval', () => {
  it('gives nothing for no values', () => {
    expect(meanWithInterval([])).toEqual({ mean: null, lower: null, upper: null, n: 0 });
  });

  it('gives a mean but no interval for one value', () => {
    expect(meanWithInterval([23])).toEqual({ mean: 23, lower: null, upper: null, n: 1 });
  });

  it('uses t with 1 df for two values', () => {
    // s = √2, half-width 12.7062 · √2 / √2.
    const result = meanWithInterval([10, 12]);
    expect(result.mean).toBe(11);
    expect(result.lower).toBeCloseTo(-1.7062, 6);
    expect(result.upper).toBeCloseTo(23.7062, 6);
  });

  it('uses t with 7 df for eight values', () => {
    // mean 5, s² = 32/7, half-width 2.3646 · √(32/7) / √8 = 1.787470.
    const result = meanWithInterval([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(result).toMatchObject({ mean: 5, n: 8 });
    expect(result.lower).toBeCloseTo(3.21253, 5);
    expect(result.upper).toBeCloseTo(6.78747, 5);
  });

  it('uses 1.96 from 31 values', () => {
    // 1..40: mean 20.5, s² = 136.6667, half-width 1.96 · 11.6905 / √40 = 3.622909.
    const result = meanWithInterval(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(result.mean).toBe(20.5);
    expect(result.lower).toBeCloseTo(16.877091, 5);
    expect(result.upper).toBeCloseTo(24.122909, 5);
  });

  it('has a zero-width interval when every value is the same', () => {
    expect(meanWithInterval([4, 4, 4])).toEqual({ mean: 4, lower: 4, upper: 4, n: 3 });
  });
});
