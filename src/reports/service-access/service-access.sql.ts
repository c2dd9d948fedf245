import type { Dimension } from './dimensions';
import {
  CELL_MEDIAN_VALUES_SQL,
  CELL_WINDOW_COUNTS_SQL,
  CELL_WINDOW_COUNT_NAMES,
  DEFAULT_WINDOW_SAMPLE_PERCENT,
  inMarkedCell,
  markedCellsCte,
  medianValuesSql,
  medianWindowCte,
  MISSED_ROWS_CTE,
  NO_MEDIAN_VALUES_SQL,
  ROLLUP_WINDOW_COUNTS_SQL,
} from './median-window.sql';

/** The facts column each dimension groups by ('need' comes from unnesting the reasons). */
export const DIMENSION_COLUMN: Readonly<Record<Dimension, string>> = {
  channel: 'channel',
  migrantStatus: 'migrant_status',
  countryOfBirth: 'country_of_birth',
  mainLanguage: 'main_language',
  interpreterNeeded: 'interpreter_needed',
  ageBand: 'age_band',
  sex: 'sex',
  area: 'area',
  need: 'need',
  yearOfArrivalBand: 'year_of_arrival_band',
  service: 'service',
};

/**
 * The period's rows of the fact table (migration ReportReferralFact): one per referral received in
 * [$1, $2] (London dates, which `local_day` is), with every key and measure the report needs,
 * written by `linkway_refresh_report_facts()` from the same definition the report once computed
 * on each request. The caller refreshes first (ServiceAccessService), so the rows are exact.
 * Not materialised: each part below scans the table itself, narrowly, rather than a spilled copy.
 *
 * People for completeness: a referral that is its person's only one (`sole_referral`) is that
 * person, so only people with several referrals need grouping by person.
 */
const FACTS = `
facts AS NOT MATERIALIZED (
  SELECT * FROM report_referral_fact WHERE local_day BETWEEN $1::date AND $2::date
),
shared_people AS (
  SELECT bool_or(has_country_of_birth) AS country_of_birth,
         bool_or(has_nationality) AS nationality,
         bool_or(has_year_of_arrival) AS year_of_arrival,
         bool_or(has_main_language) AS main_language,
         bool_or(has_migrant_status) AS migrant_status,
         bool_or(has_interpreter_needed) AS interpreter_needed
    FROM facts
   WHERE NOT sole_referral
   GROUP BY person_id
)`;

/**
 * Every measure but the medians, counted once per cell: the rows of the finest breakdown a part
 * of the report needs. Plain aggregates in one plain GROUP BY, which PostgreSQL runs in parallel.
 * The SWEMWBS change carries avg's own state ({N, Σx, Σ(x−x̄)²}, migration
 * ReportMomentsAggregates) so that cells merge into margins as a parallel avg merges its workers.
 */
const CELL_MEASURES_SQL = `
  count(*) AS referrals,
  count(*) FILTER (WHERE accepted) AS accepted,
  count(*) FILTER (WHERE placed) AS placed,
  count(*) FILTER (WHERE attended) AS attended,
  count(*) FILTER (WHERE completed) AS completed,
  count(days_to_first_contact) AS n_first_contact,
  count(days_to_placement) AS n_placement,
  linkway_moments(swemwbs_change) AS swemwbs`;

/**
 * People with only one referral, counted in the monthly cells: such a referral is its person
 * (the rest of completeness groups the people with several referrals by person).
 */
const SOLE_PEOPLE_FIELDS = [
  'country_of_birth',
  'nationality',
  'year_of_arrival',
  'main_language',
  'migrant_status',
  'interpreter_needed',
];
const SOLE_PEOPLE_NAMES = ['sole_people', ...SOLE_PEOPLE_FIELDS.map((f) => `sole_${f}`)];
const CELL_SOLE_PEOPLE_SQL = [
  '',
  'count(*) FILTER (WHERE sole_referral) AS sole_people',
  ...SOLE_PEOPLE_FIELDS.map(
    (f) => `count(*) FILTER (WHERE sole_referral AND has_${f}) AS sole_${f}`,
  ),
].join(',\n  ');

