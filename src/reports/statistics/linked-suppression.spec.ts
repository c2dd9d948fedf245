import fc from 'fast-check';
import { determinedUnknowns } from './recoverable';
import { suppressLinked, type SumLine } from './linked-suppression';
import { suppressTable } from './table-suppression';

/** A two-way table as flat counts: cells row by row, row totals, column totals, grand total. */
function asLinked(cells: number[][]): { counts: number[]; lines: SumLine[] } {
  const rows = cells.length;
  const columns = cells[0].length;
  const cell = (r: number, c: number) => r * columns + c;
  const rowTotal = (r: number) => rows * columns + r;
  const columnTotal = (c: number) => rows * columns + rows + c;
  const grand = rows * columns + rows + columns;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const counts = [
    ...cells.flat(),
    ...cells.map(sum),
    ...cells[0].map((_, c) => sum(cells.map((l) => l[c]))),
    sum(cells.flat()),
  ];
  const lines: SumLine[] = [
    ...cells.map((_, r) => ({ members: cells[r].map((__, c) => cell(r, c)), total: rowTotal(r) })),
    ...cells[0].map((_, c) => ({
      members: cells.map((__, r) => cell(r, c)),
      total: columnTotal(c),
    })),
    { members: cells.map((_, r) => rowTotal(r)), total: grand },
    { members: cells[0].map((_, c) => columnTotal(c)), total: grand },
  ];
  return { counts, lines };
}

describe('suppressLinked', () => {
  it('shows everything when nothing is small, and zeros always', () => {
    expect(suppressLinked([0, 10, 10], [{ members: [0, 1], total: 2 }], 5)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('hides a small count and its smallest partner in the line', () => {
    // 3 + 12 + 40 = 55: 3 is small, 12 hides it.
    expect(suppressLinked([3, 12, 40, 55], [{ members: [0, 1, 2], total: 3 }], 5)).toEqual([
      'primary',
      'secondary',
      null,
      null,
    ]);
  });

  it('hides a small total with a member', () => {
    expect(suppressLinked([2, 1, 3], [{ members: [0, 1], total: 2 }], 5)).toEqual([
      'primary',
      'primary',
      'primary',
    ]);
  });

  it('hides counts marked as hidden at an earlier stage, and protects them like the rest', () => {
    // Accepted 0 (self) and 22 (GP), total 22, where self's referral count is hidden: 0 must go,
    // and then 22 with it, or the total would give the 0 back.
    expect(
      suppressLinked([0, 22, 22], [{ members: [0, 1], total: 2 }], 5, [true, false, false]),
    ).toEqual(['secondary', 'secondary', null]);
  });

  it('agrees with the two-way table suppression on a worked example', () => {
    const cells = [
      [20, 3, 15],
      [12, 10, 8],
      [9, 14, 30],
    ];
    const { counts, lines } = asLinked(cells);
    const hidden = suppressLinked(counts, lines, 5).slice(0, 9);
    const table = suppressTable({ cells }, 5);
    expect(hidden.map((r) => r !== null)).toEqual(table.cells.flat().map((c) => c === null));
  });

  it('protects a count shared by a breakdown and a trend through the grand total', () => {
    // Channel margins (4, 30) and month margins (20, 14) both sum to 34.
    const counts = [4, 30, 20, 14, 34];
    const lines = [
      { members: [0, 1], total: 4 },
      { members: [2, 3], total: 4 },
    ];
    const reasons = suppressLinked(counts, lines, 5);
    expect(reasons[0]).toBe('primary');
    expect(reasons[1]).toBe('secondary');
    expect(reasons[4]).toBeNull();
  });

  it('rejects lines whose members do not add up', () => {
    expect(() => suppressLinked([1, 2, 4], [{ members: [0, 1], total: 2 }], 5)).toThrow(RangeError);
  });

  it('never leaves a small count that the published ones determine', () => {
    const table = fc.integer({ min: 1, max: 4 }).chain((columns) =>
      fc.array(
        fc.array(fc.oneof(fc.nat({ max: 6 }), fc.integer({ min: 5, max: 60 })), {
          minLength: columns,
          maxLength: columns,
        }),
        { minLength: 1, maxLength: 4 },
      ),
    );
    fc.assert(
      fc.property(table, (cells) => {
        const { counts, lines } = asLinked(cells);
        const reasons = suppressLinked(counts, lines, 5);
        counts.forEach((c, i) => {
          if (c === 0) expect(reasons[i]).toBeNull();
          if (c > 0 && c < 5) expect(reasons[i]).toBe('primary');
        });
        const unknowns = reasons.flatMap((r, i) => (r === null ? [] : [i]));
        const equations = lines.map((l) =>
          unknowns.map((u) => (u === l.total ? -1 : l.members.includes(u) ? 1 : 0)),
        );
        const solved = determinedUnknowns(equations, unknowns.length).map((j) => unknowns[j]);
        expect(solved.filter((i) => reasons[i] === 'primary')).toEqual([]);
      }),
    );
  });
});
