import fc from 'fast-check';
import { medianFrom, missesWindow } from './window-median';
import { percentileCont } from '../../../test/support/percentile-cont';

const durations = fc.array(fc.double({ min: 0, max: 400, noNaN: true }), {
  minLength: 1,
  maxLength: 200,
});

describe('picking a median without sorting', () => {
  it('gives percentile_cont from all of a group’s values', () => {
    fc.assert(
      fc.property(durations, (values) => {
        expect(medianFrom(Float64Array.from(values), values.length, 0)).toBe(
          percentileCont(values),
        );
      }),
    );
  });

  it('gives percentile_cont from only the values in a window around the middle', () => {
    fc.assert(
      fc.property(durations, fc.nat(), fc.nat(), (values, cutBelow, cutAbove) => {
        const sorted = [...values].sort((a, b) => a - b);
        const n = sorted.length;
        const below = cutBelow % (Math.floor((n - 1) / 2) + 1);
        const end = Math.floor(n / 2) + 1 + (cutAbove % (n - Math.floor(n / 2)));
        const window = sorted.slice(below, end).reverse();
        expect(missesWindow({ n, below, inside: window.length })).toBe(false);
        expect(medianFrom(Float64Array.from(window), n, below)).toBe(percentileCont(values));
      }),
    );
  });

  it('says a group misses its window when its middle lies outside it', () => {
    // Five values, middle rank 2: two below and one inside reaches it; three below does not.
    expect(missesWindow({ n: 5, below: 2, inside: 1 })).toBe(false);
    expect(missesWindow({ n: 5, below: 3, inside: 2 })).toBe(true);
    expect(missesWindow({ n: 5, below: 0, inside: 2 })).toBe(true);
    // Four values: ranks 1 and 2 both needed.
    expect(missesWindow({ n: 4, below: 1, inside: 1 })).toBe(true);
    expect(missesWindow({ n: 4, below: 1, inside: 2 })).toBe(false);
    expect(missesWindow({ n: 0, below: 0, inside: 0 })).toBe(false);
  });
});