/** The counts every cell and every grouping-set row carries. */
const COUNT_NAMES = [
  'referrals',
  'accepted',
  'placed',
  'attended',
  'completed',
  'n_first_contact',
  'n_placement',
];

/** The counts a cell carries, which add up from finer cells. */
const CELL_COUNT_NAMES = [...COUNT_NAMES, ...CELL_WINDOW_COUNT_NAMES];

/** A cell from the finer cells within it: counts add, SWEMWBS states merge. */
const mergedCellMeasures = (counts: readonly string[]) =>
  [
    ...counts.map((c) => `coalesce(sum(${c}), 0)::bigint AS ${c}`),
    'linkway_moments_merge(swemwbs) AS swemwbs',
  ].join(',\n  ');

/** Cells added up to a grouping set's rows: counts add, SWEMWBS states merge. */
const ROLLUP_MEASURES_SQL = `
  ${[
    ...COUNT_NAMES.map((c) => `coalesce(sum(${c}), 0)::int AS ${c}`),
    'float8_avg(linkway_moments_merge(swemwbs)) AS swemwbs_mean',
    'float8_stddev_samp(linkway_moments_merge(swemwbs)) AS swemwbs_sd',
    '(linkway_moments_merge(swemwbs))[1]::int AS swemwbs_n',
  ].join(',\n  ')}`;

/** The measures a grouping-set row publishes besides its medians. */
const MEASURE_NAMES = [...COUNT_NAMES, 'swemwbs_mean', 'swemwbs_sd', 'swemwbs_n'];

/** People in the period: the sole referrals counted in the monthly cells, plus the shared people. */
const COMPLETENESS_SQL = `(SELECT json_build_object(
    'people', sole.people + shared.people,
    'countryOfBirth', sole.country_of_birth + shared.country_of_birth,
    'nationality', sole.nationality + shared.nationality,
    'yearOfArrival', sole.year_of_arrival + shared.year_of_arrival,
    'mainLanguage', sole.main_language + shared.main_language,
    'migrantStatus', sole.migrant_status + shared.migrant_status,
    'interpreterNeeded', sole.interpreter_needed + shared.interpreter_needed)
  FROM (SELECT coalesce(sum(sole_people), 0)::int AS people,
               coalesce(sum(sole_country_of_birth), 0)::int AS country_of_birth,
               coalesce(sum(sole_nationality), 0)::int AS nationality,
               coalesce(sum(sole_year_of_arrival), 0)::int AS year_of_arrival,
               coalesce(sum(sole_main_language), 0)::int AS main_language,
               coalesce(sum(sole_migrant_status), 0)::int AS migrant_status,
               coalesce(sum(sole_interpreter_needed), 0)::int AS interpreter_needed
          FROM month_cells) sole,
       (SELECT count(*)::int AS people,
               count(*) FILTER (WHERE country_of_birth)::int AS country_of_birth,
               count(*) FILTER (WHERE nationality)::int AS nationality,
               count(*) FILTER (WHERE year_of_arrival)::int AS year_of_arrival,
               count(*) FILTER (WHERE main_language)::int AS main_language,
               count(*) FILTER (WHERE migrant_status)::int AS migrant_status,
               count(*) FILTER (WHERE interpreter_needed)::int AS interpreter_needed
          FROM shared_people) shared)`;

/** One aggregate row: which columns it is grouped by, the key values and the measures. */
export interface AggregateRow {
  readonly grouped: readonly string[];
  readonly key: Readonly<Record<string, string>>;
  readonly referrals: number;
  readonly accepted: number;
  readonly placed: number;
  readonly attended: number;
  readonly completed: number;
  readonly median_days_to_first_contact: number | null;
  readonly n_first_contact: number;
  readonly median_days_to_placement: number | null;
  readonly n_placement: number;
  readonly swemwbs_mean: number | null;
  readonly swemwbs_sd: number | null;
  readonly swemwbs_n: number;
}

