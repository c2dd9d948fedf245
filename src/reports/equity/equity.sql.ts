import type { PopulationKind } from '../population/census-labels';
import type { EquityDimension } from './equity.types';

const LOCAL = `AT TIME ZONE 'Europe/London'`;

/** The population kind each breakdown takes its denominators from (`area`: decided by what is loaded). */
export const KIND_OF: Readonly<Record<Exclude<EquityDimension, 'area'>, PopulationKind>> = {
  ethnicity: 'ethnicity',
  countryOfBirth: 'countryOfBirth',
  ageBand: 'ageBand',
  sex: 'sex',
};

/**
 * One row per referral received in the period [$1, $2] (London dates), from its report facts
 * (report_referral_facts, which an erasure freezes): the person's equity fields, their age at
 * referral as the floor of a five-year band (null when unknown), and the population area of kind
 * $3 their postcode lay in (a local authority, ward or LSOA, whichever the loaded figures use),
 * null when outside every area or unknown. Sex is its report category (`not_recorded` if none).
 */
const FACTS = `
r AS (
  SELECT * FROM report_referral_facts
   WHERE received_at >= ($1::date)::timestamp ${LOCAL}
     AND received_at < ($2::date + 1)::timestamp ${LOCAL}
),
areas AS (SELECT DISTINCT area_code FROM report_population WHERE kind = $3),
facts AS (
  SELECT r.person_id, r.sex, r.ethnicity, r.religion,
         r.country_of_birth::text AS country_of_birth,
         r.age_floor,
         (SELECT a.area_code FROM areas a
           WHERE a.area_code IN (r.local_authority_code, r.ward_code, r.lsoa_code) LIMIT 1) AS area
    FROM r
)`;

const KEY_SQL: Readonly<Record<EquityDimension, string>> = {
  ethnicity: 'ethnicity',
  countryOfBirth: 'country_of_birth',
  ageBand: 'age_floor::text',
  sex: 'sex',
  area: 'area',
};

/**
 * Referrals of residents of the covered areas by the breakdown's raw value and five-year age
 * floor; and, over every referral of the period, how many people have each equity field.
 */
export function equityReferralsSql(by: EquityDimension): string {
  return `WITH ${FACTS}
SELECT 'count' AS part, ${KEY_SQL[by]} AS key, age_floor, count(*)::int AS referrals,
       NULL::int AS people, NULL::int AS sex, NULL::int AS ethnicity, NULL::int AS religion
  FROM facts WHERE area IS NOT NULL
 GROUP BY 2, 3
UNION ALL
SELECT 'people', NULL, NULL, NULL,
       count(DISTINCT person_id)::int,
       count(DISTINCT person_id) FILTER (WHERE sex <> 'not_recorded')::int,
       count(DISTINCT person_id) FILTER (WHERE ethnicity IS NOT NULL)::int,
       count(DISTINCT person_id) FILTER (WHERE religion IS NOT NULL)::int
  FROM facts`;
}

/** The kinds of population loaded, with their sources and census days. */
export const POPULATION_KINDS_SQL = `
SELECT kind, string_agg(DISTINCT source, ', ' ORDER BY source) AS sources,
       max(census_date)::text AS census_date
  FROM report_population GROUP BY kind`;

/** One kind's figures, by area, category and age band ('all' or a five-year band). */
export const POPULATION_SQL = `
SELECT area_code, max(area_name) AS area_name, category, age_band, sum(count)::int AS count
  FROM report_population WHERE kind = $1
 GROUP BY area_code, category, age_band
 ORDER BY area_code, category, age_band`;
