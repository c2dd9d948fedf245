import fc from 'fast-check';
import { suppressTable, type SuppressedTable } from './table-suppression';

/** The published table with its totals, `null` for hidden cells, for reading at a glance. */
const grid = (t: SuppressedTable) => [
  ...t.cells.map((line, r) => [...line, t.rowTotals[r]]),
  [...t.columnTotals, t.grandTotal],
];

describe('suppressTable', () => {
  it('shows a table with no small counts, computing its totals', () => {
    const result = suppressTable(
      {
        cells: [
          [20, 30],
          [0, 15],
        ],
      },
      5,
    );
    expect(grid(result)).toEqual([
      [20, 30, 50],
      [0, 15, 15],
      [20, 45, 65],
    ]);
    expect(result.suppressed).toEqual([]);
  });

  it('shows an all-zero table and an empty one', () => {
    expect(
      suppressTable(
        {
          cells: [
            [0, 0],
            [0, 0],
          ],
        },
        5,
      ).suppressed,
    ).toEqual([]);
    expect(suppressTable({ cells: [] }, 5)).toEqual({
      cells: [],
      rowTotals: [],
      columnTotals: [],
      grandTotal: 0,
      suppressed: [],
    });
  });

  it('protects one small cell with a rectangle of hidden cells', () => {
    // Row 0 hides 15 (its smallest other), column 1 hides 10, then column 2 hides 8.
    const result = suppressTable(
      {
        cells: [
          [20, 3, 15],
          [12, 10, 8],
          [9, 14, 30],
        ],
      },
      5,
    );
    expect(grid(result)).toEqual([
      [20, null, null, 38],
      [12, null, null, 30],
      [9, 14, 30, 53],
      [41, 27, 53, 121],
    ]);
    expect(result.suppressed).toEqual([
      { row: 0, column: 1, reason: 'primary' },
      { row: 0, column: 2, reason: 'secondary' },
      { row: 1, column: 1, reason: 'secondary' },
      { row: 1, column: 2, reason: 'secondary' },
    ]);
  });

  it('keeps going until every line is stable', () => {
    // Each small diagonal cell is alone in its row and column; hiding for the rows
    // leaves column 2 with one hidden cell, which a second round fixes.
    const result = suppressTable(
      {
        cells: [
          [3, 20, 30],
          [25, 2, 40],
          [50, 45, 4],
        ],
      },
      5,
    );
    expect(grid(result)).toEqual([
      [null, null, null, 53],
      [null, null, 40, 67],
      [50, null, null, 99],
      [78, 67, 74, 219],
    ]);
    expect(result.suppressed.filter((s) => s.reason === 'primary')).toEqual([
      { row: 0, column: 0, reason: 'primary' },
      { row: 1, column: 1, reason: 'primary' },
      { row: 2, column: 2, reason: 'primary' },
    ]);
  });

  it('hides small totals and protects them through the totals lines', () => {
    // Row total 3 is small; the row-totals column (3 + 70 = 73) then hides 70.
    const result = suppressTable(
      {
        cells: [
          [2, 1],
          [30, 40],
        ],
      },
      5,
    );
    expect(grid(result)).toEqual([
      [null, null, null],
      [null, null, null],
      [32, 41, 73],
    ]);
    expect(result.suppressed).toContainEqual({ row: 0, column: 'total', reason: 'primary' });
    expect(result.suppressed).toContainEqual({ row: 1, column: 'total', reason: 'secondary' });
  });

  it('follows a configured threshold', () => {
    const cells = [
      [7, 12, 30],
      [15, 40, 22],
    ];
    expect(suppressTable({ cells }, 5).suppressed).toEqual([]);
    expect(grid(suppressTable({ cells }, 10))).toEqual([
      [null, null, 30, 49],
      [null, null, 22, 77],
      [22, 52, 52, 126],
    ]);
  });

  it('closes a gap the one-per-line rule leaves open', () => {
    // Every line already has two or more small cells, yet the 2 at (0,0) can be solved:
    // rows 0 and 1 minus columns 1 and 2 leave x = (56−50) + (106−40−60) − (165−160) − (130−125) = 2.
    const cells = [
      [2, 1, 3, 50],
      [40, 4, 2, 60],
      [1, 70, 80, 3],
      [2, 90, 45, 4],
    ];
    const result = suppressTable({ cells }, 5);
    expect(result.suppressed.filter((s) => s.reason === 'secondary')).toEqual([
      { row: 1, column: 0, reason: 'secondary' },
    ]);
  });

  it('uses given totals when categories overlap', () => {
    const result = suppressTable(
      {
        cells: [
          [3, 30],
          [20, 25],
        ],
        rowTotals: [31, 40],
        columnTotals: [22, 50],
        grandTotal: 66,
      },
      5,
    );
    expect(result.rowTotals).toEqual([31, 40]);
    expect(result.cells[0][0]).toBeNull();
  });

  it('rejects ragged tables, mismatched totals and bad counts', () => {
    expect(() => suppressTable({ cells: [[1, 2], [3]] }, 5)).toThrow(RangeError);
    expect(() => suppressTable({ cells: [[1, 2]], rowTotals: [3, 4] }, 5)).toThrow(RangeError);
    expect(() => suppressTable({ cells: [[1, -2]] }, 5)).toThrow(RangeError);
    expect(() => suppressTable({ cells: [[1, 2]] }, 0)).toThrow(RangeError);
  });

  it('never leaves a line with exactly one hidden member, nor hides a zero', () => {
    const table = fc.integer({ min: 1, max: 5 }).chain((columns) =>
      fc.array(
        fc.array(fc.oneof(fc.nat({ max: 6 }), fc.integer({ min: 5, max: 60 })), {
          minLength: columns,
          maxLength: columns,
        }),
        { minLength: 1, maxLength: 5 },
      ),
    );
    fc.assert(
      fc.property(table, (cells) => {
        const published = grid(suppressTable({ cells }, 5));
        const full = grid(suppressTable({ cells }, 1));
        const lines = [
          ...published.map((_, r) => published[r].map((_, c) => [r, c])),
          ...published[0].map((_, c) => published.map((_, r) => [r, c])),
        ];
        for (const line of lines) {
          expect(line.filter(([r, c]) => published[r][c] === null)).not.toHaveLength(1);
        }
        full.forEach((line, r) =>
          line.forEach((count, c) => {
            if (count === 0) expect(published[r][c]).toBe(0);
            if (count !== null && count > 0 && count < 5) expect(published[r][c]).toBeNull();
          }),
        );
      }),
    );
  });
});
