import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The activity's people contacted, from an index alone: each fact row's case person, in order,
 * with its contact days and (for row-level security) its service. The distinct people are then
 * adjacent in the index, so counting them needs neither the wide fact rows nor a hash of every
 * person. At a million referrals that part went from 1.2 s (a heap scan in one process and a hash
 * of 756,592 people) to 0.2 s, once the table is vacuumed (index-only scans need the visibility map).
 */
export class CasePersonContactIndex1796610000000 implements MigrationInterface {
  name = 'CasePersonContactIndex1796610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_report_referral_fact_case_person" ON "report_referral_fact" ("case_person_id")
         INCLUDE ("service_id", "contact_days") WHERE "case_person_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_report_referral_fact_case_person"');
  }
}
