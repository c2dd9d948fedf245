import { medianFrom, missesWindow, type WindowCounts } from '../statistics/window-median';
import { DURATIONS } from './median-window.sql';

/** One row of the service-access statement, as the driver returns it. */
export type StatementRow = Record<string, unknown>;

const keyOf = (row: StatementRow, columns: readonly string[]) =>
  columns.map((c) => (row[c] === null ? '\u0001' : String(row[c]))).join('\u0000');

/** The cells a group adds up from: those whose keys equal the group's on its grouped columns. */
class CellIndex {
  private readonly byGrouping = new Map<string, Map<string, StatementRow[]>>();

  constructor(private readonly cells: readonly StatementRow[]) {}

  covering(grouped: readonly string[], group: StatementRow): readonly StatementRow[] {
    const grouping = grouped.join(',');
    let index = this.byGrouping.get(grouping);
    if (!index) {
      index = new Map();
      for (const cell of this.cells) {
        const key = keyOf(cell, grouped);
        const list = index.get(key);
        if (list) list.push(cell);
        else index.set(key, [cell]);
      }
      this.byGrouping.set(grouping, index);
    }
    return index.get(keyOf(group, grouped)) ?? [];
  }
}

/** The cells' values in one array. The statement returns exactly `expected` of them; anything else is a fault in it. */
function gathered(cells: readonly StatementRow[], column: string, expected: number): Float64Array {
  const values = new Float64Array(expected);
  let at = 0;
  for (const cell of cells) {
    const list = cell[column] as number[] | null;
    if (list === null) continue;
    if (at + list.length > expected) break;
    values.set(list, at);
    at += list.length;
  }
  const found = cells.reduce((sum, c) => sum + ((c[column] as number[] | null)?.length ?? 0), 0);
  if (found !== expected) {
    throw new Error(
      `service-access medians: ${found} ${column} values where the counts say ${expected}`,
    );
  }
  return values;
}

function groupMedian(
  name: string,
  group: StatementRow,
  cells: readonly StatementRow[],
): number | null {
  const counts: WindowCounts = {
    n: Number(group[`n_${name}`]),
    below: Number(group[`below_${name}`]),
    inside: Number(group[`inside_${name}`]),
  };
  if (counts.n === 0) return null;
  if (missesWindow(counts))
    return medianFrom(gathered(cells, `values_${name}`, counts.n), counts.n, 0);
  return medianFrom(gathered(cells, `window_${name}`, counts.inside), counts.n, counts.below);
}

/**
 * The statement's grouping-set rows, each with its medians (`median_days_to_<duration>`) picked
 * from the values of the cells it adds up from (median-window.sql.ts): `need_cells` for the sets
 * over unnested needs, `fine_cells` for the rest. `columns` are the keyed columns, month last.
 */
export function aggregatesWithMedians(
  rows: readonly StatementRow[],
  columns: readonly string[],
): StatementRow[] {
  const cellsOf = (source: string) =>
    new CellIndex(rows.filter((r) => r.row_kind === 'cell' && r.source === source));
  const fine = cellsOf('fine_cells');
  const need = cellsOf('need_cells');
  return rows
    .filter((r) => r.row_kind === 'aggregate')
    .map((group) => {
      const grouped = columns.filter((c) => Number(group[`g_${c}`]) === 0);
      const cells = (group.source === 'need_cells' ? need : fine).covering(grouped, group);
      const medians = DURATIONS.map((d) => [
        `median_days_to_${d.name}`,
        groupMedian(d.name, group, cells),
      ]);
      return { ...group, ...Object.fromEntries(medians) };
    });
}