export interface CompletenessCounts {
  readonly people: number;
  readonly countryOfBirth: number;
  readonly nationality: number;
  readonly yearOfArrival: number;
  readonly mainLanguage: number;
  readonly migrantStatus: number;
  readonly interpreterNeeded: number;
}

/** Queue entries one refresh call takes (and any older ones committed meanwhile): one short transaction each. */
export const REFRESH_BATCH = 20_000;

/**
 * Rewrites the fact rows of referrals whose sources changed since the last refresh (the triggers
 * queue them), as the owner with every service in scope: the oldest `batch` queue entries, by id
 * range. Returns the entries taken and the referrals refreshed; `refreshReportFacts` repeats it.
 */
export const refreshReportFactsSql = (batch = REFRESH_BATCH) =>
  `SELECT taken, refreshed FROM linkway_refresh_report_facts(${Math.trunc(batch)})`;

/** One call, for tests and scripts that know the queue is small. */
export const REFRESH_REPORT_FACTS_SQL = refreshReportFactsSql();

/**
 * The whole report in one statement over the fact table. Grouping sets give the cross-tabulation
 * of the chosen dimensions, each dimension alone (for the charts and margins), each month (the
 * trend) and the grand total. A referral has several needs, so when `need` is chosen the sets
 * that contain it count the unnested reasons and the others the referrals themselves.
 *
 * Query plan thinking: grouping sets are never aggregated in parallel, and each set hashes every
 * row again. So the period's rows are counted once per cell, in plain parallel GROUP BYs: by the
 * chosen dimensions and month together (`fine_cells`, one scan), and by the unnested reasons
 * when `need` is chosen. The cross-tabulation's cells and the months' are added up from the fine
 * cells, and the grouping sets then add up those few thousand cells: the margins from the
 * cross-tabulation's cells, the trend and the total from the months'. Medians do not add up: the
 * statement returns, after the grouping-set rows, each cell's values inside a window of middle
 * values, and all its values where some group's middle lies outside the window; the medians are
 * picked from those in Node (median-window.sql.ts, window-medians.ts).
 */
