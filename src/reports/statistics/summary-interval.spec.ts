import { meanWithInterval } from './descriptive';
import { meanIntervalFromSummary } from './summary-interval';

describe('meanIntervalFromSummary', () => {
  it('matches the interval computed from the values themselves', () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    const sd = Math.sqrt(32 / 7);
    const fromValues = meanWithInterval(values);
    const fromSummary = meanIntervalFromSummary(5, sd, 8);
    expect(fromSummary.mean).toBe(5);
    expect(fromSummary.lower).toBeCloseTo(fromValues.lower ?? NaN, 10);
    expect(fromSummary.upper).toBeCloseTo(fromValues.upper ?? NaN, 10);
  });

  it('uses the normal value from 31 values', () => {
    // half-width 1.96 · 10 / √100 = 1.96
    const result = meanIntervalFromSummary(3, 10, 100);
    expect(result.lower).toBeCloseTo(1.04, 10);
    expect(result.upper).toBeCloseTo(4.96, 10);
  });

  it('gives no interval for one value and nothing for none', () => {
    expect(meanIntervalFromSummary(4, null, 1)).toEqual({
      mean: 4,
      lower: null,
      upper: null,
      n: 1,
    });
    expect(meanIntervalFromSummary(null, null, 0)).toEqual({
      mean: null,
      lower: null,
      upper: null,
      n: 0,
    });
  });

  it('rejects a bad count', () => {
    expect(() => meanIntervalFromSummary(1, 1, -1)).toThrow(RangeError);
  });
});
