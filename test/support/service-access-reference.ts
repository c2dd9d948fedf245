import {
  NOT_RECORDED,
  UNKNOWN_AREA,
  type Dimension,
} from '../../src/reports/service-access/dimensions';
import {
  DIMENSION_COLUMN,
  type AggregateRow,
} from '../../src/reports/service-access/service-access.sql';

/*
 * The service-access statement as it was before the fact table (issue 19), unchanged: every
 * referral's facts worked out from the live sources on each request, and aggregated with
 * percentile_cont in sorted grouping sets. The reference the fact table's report must agree with
 * (test/report-facts.property.e2e-spec.ts); the rows of `report_referral_fact` come from this
 * `facts` CTE restricted to ids (migration ReportReferralFact).
 */

const LOCAL = `AT TIME ZONE 'Europe/London'`;

/**
 * One row per referral received in the period [$1, $2] (London dates), with every key and
 * measure the report needs. Placements and SWEMWBS scores of the period's cases are
 * pre-aggregated per case (hash aggregation, or index lookups through placement.case_id and
 * outcome_measure(case_id, instrument, recorded_at) for a short period) rather than looked up
 * per referral; referral.received_at's index finds a short period's referrals. What the report
 * knows of the person comes from report_referral_facts (migration ReferralReportFacts): live from
 * the person, migration profile and postcode lookup, joined by key, or frozen on the referral once
 * the person is erased, so an erasure changes no figure.
 */
const FACTS = `
period_cases AS (
  SELECT case_id FROM report_referral
   WHERE received_at >= ($1::date)::timestamp ${LOCAL}
     AND received_at < ($2::date + 1)::timestamp ${LOCAL}
     AND case_id IS NOT NULL
),
placed AS (
  SELECT pl.case_id,
         min(pl.responded_at) AS placed_at,
         bool_or(att.placement_id IS NOT NULL) AS attended
    FROM report_placement pl
    LEFT JOIN (SELECT DISTINCT placement_id FROM report_placement_attendance WHERE attended) att
      ON att.placement_id = pl.id
   WHERE pl.case_id IN (SELECT case_id FROM period_cases)
     AND pl.responded_at IS NOT NULL
     AND pl.decline_reason IS NULL
     AND pl.status IN ('accepted', 'paused', 'ended')
   GROUP BY pl.case_id
),
wellbeing AS (
  -- First baseline and last later score per case: min/max over [recorded_at, score] pairs hash-aggregate
  -- in one scan, where array_agg(… ORDER BY) would sort every case's scores.
  SELECT case_id,
         (max(ARRAY[extract(epoch FROM recorded_at), (scores->>'metric')::float8])
            FILTER (WHERE timepoint <> 'baseline'))[2]
       - (min(ARRAY[extract(epoch FROM recorded_at), (scores->>'metric')::float8])
            FILTER (WHERE timepoint = 'baseline'))[2] AS change
    FROM report_outcome_measure
   WHERE instrument = 'SWEMWBS' AND case_id IN (SELECT case_id FROM period_cases)
   GROUP BY case_id
),
facts AS MATERIALIZED (
  SELECT r.id,
         r.person_id,
         r.reasons,
         to_char(r.local_day, 'YYYY-MM') AS month,
         r.channel::text AS channel,
         sv.name::text AS service,
         COALESCE(r.migrant_status, '${NOT_RECORDED}')::text AS migrant_status,
         COALESCE(r.country_of_birth::text, '${NOT_RECORDED}') AS country_of_birth,
         COALESCE(r.main_language, '${NOT_RECORDED}')::text AS main_language,
         CASE r.interpreter_needed
           WHEN true THEN 'yes' WHEN false THEN 'no' ELSE '${NOT_RECORDED}' END AS interpreter_needed,
         r.age_band::text AS age_band,
         r.sex::text AS sex,
         COALESCE(r.local_authority_name, r.local_authority_code, '${UNKNOWN_AREA}')::text AS area,
         r.year_of_arrival_band::text AS year_of_arrival_band,
         c.id IS NOT NULL AS accepted,
         COALESCE(pl.placed_at IS NOT NULL, false) AS placed,
         COALESCE(pl.attended, false) AS attended,
         COALESCE(c.close_reason = 'goals_met', false) AS completed,
         CASE WHEN r.first_contact_at >= r.received_at
           THEN extract(epoch FROM r.first_contact_at - r.received_at) / 86400 END AS days_to_first_contact,
         CASE WHEN pl.placed_at >= r.received_at
           THEN extract(epoch FROM pl.placed_at - r.received_at) / 86400 END AS days_to_placement,
         w.change AS swemwbs_change,
         r.country_of_birth IS NOT NULL AS has_country_of_birth,
         r.has_nationality AS has_nationality,
         r.has_year_of_arrival AS has_year_of_arrival,
         r.main_language IS NOT NULL AS has_main_language,
         COALESCE(r.migrant_status <> '${NOT_RECORDED}', false) AS has_migrant_status,
         r.interpreter_needed IS NOT NULL AS has_interpreter_needed
    FROM (
      -- The London date of receipt, converted once per referral (OFFSET 0 keeps the planner from
      -- inlining the conversion into every expression that uses it).
      SELECT *, (received_at ${LOCAL})::date AS local_day
        FROM report_referral_facts
       WHERE received_at >= ($1::date)::timestamp ${LOCAL}
         AND received_at < ($2::date + 1)::timestamp ${LOCAL}
      OFFSET 0
    ) r
    JOIN report_service sv ON sv.id = r.service_id
    LEFT JOIN report_case c ON c.id = r.case_id
    LEFT JOIN placed pl ON pl.case_id = c.id
    LEFT JOIN wellbeing w ON w.case_id = c.id
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
export function referenceServiceAccessSql(dimensions: readonly Dimension[]): string {
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
  return `WITH ${FACTS},
aggregates AS (
${parts.join('\nUNION ALL\n')}
)
SELECT aggregates.*, ${COMPLETENESS_SQL} AS completeness FROM aggregates`;
}

/** A row of the reference statement as an aggregate; `columns` are its keyed columns, month last. */
export function referenceAggregate(
  raw: Record<string, unknown>,
  columns: readonly string[],
): AggregateRow {
  const grouped = columns.filter((c) => Number(raw[`g_${c}`]) === 0);
  const num = (name: string) => (raw[name] === null ? null : Number(raw[name]));
  return {
    grouped,
    key: Object.fromEntries(grouped.map((c) => [c, String(raw[c])])),
    referrals: Number(raw.referrals),
    accepted: Number(raw.accepted),
    placed: Number(raw.placed),
    attended: Number(raw.attended),
    completed: Number(raw.completed),
    median_days_to_first_contact: num('median_days_to_first_contact'),
    n_first_contact: Number(raw.n_first_contact),
    median_days_to_placement: num('median_days_to_placement'),
    n_placement: Number(raw.n_placement),
    swemwbs_mean: num('swemwbs_mean'),
    swemwbs_sd: num('swemwbs_sd'),
    swemwbs_n: Number(raw.swemwbs_n),
  };
}
