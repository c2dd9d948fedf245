import { wilsonInterval } from './wilson';

// Expected bounds checked against the closed form
// (2s + z² ± z·√(z² + 4s(n−s)/n)) / (2(n + z²)), z = 1.959964.
describe('wilsonInterval', () => {
  it.each([
    [0, 10, 0, 0, 0.277533],
    [10, 10, 1, 0.722467, 1],
    [5, 10, 0.5, 0.236593, 0.763407],
    [81, 263, 0.307985, 0.255289, 0.36621],
    [3, 7, 0.428571, 0.15822, 0.749542],
    [12, 48, 0.25, 0.149206, 0.387844],
    [1, 1, 1, 0.206549, 1],
    [0, 1, 0, 0, 0.793451],
    [1, 2, 0.5, 0.094531, 0.905469],
  ])('%i/%i → %f (%f, %f)', (successes, trials, value, lower, upper) => {
    const result = wilsonInterval(successes, trials);
    expect(result.value).toBeCloseTo(value, 6);
    expect(result.lower).toBeCloseTo(lower, 6);
    expect(result.upper).toBeCloseTo(upper, 6);
  });

  it('pins the bounds to exactly 0 and 1 at the extremes', () => {
    expect(wilsonInterval(0, 7).lower).toBe(0);
    expect(wilsonInterval(7, 7).upper).toBe(1);
  });

  it('returns nulls when there are no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ value: null, lower: null, upper: null });
  });

  it('is symmetric about one half', () => {
    const a = wilsonInterval(3, 20);
    const b = wilsonInterval(17, 20);
    expect(a.lower).toBeCloseTo(1 - (b.upper ?? NaN), 12);
    expect(a.upper).toBeCloseTo(1 - (b.lower ?? NaN), 12);
  });

  it('narrows with a smaller z', () => {
    const wide = wilsonInterval(5, 10);
    const narrow = wilsonInterval(5, 10, 1.644854);
    expect(narrow.lower).toBeGreaterThan(wide.lower ?? NaN);
    expect(narrow.lower).toBeCloseTo(0.2693, 4);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, Number.NaN)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
  });
});
