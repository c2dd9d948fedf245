import { determinedUnknowns } from './recoverable';
import {
  assertCount,
  assertThreshold,
  primaryReason,
  secondaryCandidate,
  type LineMember,
  type SuppressionReason,
} from './suppression';

/** Totals default to sums; pass them when categories overlap. */
export interface CountTable {
  readonly cells: readonly (readonly number[])[];
  readonly rowTotals?: readonly number[];
  readonly columnTotals?: readonly number[];
  readonly grandTotal?: number;
}

export type TableIndex = number | 'total';

export interface TableSuppression {
  readonly row: TableIndex;
  readonly column: TableIndex;
  readonly reason: SuppressionReason;
}

export interface SuppressedTable {
  readonly cells: readonly (readonly (number | null)[])[];
  readonly rowTotals: readonly (number | null)[];
  readonly columnTotals: readonly (number | null)[];
  readonly grandTotal: number | null;
  /** Row by row, each row's total last, the totals row last. */
  readonly suppressed: readonly TableSuppression[];
}

type Position = readonly [row: number, column: number];

/**
 * Two-way table suppression. The table is extended by its totals column and totals row
 * (meeting at the grand total); every row and column of that grid is a line whose last
 * member is its sum. After primary suppression, any line with exactly one hidden member
 * gets its smallest other visible non-zero member hidden, until stable. Because that rule
 * alone can leave a small cell solvable through several lines at once, the small cells are
 * then checked for exact recovery from all the equations together, and more cells are
 * hidden until none is solvable.
 */
export function suppressTable(table: CountTable, threshold: number): SuppressedTable {
  assertThreshold(threshold);
  const grid = extendedGrid(table);
  const rows = grid.length - 1;
  const columns = grid[0].length - 1;
  const reasons = grid.map((line) => line.map((count) => primaryReason(count, threshold)));
  const lines: Position[][] = [
    ...grid.map((_, r) => grid[0].map((_, c): Position => [r, c])),
    ...grid[0].map((_, c) => grid.map((_, r): Position => [r, c])),
  ];
  const hide = ([r, c]: Position) => (reasons[r][c] = 'secondary');
  const isTotal = ([r, c]: Position) => r === rows || c === columns;

  const stabilise = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const line of lines) {
        const members: LineMember[] = line.map(([r, c], i) => ({
          count: grid[r][c],
          reason: reasons[r][c],
          isTotal: i === line.length - 1,
        }));
        const next = secondaryCandidate(members);
        if (next !== null) {
          hide(line[next]);
          changed = true;
        }
      }
    }
  };

  const smallestVisible = (positions: readonly Position[]): Position | undefined =>
    positions
      .filter(([r, c]) => reasons[r][c] === null && grid[r][c] > 0)
      .sort((a, b) => grid[a[0]][a[1]] - grid[b[0]][b[1]] || +isTotal(a) - +isTotal(b))[0];

  stabilise();
  for (let exposed = recoverable(lines, reasons); exposed !== undefined;) {
    const [r, c] = exposed;
    const crossing = [...lines[r], ...lines[rows + 1 + c]];
    const next = smallestVisible(crossing) ?? smallestVisible(lines.slice(0, rows + 1).flat());
    if (next === undefined) break;
    hide(next);
    stabilise();
    exposed = recoverable(lines, reasons);
  }

  const published = grid.map((line, r) => line.map((n, c) => (reasons[r][c] === null ? n : null)));
  const index = (i: number, last: number): TableIndex => (i === last ? 'total' : i);
  return {
    cells: published.slice(0, rows).map((line) => line.slice(0, columns)),
    rowTotals: published.slice(0, rows).map((line) => line[columns]),
    columnTotals: published[rows].slice(0, columns),
    grandTotal: published[rows][columns],
    suppressed: reasons.flatMap((line, r) =>
      line.flatMap((reason, c) =>
        reason === null ? [] : [{ row: index(r, rows), column: index(c, columns), reason }],
      ),
    ),
  };
}

/**
 * The first small (primary) cell a reader could solve for exactly, if any. A secondary
 * cell being solvable discloses nothing: it is at least the threshold.
 */
function recoverable(
  lines: readonly Position[][],
  reasons: readonly (readonly (SuppressionReason | null)[])[],
): Position | undefined {
  const unknowns: Position[] = reasons.flatMap((line, r) =>
    line.flatMap((reason, c): Position[] => (reason === null ? [] : [[r, c]])),
  );
  const column = new Map(unknowns.map(([r, c], j) => [`${r},${c}`, j]));
  const equations = lines.map((line) => {
    const coefficients = new Array<number>(unknowns.length).fill(0);
    line.forEach(([r, c], i) => {
      const j = column.get(`${r},${c}`);
      if (j !== undefined) coefficients[j] = i === line.length - 1 ? -1 : 1;
    });
    return coefficients;
  });
  return determinedUnknowns(equations, unknowns.length)
    .map((j) => unknowns[j])
    .find(([r, c]) => reasons[r][c] === 'primary');
}

/** The cells with a totals column appended and a totals row beneath. */
function extendedGrid(table: CountTable): number[][] {
  const { cells } = table;
  const columns = cells[0]?.length ?? table.columnTotals?.length ?? 0;
  if (cells.some((line) => line.length !== columns)) {
    throw new RangeError('every row must have the same number of cells');
  }
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const rowTotals = table.rowTotals ?? cells.map(sum);
  const columnTotals =
    table.columnTotals ?? Array.from({ length: columns }, (_, c) => sum(cells.map((l) => l[c])));
  const grandTotal = table.grandTotal ?? sum(cells.map(sum));
  if (rowTotals.length !== cells.length || columnTotals.length !== columns) {
    throw new RangeError('totals do not match the table shape');
  }
  const grid = [...cells.map((line, r) => [...line, rowTotals[r]]), [...columnTotals, grandTotal]];
  grid.forEach((line) => line.forEach((n) => assertCount(n)));
  return grid;
}
