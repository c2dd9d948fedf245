/**
 * Exact medians without sorting in PostgreSQL.
 *
 * `percentile_cont(0.5)` over a group needs the values at ranks ⌊(n−1)/2⌋ and ⌈(n−1)/2⌉ of that
 * group, and PostgreSQL finds them by sorting the whole group; with grouping sets it also sorts
 * every row once more per set, in one process. Most groups' middle values, though, lie in the
 * middle of all the values. So:
 *
 * 1. A window `[lo, hi]` of each duration is read off a 1% sample of the period's rows (its 40th
 *    and 60th percentiles). The sample only decides how fast the report is, never what it says.
 * 2. The cells that count the other measures, in the same parallel pass, also count per duration
 *    the values below `lo` and inside the window (these add up to every group like any count),
 *    and collect the values inside the window and all the values, unsorted.
 * 3. A group whose middle ranks fall inside its window values takes them from its cells' window
 *    values alone (a fifth of the rows), by selection rather than sorting (window-medians.ts).
 * 4. A group whose middle ranks do not (small groups, unusual groups, or no sample at all)
 *    "misses": every cell it adds up from is marked, the statement returns a marked cell's values
 *    whole, and the group's middle ranks are selected from all its values.
 *
 * Either way the two values are interpolated as `percentile_cont` does, so the report's figures
 * are exactly those of `percentile_cont` over each group.
 */

/** The durations with a median in the report: the fact table's column and the figure's name. */
export const DURATIONS = [
  { column: 'days_to_first_contact', name: 'first_contact' },
  { column: 'days_to_placement', name: 'placement' },
] as const;

/** Percent of the period's pages sampled for the window. Tests pass 0 and 100 to force each way. */
export const DEFAULT_WINDOW_SAMPLE_PERCENT = 1;

const bound = (name: string, i: 1 | 2) => `(SELECT ${name}[${i}] FROM median_window)`;
const inWindow = (column: string, name: string) =>
  `${column} BETWEEN ${bound(name, 1)} AND ${bound(name, 2)}`;

/** The window of each duration, from a repeatable sample of the period's rows. */
export function medianWindowCte(samplePercent: number): string {
  const percent = Math.min(100, Math.max(0, samplePercent));
  const windows = DURATIONS.map(
    (d) => `percentile_disc(ARRAY[0.4, 0.6]) WITHIN GROUP (ORDER BY ${d.column}) AS ${d.name}`,
  );
  return `median_window AS MATERIALIZED (
  SELECT ${windows.join(',\n         ')}
    FROM report_referral_fact TABLESAMPLE SYSTEM (${percent}) REPEATABLE (0)
   WHERE local_day BETWEEN $1::date AND $2::date
)`;
}

/** Per cell, per duration: values below the window and inside it. */
export const CELL_WINDOW_COUNTS_SQL = DURATIONS.map(
  (d) => `,
  count(*) FILTER (WHERE ${d.column} < ${bound(d.name, 1)}) AS below_${d.name},
  count(*) FILTER (WHERE ${inWindow(d.column, d.name)}) AS inside_${d.name}`,
).join('');

export const CELL_WINDOW_COUNT_NAMES = DURATIONS.flatMap((d) => [
  `below_${d.name}`,
  `inside_${d.name}`,
]);

/** The window counts added up from cells to a grouping set's rows. */
export const ROLLUP_WINDOW_COUNTS_SQL = DURATIONS.map(
  (d) => `,
  coalesce(sum(below_${d.name}), 0)::int AS below_${d.name},
  coalesce(sum(inside_${d.name}), 0)::int AS inside_${d.name}`,
).join('');

/** Per grouping-set row of `measures` (with its count `n_<name>`): is the middle outside? */
const missed = (name: string) => {
  const n = `m.n_${name}`;
  const below = `m.below_${name}`;
  return `(${n} > 0 AND NOT (${below} <= (${n} - 1) / 2 AND ${n} / 2 < ${below} + m.inside_${name}))`;
};

/** Grouping-set rows whose median must be read from all their rows, with the cells they use. */
export const MISSED_ROWS_CTE = `median_missed AS MATERIALIZED (
  SELECT m.* FROM measures m WHERE ${DURATIONS.map((d) => missed(d.name)).join(' OR ')}
)`;

/** A key that equals for equal values, NULL included, so that it can be hashed. */
const hashable = (column: string, table?: string) =>
  `coalesce(${table ? `${table}.` : ''}${column}, E'\\x01')`;

/**
 * The cells of one source (`cells`, `month_cells`, `need_cells`) that some missed row adds up
 * from: a missed row covers a cell when each of its grouped keys equals the cell's. `sets` are
 * the source's grouping sets; the missed rows of each set are matched to the cells by a hash of
 * that set's keys (a join on "grouped and equal, or not grouped" cannot be hashed, and compared
 * every cell with every missed row: 2.4 s for 5,536 cells and 2,384 missed rows).
 */
export function markedCellsCte(
  source: string,
  keys: readonly string[],
  sets: readonly (readonly string[])[],
): string {
  const coveredBy = (set: readonly string[]) => {
    const missedOfSet = [
      `x.source = '${source}'`,
      ...keys.map((k) => `x.g_${k} = ${set.includes(k) ? 0 : 1}`),
    ].join(' AND ');
    if (set.length === 0) return `EXISTS (SELECT 1 FROM median_missed x WHERE ${missedOfSet})`;
    return `(${set.map((k) => hashable(k, 'c')).join(', ')}) IN
           (SELECT ${set.map((k) => hashable(k, 'x')).join(', ')} FROM median_missed x WHERE ${missedOfSet})`;
  };
  return `marked_${source} AS MATERIALIZED (
  SELECT ${keys.length > 0 ? keys.map((k) => `${hashable(k, 'c')} AS ${k}`).join(', ') : 'true AS all_rows'}
    FROM ${source} c
   WHERE ${sets.length > 0 ? sets.map(coveredBy).join('\n      OR ') : 'false'}
)`;
}

/** Is this row in a marked cell of `source`? */
export function inMarkedCell(source: string, keys: readonly string[]): string {
  if (keys.length === 0) return `EXISTS (SELECT 1 FROM marked_${source})`;
  return `(${keys.map((k) => hashable(k)).join(', ')}) IN (SELECT ${keys.join(', ')} FROM marked_${source})`;
}

/** Per cell, per duration: its values inside the window, and all its values (unsorted). */
export const CELL_MEDIAN_VALUES_SQL = DURATIONS.map(
  (d) => `,
  array_agg(${d.column}) FILTER (WHERE ${inWindow(d.column, d.name)}) AS window_${d.name},
  array_agg(${d.column}) FILTER (WHERE ${d.column} IS NOT NULL) AS values_${d.name}`,
).join('');

/**
 * A cell's values as the statement returns them: those inside the window always, and all of
 * them only when the cell is `marked` (some missed group adds up from it).
 */
export const medianValuesSql = (marked: string) =>
  DURATIONS.map(
    (d) => `window_${d.name}, CASE WHEN ${marked} THEN values_${d.name} END AS values_${d.name}`,
  ).join(', ');

/** The same columns, empty, for the rows that are not cells. */
export const NO_MEDIAN_VALUES_SQL = DURATIONS.map(
  (d) => `NULL::float8[] AS window_${d.name}, NULL::float8[] AS values_${d.name}`,
).join(', ');
