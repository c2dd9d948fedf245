import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report facts on each referral (issue 22): what the reports need to know about the person,
 * generalised to the reports' own categories, kept so that erasure and retention can remove the
 * date of birth, the postcode and the exact year of arrival without changing any published figure.
 *
 * `report_referral_facts` (owned by reports) gives every referral's facts. Until the person is
 * erased or anonymised they are worked out from the live records, so a correction to a migration
 * profile or a postcode lookup loaded later shows at once; `linkway_freeze_report_facts(person)`,
 * called by erasure before it removes the sources, writes that same row onto the referral
 * (`report_facts_frozen_at`), and the view reads it from then on. One SQL definition serves both,
 * so a frozen referral reports exactly as it did live.
 *
 * People erased before this migration still have their date of birth and outward postcode: their
 * facts are frozen from what is left (the outward code is in no lookup, so their area stays
 * "unknown", as reports showed it) and then those are removed, with the year of arrival and
 * nationality. `down()` cannot bring the removed values back.
 */
const FACT_COLUMNS: [string, string][] = [
  ['report_facts_frozen_at', 'TIMESTAMP WITH TIME ZONE'],
  ['fact_age_band', 'character varying(16)'],
  ['fact_age_floor', 'smallint'],
  ['fact_sex', 'character varying(24)'],
  ['fact_ethnicity', 'character varying(40)'],
  ['fact_religion', 'character varying(24)'],
  ['fact_migrant_status', 'character varying(32)'],
  ['fact_country_of_birth', 'character(2)'],
  ['fact_has_nationality', 'boolean'],
  ['fact_year_of_arrival_band', 'character varying(16)'],
  ['fact_has_year_of_arrival', 'boolean'],
  ['fact_main_language', 'character varying(8)'],
  ['fact_interpreter_needed', 'boolean'],
  ['fact_local_authority_code', 'character varying(9)'],
  ['fact_local_authority_name', 'character varying(150)'],
  ['fact_ward_code', 'character varying(9)'],
  ['fact_lsoa_code', 'character varying(9)'],
];

const LOCAL_DAY = `(r.received_at AT TIME ZONE 'Europe/London')::date`;

/** Each fact as worked out from the live records, by the rules the reports used before. */
const LIVE: Record<string, string> = {
  age_band: `CASE
      WHEN p.date_of_birth IS NULL OR p.date_of_birth > ${LOCAL_DAY} THEN 'not_recorded'
      WHEN p.date_of_birth > ${LOCAL_DAY} - interval '16 years' THEN '0-15'
      WHEN p.date_of_birth > ${LOCAL_DAY} - interval '25 years' THEN '16-24'
      WHEN p.date_of_birth > ${LOCAL_DAY} - interval '35 years' THEN '25-34'
      WHEN p.date_of_birth > ${LOCAL_DAY} - interval '50 years' THEN '35-49'
      WHEN p.date_of_birth > ${LOCAL_DAY} - interval '65 years' THEN '50-64'
      ELSE '65+'
    END`,
  age_floor: `CASE WHEN p.date_of_birth IS NULL OR p.date_of_birth > ${LOCAL_DAY} THEN NULL
      ELSE least(85, (date_part('year', age(${LOCAL_DAY}, p.date_of_birth))::int / 5) * 5)
    END::smallint`,
  sex: `CASE
      WHEN NULLIF(btrim(p.sex), '') IS NULL THEN 'not_recorded'
      WHEN lower(btrim(p.sex)) IN ('female', 'f', 'woman') THEN 'female'
      WHEN lower(btrim(p.sex)) IN ('male', 'm', 'man') THEN 'male'
      WHEN lower(btrim(p.sex)) IN ('prefer_not_to_say', 'prefer not to say') THEN 'prefer_not_to_say'
      ELSE 'other'
    END`,
  ethnicity: 'p.ethnicity',
  religion: 'p.religion',
  migrant_status: 'mp.migrant_status',
  country_of_birth: 'mp.country_of_birth',
  has_nationality: 'mp.nationality IS NOT NULL',
  year_of_arrival_band: `CASE
      WHEN mp.year_of_arrival IS NULL
        OR mp.year_of_arrival > date_part('year', ${LOCAL_DAY}) THEN 'not_recorded'
      WHEN date_part('year', ${LOCAL_DAY}) - mp.year_of_arrival < 2 THEN 'under_2'
      WHEN date_part('year', ${LOCAL_DAY}) - mp.year_of_arrival < 5 THEN '2_to_5'
      WHEN date_part('year', ${LOCAL_DAY}) - mp.year_of_arrival < 10 THEN '5_to_10'
      ELSE '10_plus'
    END`,
  has_year_of_arrival: 'mp.year_of_arrival IS NOT NULL',
  main_language: 'COALESCE(mp.main_language, p.preferred_language)',
  interpreter_needed: 'COALESCE(mp.interpreter_needed, p.interpreter_needed)',
  local_authority_code: 'pa.local_authority_code',
  local_authority_name: 'pa.local_authority_name',
  ward_code: 'pa.ward_code',
  lsoa_code: 'pa.lsoa_code',
};

