import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Equity data (issue 19): optional ethnicity and religion on the person, coded; Census 2021
 * population counts for the equity report; and the views reports read them through.
 *
 * `sex` keeps its column. Every door now writes only `female`, `male` or `prefer_not_to_say`;
 * earlier rows held the person's own words. The words the service-access report already read as
 * one of those codes are rewritten as the code (the same mapping as its SQL, so no figure
 * changes); any other words stay as they were, counted as "other" by the report, until a link
 * worker records a code. `sex` has no constraint for that reason: a CHECK is tested on every
 * update of a row, so an old row could not otherwise be changed at all.
 *
 * (The generator also proposed resetting referral.possible_duplicates' default, a difference in
 * how TypeORM spells the same default; left out.)
 */
const CODES_OF_WORDS = `
  CASE
    WHEN lower(btrim(sex)) IN ('female', 'f', 'woman') THEN 'female'
    WHEN lower(btrim(sex)) IN ('male', 'm', 'man') THEN 'male'
    WHEN lower(btrim(sex)) IN ('prefer_not_to_say', 'prefer not to say') THEN 'prefer_not_to_say'
  END`;

const PERSON_VIEW = `SELECT id, date_of_birth, sex, postcode, preferred_language, interpreter_needed`;

export class EquityFields1796408242784 implements MigrationInterface {
  name = 'EquityFields1796408242784';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "population_count" ("area_code" character varying(9) NOT NULL, "kind" character varying(16) NOT NULL, "category" character varying(40) NOT NULL, "age_band" character varying(8) NOT NULL, "area_name" character varying(150), "count" integer NOT NULL, "source" character varying(40) NOT NULL, "census_date" date NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ef04f2a199ca77f139f27dbc3c" PRIMARY KEY ("area_code", "kind", "category", "age_band"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5df6861716428ce13f36e2d8b9" ON "population_count"  ("kind", "category") ',
    );
    await queryRunner.query('ALTER TABLE "person" ADD "ethnicity" character varying(40)');
    await queryRunner.query('ALTER TABLE "person" ADD "religion" character varying(24)');
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "CHK_person_religion" CHECK (religion IN ('no_religion', 'christian', 'buddhist', 'hindu', 'jewish', 'muslim', 'sikh', 'other_religion', 'prefer_not_to_say'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "CHK_person_ethnicity" CHECK (ethnicity IN ('asian_indian', 'asian_pakistani', 'asian_bangladeshi', 'asian_chinese', 'asian_other', 'black_african', 'black_caribbean', 'black_other', 'mixed_white_black_caribbean', 'mixed_white_black_african', 'mixed_white_asian', 'mixed_other', 'white_british', 'white_irish', 'white_gypsy_or_irish_traveller', 'white_roma', 'white_other', 'other_arab', 'other_any', 'prefer_not_to_say'))`,
    );
    await queryRunner.query(
      `UPDATE "person" SET sex = ${CODES_OF_WORDS}
        WHERE sex IS NOT NULL AND ${CODES_OF_WORDS} IS NOT NULL AND sex IS DISTINCT FROM ${CODES_OF_WORDS}`,
    );

    // Without WITH (…) a replaced view loses its options, security_invoker among them.
    await queryRunner.query(
      `CREATE OR REPLACE VIEW "report_person" WITH (security_invoker = true) AS
         ${PERSON_VIEW}, ethnicity, religion FROM person`,
    );
    await queryRunner.query(
      `CREATE VIEW "report_population" WITH (security_invoker = true) AS
         SELECT area_code, area_name, kind, category, age_band, count, source, census_date
           FROM population_count`,
    );
    await queryRunner.query(
      `COMMENT ON VIEW "report_population" IS 'Owned by reports: what the JSNA reports may read. Change it with the table it shows.'`,
    );
    await queryRunner.query('GRANT SELECT ON report_population TO linkway_app');
    await queryRunner.query(
      'GRANT SELECT, INSERT, UPDATE, DELETE ON population_count TO linkway_app',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW "report_population"');
    await queryRunner.query('DROP VIEW "report_person"');
    await queryRunner.query(
      `CREATE VIEW "report_person" WITH (security_invoker = true) AS ${PERSON_VIEW} FROM person`,
    );
    await queryRunner.query(
      `COMMENT ON VIEW "report_person" IS 'Owned by reports: what the JSNA reports may read. Change it with the table it shows.'`,
    );
    await queryRunner.query('ALTER TABLE "person" DROP CONSTRAINT "CHK_person_ethnicity"');
    await queryRunner.query('ALTER TABLE "person" DROP CONSTRAINT "CHK_person_religion"');
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "religion"');
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "ethnicity"');
    await queryRunner.query('DROP INDEX "public"."IDX_5df6861716428ce13f36e2d8b9"');
    await queryRunner.query('DROP TABLE "population_count"');
  }
}
