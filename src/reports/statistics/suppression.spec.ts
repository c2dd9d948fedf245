import fc from 'fast-check';
import {
  isPrimarySuppressed,
  secondaryCandidate,
  suppressBreakdown,
  suppressLine,
  type LineMember,
} from './suppression';

describe('isPrimarySuppressed', () => {
  it.each([
    [0, false],
    [1, true],
    [4, true],
    [5, false],
    [120, false],
  ])('count %i at threshold 5 → %s', (count, hidden) => {
    expect(isPrimarySuppressed(count, 5)).toBe(hidden);
  });

  it('follows a configured threshold', () => {
    expect(isPrimarySuppressed(9, 10)).toBe(true);
    expect(isPrimarySuppressed(10, 10)).toBe(false);
    expect(isPrimarySuppressed(1, 1)).toBe(false);
  });

  it('rejects bad counts and thresholds', () => {
    expect(() => isPrimarySuppressed(-1, 5)).toThrow(RangeError);
    expect(() => isPrimarySuppressed(2.5, 5)).toThrow(RangeError);
    expect(() => isPrimarySuppressed(3, 0)).toThrow(RangeError);
    expect(() => isPrimarySuppressed(3, 4.5)).toThrow(RangeError);
  });
});

describe('secondaryCandidate', () => {
  const member = (count: number, hidden = false, isTotal = false): LineMember => ({
    count,
    reason: hidden ? 'primary' : null,
    isTotal,
  });

  it('is null when no member or several members are hidden', () => {
    expect(secondaryCandidate([member(8), member(9), member(17, false, true)])).toBeNull();
    expect(
      secondaryCandidate([member(2, true), member(3, true), member(5, false, true)]),
    ).toBeNull();
  });

  it('picks the smallest visible non-zero member, the earlier on a tie', () => {
    const line = [
      member(2, true),
      member(0),
      member(9),
      member(7),
      member(7),
      member(25, false, true),
    ];
    expect(secondaryCandidate(line)).toBe(3);
  });

  it('prefers a cell to a total of the same size', () => {
    expect(secondaryCandidate([member(3, false, true), member(4, true), member(3)])).toBe(2);
  });

  it('is null when nothing else can be hidden', () => {
    expect(secondaryCandidate([member(3, true), member(0), member(0)])).toBeNull();
  });
});

describe('suppressBreakdown', () => {
  const cells = (counts: Record<string, number>) =>
    Object.entries(counts).map(([key, count]) => ({ key, count }));
  const reasons = (result: ReturnType<typeof suppressBreakdown>) => [
    ...result.cells.map((c) => c.reason),
    result.total.reason,
  ];

  it('shows an all-zero breakdown', () => {
    const result = suppressBreakdown(cells({ a: 0, b: 0, c: 0 }), 5);
    expect(result.cells.map((c) => c.count)).toEqual([0, 0, 0]);
    expect(result.total).toEqual({ count: 0, reason: null });
  });

  it('hides a lone small cell and its total together', () => {
    expect(suppressBreakdown(cells({ a: 3 }), 5)).toEqual({
      cells: [{ key: 'a', count: null, reason: 'primary' }],
      total: { count: null, reason: 'primary' },
    });
    expect(suppressBreakdown(cells({ a: 12 }), 5).total).toEqual({ count: 12, reason: null });
  });

  it('handles a total with no cells', () => {
    expect(suppressBreakdown([], 5, 7)).toEqual({ cells: [], total: { count: 7, reason: null } });
    expect(suppressBreakdown([], 5, 3).total).toEqual({ count: null, reason: 'primary' });
  });

  it('hides the next-smallest cell when one small cell sits among large ones', () => {
    // Without hiding 8, the 3 would be 31 − 20 − 8 − 0.
    const result = suppressBreakdown(cells({ a: 3, b: 20, c: 8, d: 0 }), 5);
    expect(result.cells).toEqual([
      { key: 'a', count: null, reason: 'primary' },
      { key: 'b', count: 20, reason: null },
      { key: 'c', count: null, reason: 'secondary' },
      { key: 'd', count: 0, reason: null },
    ]);
    expect(result.total).toEqual({ count: 31, reason: null });
  });

  it('needs no secondary suppression when two cells are small', () => {
    const result = suppressBreakdown(cells({ a: 3, b: 2, c: 40 }), 5);
    expect(reasons(result)).toEqual(['primary', 'primary', null, null]);
  });

  it('never hides a zero to protect a small cell', () => {
    const result = suppressBreakdown(cells({ a: 1, b: 0, c: 0, d: 6 }), 5);
    expect(reasons(result)).toEqual(['primary', null, null, 'secondary', null]);
  });

  it('hides everything when the total itself is small', () => {
    const result = suppressBreakdown(cells({ a: 2, b: 1, c: 0 }), 5);
    expect(reasons(result)).toEqual(['primary', 'primary', null, 'primary']);
  });

  it('follows a configured threshold', () => {
    const counts = cells({ a: 7, b: 12, c: 15 });
    expect(reasons(suppressBreakdown(counts, 5))).toEqual([null, null, null, null]);
    expect(reasons(suppressBreakdown(counts, 10))).toEqual(['primary', 'secondary', null, null]);
  });

  it('uses a given total when categories overlap', () => {
    const result = suppressBreakdown(cells({ housing: 3, money: 10 }), 5, 11);
    expect(reasons(result)).toEqual(['primary', 'secondary', null]);
    expect(result.total.count).toBe(11);
  });

  it('rejects a count above its total', () => {
    expect(() => suppressBreakdown(cells({ a: 9 }), 5, 8)).toThrow(RangeError);
  });
});

describe('suppressLine properties', () => {
  it('hides every small count and never leaves exactly one hidden member', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 30 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (counts, threshold) => {
          const total = counts.reduce((a, b) => a + b, 0);
          const result = suppressLine(counts, total, threshold);
          [...counts, total].forEach((count, i) => {
            if (count > 0 && count < threshold) expect(result[i]).toBe('primary');
            if (count === 0) expect(result[i]).toBeNull();
          });
          expect(result.filter((r) => r !== null).length).not.toBe(1);
        },
      ),
    );
  });
});
