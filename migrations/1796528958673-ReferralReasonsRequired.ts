import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every referral has at least one reason, each once. Every door has validated this since the
 * start; the service-access report's need breakdowns now rely on it (a reader of a need
 * cross-tabulation knows it, so the disclosure audit is told it), so the database keeps it too.
 * Repeated reasons, which no door lets in, are folded first, in their first order; a referral
 * with no reason at all stops the migration with a message, as no reason can be made up for it.
 */
export class ReferralReasonsRequired1796528958673 implements MigrationInterface {
  name = 'ReferralReasonsRequired1796528958673';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION linkway_all_distinct(values_ character varying[]) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS 'SELECT count(DISTINCT v) = count(*) FROM unnest(values_) v'`);
    await queryRunner.query(`
      UPDATE referral r
         SET reasons = ARRAY(SELECT v FROM unnest(r.reasons) WITH ORDINALITY AS u(v, i)
                              GROUP BY v ORDER BY min(i))
       WHERE NOT linkway_all_distinct(r.reasons)`);
    await queryRunner.query(`
      DO $$
      DECLARE without integer;
      BEGIN
        SELECT count(*) INTO without FROM referral WHERE cardinality(reasons) = 0;
        IF without > 0 THEN
          RAISE EXCEPTION '% referral(s) have no reason for referral; record one before migrating', without;
        END IF;
      END $$`);
    await queryRunner.query(
      'ALTER TABLE "referral" ADD CONSTRAINT "CHK_referral_reasons" CHECK (cardinality(reasons) >= 1 AND linkway_all_distinct(reasons))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "referral" DROP CONSTRAINT "CHK_referral_reasons"');
    await queryRunner.query('DROP FUNCTION linkway_all_distinct(character varying[])');
  }
}
