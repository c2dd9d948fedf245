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
 */
const FACTS = `
facts AS (
  SELECT * FROM report_referral_fact WHERE local_day BETWEEN $1::date AND $2::date
),
people AS (
  SELECT person_id,
         bool_or(has_country_of_birth) AS country_of_birth,
         bool_or(has_nationality) AS nationality,
         bool_or(has_year_of_arrival) AS year_of_arrival,
         bool_or(has_main_language) AS main_language,
         bool_or(has_migrant_status) AS migrant_status,
         bool_or(has_interpreter_needed) AS interpreter_needed
    FROM facts
   GROUP BY person_id
)`;

const MEASURES_SQL = `
  count(*)::int AS referrals,
  count(*) FILTER (WHERE accepted)::int AS accepted,
  count(*) FILTER (WHERE placed)::int AS placed,
  count(*) FILTER (WHERE attended)::int AS attended,
  count(*) FILTER (WHERE completed)::int AS completed,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_first_contact) AS median_days_to_first_contact,
  count(days_to_first_contact)::int AS n_first_contact,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_placement) AS median_days_to_placement,
  count(days_to_placement)::int AS n_placement,
  avg(swemwbs_change) AS swemwbs_mean,
  stddev_samp(swemwbs_change) AS swemwbs_sd,
  count(swemwbs_change)::int AS swemwbs_n`;

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

/**
 * Settings for the transaction the report runs in: enough memory for the grouping sets' sorts
 * and the hash joins to stay off disk at a million referrals.
 */
/**
 * Rewrites the fact rows of every referral whose sources changed since the last refresh (the
 * triggers queue them), as the owner with every service in scope; returns how many.
 */
export const REFRESH_REPORT_FACTS_SQL = 'SELECT linkway_refresh_report_facts() AS refreshed';

export const REPORT_SETTINGS_SQL = "SET LOCAL work_mem = '128MB'";

/**
 * The whole report in one statement. Grouping sets give, in one aggregation over the facts:
 * the cross-tabulation of the chosen dimensions, each dimension alone (for the charts and
 * margins), each month (the trend) and the grand total. A referral has several needs, so
 * when `need` is chosen the sets that contain it aggregate the unnested reasons and the
 * others the referrals themselves (UNION ALL over the same materialised facts).
 *
 * Query plan thinking: the period filter is a range on referral.received_at (an index on it
 * serves short periods; a long period is a sequential scan, which is then the cheapest plan);
 * person, migration_profile, support_case, service and postcode_area join by primary key, placement
 * and outcome_measure are aggregated once per case and hash-joined, so the cost is a few
 * scans plus one sort per grouping set for the medians — no per-referral index lookups and
 * no rows leave the database except the aggregates (a few hundred at most).
 */
export function serviceAccessSql(dimensions: readonly Dimension[]): string {
  return aggregateOverFacts(FACTS, dimensions);
}

/** The aggregation, over CTEs `facts` and `people` given as SQL (the fact table's, or a reference's). */
export function aggregateOverFacts(factsCtes: string, dimensions: readonly Dimension[]): string {
  const columns = dimensions.map((d) => DIMENSION_COLUMN[d]);
  const withNeed = columns.includes('need');
  const others = columns.filter((c) => c !== 'need');
  const sets: string[][] = [columns, ...(columns.length > 1 ? columns.map((c) => [c]) : [])];
  const unnestedSets = withNeed ? sets.filter((s) => s.includes('need')) : [];
  const plainSets = [...sets.filter((s) => !s.includes('need')), ['month'], []];

  const select = (groupColumns: string[], chosenSets: string[][], source: string) => {
    const flags = [...columns, 'month'].map((c) =>
      groupColumns.includes(c) ? `GROUPING(${c}) AS g_${c}` : `1 AS g_${c}`,
    );
    const keys = [...columns, 'month'].map((c) =>
      groupColumns.includes(c) ? c : `NULL::text AS ${c}`,
    );
    const groupingSets = chosenSets.map((s) => `(${s.join(', ')})`).join(', ');
    return `SELECT ${[...flags, ...keys].join(', ')},${MEASURES_SQL}
  FROM ${source}
 GROUP BY GROUPING SETS (${groupingSets})`;
  };

  const parts = [select([...others, 'month'], plainSets, 'facts')];
  if (withNeed) {
    parts.unshift(
      select(
        columns,
        unnestedSets,
        'facts CROSS JOIN LATERAL unnest(facts.reasons::text[]) AS need',
      ),
    );
  }
  return `WITH ${factsCtes},
aggregates AS (
${parts.join('\nUNION ALL\n')}
)
SELECT aggregates.*, ${COMPLETENESS_SQL} AS completeness FROM aggregates`;
}
