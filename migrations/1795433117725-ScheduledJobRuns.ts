import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per scheduled job run, so a run claimed by one instance is not done again by another. */
export class ScheduledJobRuns1795433117725 implements MigrationInterface {
  name = 'ScheduledJobRuns1795433117725';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scheduled_job_run" (
        "job" character varying(100) NOT NULL,
        "slot" TIMESTAMP WITH TIME ZONE NOT NULL,
        "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_scheduled_job_run" PRIMARY KEY ("job", "slot")
      )`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "scheduled_job_run"');
  }
}