export function serviceAccessSql(
  dimensions: readonly Dimension[],
  { windowSamplePercent = DEFAULT_WINDOW_SAMPLE_PERCENT } = {},
): string {
  const columns = dimensions.map((d) => DIMENSION_COLUMN[d]);
  const keyed = [...columns, 'month'];
  const withNeed = columns.includes('need');
  const others = columns.filter((c) => c !== 'need');
  const sets: string[][] = [columns, ...(columns.length > 1 ? columns.map((c) => [c]) : [])];
  const unnestedSets = withNeed ? sets.filter((s) => s.includes('need')) : [];
  const plainSets = [...sets.filter((s) => !s.includes('need')), ['month'], []];

  const select = (
    measures: string,
    groupColumns: string[],
    chosenSets: string[][],
    source: string,
  ) => {
    const flags = keyed.map((c) =>
      groupColumns.includes(c) ? `GROUPING(${c}) AS g_${c}` : `1 AS g_${c}`,
    );
    const keys = keyed.map((c) => (groupColumns.includes(c) ? c : `NULL::text AS ${c}`));
    const groupingSets = chosenSets.map((s) => `(${s.join(', ')})`).join(', ');
    return `SELECT ${[...flags, ...keys].join(', ')},${measures}
  FROM ${source}
 GROUP BY GROUPING SETS (${groupingSets})`;
  };
  const cells = (groupColumns: string[], source: string, extra = '') =>
    `SELECT ${[...groupColumns, CELL_MEASURES_SQL + CELL_WINDOW_COUNTS_SQL + CELL_MEDIAN_VALUES_SQL + extra].join(', ')}
    FROM ${source}
   GROUP BY ${groupColumns.length > 0 ? groupColumns.join(', ') : '()'}`;
  const mergedCells = (groupColumns: string[], counts: readonly string[]) =>
    `SELECT ${[...groupColumns, mergedCellMeasures(counts)].join(', ')}
    FROM fine_cells
   GROUP BY ${groupColumns.length > 0 ? groupColumns.join(', ') : '()'}`;
  const rollup = (source: string, groupColumns: string[], chosenSets: string[][]) =>
    select(
      `\n  '${source}' AS source,${ROLLUP_MEASURES_SQL}${ROLLUP_WINDOW_COUNTS_SQL}`,
      groupColumns,
      chosenSets,
      source,
    );
  const unnested = 'facts CROSS JOIN LATERAL unnest(facts.reasons) AS need';
  const isMonthly = (s: string[]) => s.length === 0 || (s.length === 1 && s[0] === 'month');
  const crossSets = plainSets.filter((s) => !isMonthly(s));
  const monthlySets = plainSets.filter(isMonthly);
  const rollups = [
    ...(withNeed ? [rollup('need_cells', columns, unnestedSets)] : []),
    ...(crossSets.length > 0 ? [rollup('cells', others, crossSets)] : []),
    rollup('month_cells', ['month'], monthlySets),
  ];

  const plainMarked = `(${inMarkedCell('cells', others)} OR ${inMarkedCell('month_cells', ['month'])})`;
  // The statement's rows: every grouping-set row of `measures`, then every cell whose values the
  // medians are picked from (median-window.sql.ts), in one column list.
  const outputs = [
    { source: 'measures m', kind: 'aggregate', keys: keyed, marked: null },
    { source: 'fine_cells', kind: 'cell', keys: [...others, 'month'], marked: plainMarked },
    ...(withNeed
      ? [
          {
            source: 'need_cells',
            kind: 'cell',
            keys: columns,
            marked: inMarkedCell('need_cells', columns),
          },
        ]
      : []),
  ];
  const rows = outputs.map(({ source, kind, keys, marked }) => {
    const aggregate = marked === null;
    const list = [
      `'${kind}' AS row_kind`,
      aggregate ? 'm.source' : `'${source}' AS source`,
      ...keyed.map((c) => (aggregate ? `m.g_${c}` : `NULL::int AS g_${c}`)),
      ...keyed.map((c) => (keys.includes(c) ? c : `NULL::text AS ${c}`)),
      ...[...MEASURE_NAMES, ...CELL_WINDOW_COUNT_NAMES].map((name) =>
        aggregate ? `m.${name}` : `NULL AS ${name}`,
      ),
      aggregate ? NO_MEDIAN_VALUES_SQL : medianValuesSql(marked),
      `${aggregate ? COMPLETENESS_SQL : 'NULL::json'} AS completeness`,
    ];
    return `SELECT ${list.join(',\n       ')}\n  FROM ${source}`;
  });
  const ctes = [
    FACTS,
    medianWindowCte(windowSamplePercent),
    ...(withNeed ? [`need_cells AS (\n  ${cells(columns, unnested)}\n)`] : []),
    `fine_cells AS (\n  ${cells([...others, 'month'], 'facts', CELL_SOLE_PEOPLE_SQL)}\n)`,
    `cells AS (\n  ${mergedCells(others, CELL_COUNT_NAMES)}\n)`,
    `month_cells AS (\n  ${mergedCells(['month'], [...CELL_COUNT_NAMES, ...SOLE_PEOPLE_NAMES])}\n)`,
    `measures AS (\n${rollups.join('\nUNION ALL\n')}\n)`,
    MISSED_ROWS_CTE,
    ...(withNeed ? [markedCellsCte('need_cells', columns, unnestedSets)] : []),
    markedCellsCte('cells', others, crossSets),
    markedCellsCte('month_cells', ['month'], monthlySets),
  ];
  return `WITH ${ctes.join(',\n')}
${rows.join('\nUNION ALL\n')}`;
}
