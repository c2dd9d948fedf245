import { feasibleRanges } from '../../../test/support/intruder';
import { loadLpSolver, type LpSolver } from './lp-solver';
import { protectCounts } from './protected-suppression';

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

/** The shared solver behind a new face: protectCounts keeps its recent results per solver. */
const freshSolver = (opened = { count: 0 }): LpSolver => ({
  open: (...args) => {
    opened.count++;
    return solver.open(...args);
  },
});

describe('protectCounts', () => {
  it('shows everything when nothing is small, zeros included', () => {
    const { hidden } = protectCounts(
      { counts: [0, 10, 12, 22], relations: [{ kind: 'sum', members: [0, 1, 2], total: 3 }] },
      5,
      solver,
    );
    expect(hidden).toEqual([false, false, false, false]);
  });

  it('hides a small count with enough of its line that it could be anything from 1 to 6 or more', async () => {
    // 2 + 12 + 40 = 54. Hiding 2 and 12 leaves 14 between them, each at least 1: 1..13.
    const counts = [2, 12, 40, 54];
    const { hidden } = protectCounts(
      { counts, relations: [{ kind: 'sum', members: [0, 1, 2], total: 3 }] },
      5,
      solver,
    );
    expect(hidden).toEqual([true, true, false, false]);
    const ranges = await feasibleRanges({
      cells: counts.map((c, i) => ({ name: `c${i}`, value: hidden[i] ? null : c, atLeast: 1 })),
      equations: [{ plus: ['c0', 'c1', 'c2'], minus: ['c3'] }],
    });
    expect(ranges.get('c0')).toEqual({ min: 1, max: 13 });
  });

  it('hides more than one partner when one is too small to hide a small count', () => {
    // 1 + 2 + 3 + 50 = 56: the three small ones hold 6 between them, each at least 1, so each
    // could only be 1 to 4; the 50 has to go too.
    const { hidden } = protectCounts(
      { counts: [1, 2, 3, 50, 56], relations: [{ kind: 'sum', members: [0, 1, 2, 3], total: 4 }] },
      5,
      solver,
    );
    expect(hidden).toEqual([true, true, true, true, false]);
  });

  it('protects a hidden inner cell of a two-way table by its cycle of cells, not by its margins', () => {
    // Cells 8 20 / 30 40, row totals 28 and 70, column totals 38 and 60, grand total 98; the 8 is
    // hidden whatever its size. Hiding the other three cells lets it move by 5 around the cycle.
    const counts = [8, 20, 30, 40, 28, 70, 38, 60, 98];
    const { hidden } = protectCounts(
      {
        counts,
        relations: [
          { kind: 'sum', members: [0, 1], total: 4 },
          { kind: 'sum', members: [2, 3], total: 5 },
          { kind: 'sum', members: [0, 2], total: 6 },
          { kind: 'sum', members: [1, 3], total: 7 },
          { kind: 'sum', members: [4, 5], total: 8 },
          { kind: 'sum', members: [6, 7], total: 8 },
        ],
        alsoHidden: counts.map((_, i) => i === 0),
      },
      5,
      solver,
    );
    expect(hidden).toEqual([true, true, true, true, false, false, false, false, false]);
  });

  it('hides the zero members of a hidden total, and every later stage of a hidden row', () => {
    // A total of 3 (hidden) over members 3 and 0; accepted (≤ referrals) of each.
    const counts = [3, 0, 3, 2, 0, 2];
    const { hidden } = protectCounts(
      {
        counts,
        relations: [
          { kind: 'sum', members: [0, 1], total: 2 },
          { kind: 'sum', members: [3, 4], total: 5 },
          { kind: 'atMost', parts: [3], whole: 0 },
          { kind: 'atMost', parts: [4], whole: 1 },
          { kind: 'atMost', parts: [5], whole: 2 },
        ],
      },
      5,
      solver,
    );
    expect(hidden).toEqual([true, true, true, true, true, true]);
  });

  it('hides a large count it is told to, but never a zero it is told to', () => {
    const { hidden } = protectCounts(
      {
        counts: [0, 30, 40, 70],
        relations: [{ kind: 'sum', members: [0, 1, 2], total: 3 }],
        alsoHidden: [true, true, false, false],
      },
      5,
      solver,
    );
    expect(hidden).toEqual([false, true, true, false]);
  });

  it('suppresses everything when the method runs out of its work budget, which no reader can narrow', async () => {
    const counts = [2, 12, 40, 54];
    const relations = [{ kind: 'sum' as const, members: [0, 1, 2], total: 3 }];
    const result = protectCounts({ counts, relations }, 5, solver, { workLimit: 0 });
    expect(result.gaveUp).toBe(true);
    expect(result.hidden).toEqual([true, true, true, true]);
    const ranges = await feasibleRanges({
      cells: counts.map((_, i) => ({ name: `c${i}`, value: null, atLeast: 0 })),
      equations: [{ plus: ['c0', 'c1', 'c2'], minus: ['c3'] }],
    });
    expect([...ranges.values()].every((r) => r.max === Infinity)).toBe(true);
  });

  it('counts its work, not time: the same counts get the same suppression on every run and budget edge', () => {
    // A 4 × 4 table of small and large cells with its margins and total.
    const inner = [1, 7, 2, 9, 3, 12, 0, 4, 8, 2, 6, 1, 5, 0, 3, 11];
    const rows = [0, 1, 2, 3].map((r) => inner.slice(4 * r, 4 * r + 4).reduce((a, b) => a + b));
    const cols = [0, 1, 2, 3].map((c) => [0, 1, 2, 3].reduce((a, r) => a + inner[4 * r + c], 0));
    const counts = [...inner, ...rows, ...cols, rows.reduce((a, b) => a + b)];
    const relations = [
      ...[0, 1, 2, 3].map((r) => ({
        kind: 'sum' as const,
        members: [0, 1, 2, 3].map((c) => 4 * r + c),
        total: 16 + r,
      })),
      ...[0, 1, 2, 3].map((c) => ({
        kind: 'sum' as const,
        members: [0, 1, 2, 3].map((r) => 4 * r + c),
        total: 20 + c,
      })),
      { kind: 'sum' as const, members: [16, 17, 18, 19], total: 24 },
      { kind: 'sum' as const, members: [20, 21, 22, 23], total: 24 },
    ];
    // Each run on a solver of its own, so that none is given another's kept result.
    const run = (workLimit?: number) =>
      protectCounts({ counts, relations }, 5, freshSolver(), { workLimit });
    const first = run();
    expect(first.gaveUp).toBe(false);
    expect(run()).toEqual(first);
    // Somewhere below what it needs, the budget runs out: at the same point on every run.
    const tight = [1, 10, 30, 100].map((limit) => run(limit));
    expect([1, 10, 30, 100].map((limit) => run(limit))).toEqual(tight);
    expect(tight[0].gaveUp).toBe(true);
  });

  it('protects the same tables once, and tables that differ anew', () => {
    const opened = { count: 0 };
    const counting = freshSolver(opened);
    const relations = [{ kind: 'sum' as const, members: [0, 1, 2], total: 3 }];
    const first = protectCounts({ counts: [2, 12, 40, 54], relations }, 5, counting);
    const solvedOnce = opened.count;
    expect(solvedOnce).toBeGreaterThan(0);
    (first.hidden as boolean[])[2] = true; // what one caller does with its result is not the next's
    expect(protectCounts({ counts: [2, 12, 40, 54], relations }, 5, counting)).toEqual({
      hidden: [true, true, false, false],
      unprotected: [],
      gaveUp: false,
    });
    expect(opened.count).toBe(solvedOnce);
    const other = protectCounts({ counts: [3, 12, 40, 55], relations }, 5, counting);
    expect(opened.count).toBeGreaterThan(solvedOnce);
    expect(other.hidden).toEqual([true, true, false, false]);
    const solvedTwice = opened.count;
    // Another budget is another question.
    protectCounts({ counts: [2, 12, 40, 54], relations }, 5, counting, { workLimit: 0 });
    expect(opened.count).toBeGreaterThan(solvedTwice);
  });

  it('does not keep a result the safety clock cut short', () => {
    const counting = freshSolver();
    const input = {
      counts: [2, 12, 40, 54],
      relations: [{ kind: 'sum' as const, members: [0, 1, 2], total: 3 }],
    };
    // The deadline is set from the first reading of the clock; every later one is past it.
    const clock = jest.spyOn(Date, 'now').mockReturnValueOnce(0).mockReturnValue(1e15);
    try {
      expect(protectCounts(input, 5, counting).gaveUp).toBe(true);
    } finally {
      clock.mockRestore();
    }
    expect(protectCounts(input, 5, counting)).toEqual({
      hidden: [true, true, false, false],
      unprotected: [],
      gaveUp: false,
    });
  });

  it('keeps apart tables whose ties differ only where JSON would not tell them apart', () => {
    const counting = freshSolver();
    const bounded = (atMost: number) => ({
      counts: [2, 12, 40, 54],
      relations: [
        { kind: 'sum' as const, members: [0, 1, 2], total: 3 },
        { kind: 'linear' as const, terms: [[0, 1] as const], atMost },
      ],
    });
    expect(protectCounts(bounded(Infinity), 5, counting).gaveUp).toBe(false);
    expect(() => protectCounts(bounded(NaN), 5, counting)).toThrow();
  });

  it('refuses counts that do not add up, and bad thresholds', () => {
    const relations = [{ kind: 'sum' as const, members: [0, 1], total: 2 }];
    expect(() => protectCounts({ counts: [1, 2, 4], relations }, 5, solver)).toThrow(RangeError);
    expect(() =>
      protectCounts(
        { counts: [5, 4], relations: [{ kind: 'atMost', parts: [0], whole: 1 }] },
        5,
        solver,
      ),
    ).toThrow(RangeError);
    expect(() => protectCounts({ counts: [1, 2, 3], relations }, 0, solver)).toThrow(RangeError);
  });
});
