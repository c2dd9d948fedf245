import type { Dimension } from './dimensions';

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
people AS (
  SELECT has_country_of_birth AS country_of_birth,
         has_nationality AS nationality,
         has_year_of_arrival AS year_of_arrival,
         has_main_language AS main_language,
         has_migrant_status AS migrant_status,
         has_interpreter_needed AS interpreter_needed
    FROM facts
   WHERE sole_referral
  UNION ALL
  SELECT bool_or(has_country_of_birth),
         bool_or(has_nationality),
         bool_or(has_year_of_arrival),
         bool_or(has_main_language),
         bool_or(has_migrant_status),
         bool_or(has_interpreter_needed)
    FROM facts
   WHERE NOT sole_referral
   GROUP BY person_id
)`;

/** Every measure but the medians: plain aggregates, which PostgreSQL can hash per grouping set. */
const MEASURES_SQL = `
  count(*)::int AS referrals,
  count(*) FILTER (WHERE accepted)::int AS accepted,
  count(*) FILTER (WHERE placed)::int AS placed,
  count(*) FILTER (WHERE attended)::int AS attended,
  count(*) FILTER (WHERE completed)::int AS completed,
  count(days_to_first_contact)::int AS n_first_contact,
  count(days_to_placement)::int AS n_placement,
  avg(swemwbs_change) AS swemwbs_mean,
  stddev_samp(swemwbs_change) AS swemwbs_sd,
  count(swemwbs_change)::int AS swemwbs_n`;

/** The medians: ordered-set aggregates, which sort; kept apart so they sort only what they need. */
const MEDIANS_SQL = `
  percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_first_contact) AS median_days_to_first_contact,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_placement) AS median_days_to_placement`;

const COMPLETENESS_SQL = `(SELECT json_build_object(
    'people', count(*),
    'countryOfBirth', count(*) FILTER (WHERE country_of_birth),
    'nationality', count(*) FILTER (WHERE nationality),
    'yearOfArrival', count(*) FILTER (WHERE year_of_arrival),
    'mainLanguage', count(*) FILTER (WHERE main_language),
    'migrantStatus', count(*) FILTER (WHERE migrant_status),
    'interpreterNeeded', count(*) FILTER (WHERE interpreter_needed)) FROM people)`;

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

/** Queue entries one refresh call takes at most: one short transaction each. */
export const REFRESH_BATCH = 20_000;

/**
 * Rewrites the fact rows of referrals whose sources changed since the last refresh (the triggers
 * queue them), as the owner with every service in scope: at most `batch` queue entries, oldest
 * first. Returns the entries taken and the referrals refreshed; `refreshReportFacts` repeats it.
 */
export const refreshReportFactsSql = (batch = REFRESH_BATCH) =>
  `SELECT taken, refreshed FROM linkway_refresh_report_facts(${Math.trunc(batch)})`;

/** One call, for tests and scripts that know the queue is small. */
export const REFRESH_REPORT_FACTS_SQL = refreshReportFactsSql();

/**
 * Settings for the transaction the report runs in: enough memory for the grouping sets' hash
 * tables and the medians' sorts to stay off disk at a million referrals.
 */
export const REPORT_SETTINGS_SQL = "SET LOCAL work_mem = '128MB'";

/**
 * The whole report in one statement over the fact table. Grouping sets give the cross-tabulation
 * of the chosen dimensions, each dimension alone (for the charts and margins), each month (the
 * trend) and the grand total. A referral has several needs, so when `need` is chosen the sets
 * that contain it aggregate the unnested reasons and the others the referrals themselves.
 *
 * Query plan thinking: the medians (percentile_cont) are ordered-set aggregates, which PostgreSQL
 * never hashes, so any grouping set that computes one is sorted. They are therefore computed in a
 * second aggregation over only the keys and the two durations (rows with neither are left out),
 * and joined to the other measures, whose grouping sets can then be hashed in one pass. The
 * figures are the same aggregates over the same rows as the statement before the fact table.
 */
export function serviceAccessSql(dimensions: readonly Dimension[]): string {
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
  const unnested = 'facts CROSS JOIN LATERAL unnest(facts.reasons) AS need';
  const durations = `(SELECT ${[...others, 'month', ...(withNeed ? ['reasons'] : []), 'days_to_first_contact', 'days_to_placement'].join(', ')}
     FROM facts WHERE days_to_first_contact IS NOT NULL OR days_to_placement IS NOT NULL) facts`;
  const parts = (measures: string, source: string, unnestedSource: string) => {
    const all = [select(measures, [...others, 'month'], plainSets, source)];
    if (withNeed) all.unshift(select(measures, columns, unnestedSets, unnestedSource));
    return all.join('\nUNION ALL\n');
  };
  const same = keyed
    .map((c) => `m.g_${c} = d.g_${c} AND m.${c} IS NOT DISTINCT FROM d.${c}`)
    .join(' AND ');
  return `WITH ${FACTS},
measures AS (
${parts(MEASURES_SQL, 'facts', unnested)}
),
medians AS (
${parts(MEDIANS_SQL, durations, `${durations} CROSS JOIN LATERAL unnest(facts.reasons) AS need`)}
),
aggregates AS (
  SELECT m.*, d.median_days_to_first_contact, d.median_days_to_placement
    FROM measures m LEFT JOIN medians d ON ${same}
)
SELECT aggregates.*, ${COMPLETENESS_SQL} AS completeness FROM aggregates`;
}