const FACTS_VIEW = `CREATE VIEW "report_referral_facts" WITH (security_invoker = true) AS
  SELECT r.id, r.person_id, r.case_id, r.service_id, r.channel, r.reasons, r.received_at,
         r.first_contact_at, r.report_facts_frozen_at IS NOT NULL AS frozen,
         ${Object.entries(LIVE)
           .map(
             ([fact, live]) =>
               `CASE WHEN r.report_facts_frozen_at IS NULL THEN ${live} ELSE r.fact_${fact} END AS ${fact}`,
           )
           .join(',\n         ')}
    FROM referral r
    LEFT JOIN person p ON p.id = r.person_id
    LEFT JOIN migration_profile mp ON mp.person_id = r.person_id
    LEFT JOIN postcode_area pa ON pa.postcode = upper(translate(p.postcode, E' \\t\\n\\r\\f', ''))`;

const FREEZE_FUNCTION = `CREATE FUNCTION linkway_freeze_report_facts(person uuid) RETURNS integer
  LANGUAGE sql AS $$
    WITH frozen AS (
      UPDATE referral r
         SET report_facts_frozen_at = now(),
             ${Object.keys(LIVE)
               .map((fact) => `fact_${fact} = f.${fact}`)
               .join(', ')}
        FROM report_referral_facts f
       WHERE f.id = r.id AND r.person_id = person AND r.report_facts_frozen_at IS NULL
      RETURNING 1
    )
    SELECT count(*)::int FROM frozen
  $$`;

export class ReferralReportFacts1796420000000 implements MigrationInterface {
  name = 'ReferralReportFacts1796420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Every service's rows, whatever role runs the migration.
    await queryRunner.query(`SELECT set_config('linkway.services', '*', true)`);
    for (const [column, type] of FACT_COLUMNS) {
      await queryRunner.query(`ALTER TABLE "referral" ADD "${column}" ${type}`);
    }
    await queryRunner.query(FACTS_VIEW);
    await queryRunner.query(
      `COMMENT ON VIEW "report_referral_facts" IS 'Owned by reports: what the JSNA reports may read. Change it with the table it shows.'`,
    );
    await queryRunner.query('GRANT SELECT ON report_referral_facts TO linkway_app');
    await queryRunner.query(FREEZE_FUNCTION);

    const erased = `SELECT id FROM person WHERE erased_at IS NOT NULL`;
    await queryRunner.query(`SELECT linkway_freeze_report_facts(id) FROM (${erased}) e`);
    await queryRunner.query(
      `UPDATE person SET date_of_birth = NULL, postcode = NULL WHERE erased_at IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE migration_profile SET year_of_arrival = NULL, nationality = NULL
        WHERE person_id IN (${erased})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION linkway_freeze_report_facts(uuid)');
    await queryRunner.query('DROP VIEW "report_referral_facts"');
    for (const [column] of [...FACT_COLUMNS].reverse()) {
      await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "${column}"`);
    }
  }
}
