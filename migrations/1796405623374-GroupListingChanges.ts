import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Coordinators' changes to a group's public details, waiting for an admin (issue 21). */
export class GroupListingChanges1796405623374 implements MigrationInterface {
  name = 'GroupListingChanges1796405623374';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "community_group_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "proposed_by" uuid NOT NULL, "proposed" jsonb NOT NULL, "previous" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'pending\', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "rejection_reason" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_community_group_change_status" CHECK (status IN (\'pending\',\'approved\',\'rejected\',\'superseded\',\'withdrawn\')), CONSTRAINT "PK_70ed3cafe47ccbf5ec10110de82" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7e8d8e7fdec79168e713525208" ON "community_group_change"  ("group_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_community_group_change_one_pending" ON "community_group_change"  ("group_id") WHERE status = \'pending\'',
    );
    await queryRunner.query(
      'ALTER TABLE "community_group_change" ADD CONSTRAINT "FK_7e8d8e7fdec79168e7135252088" FOREIGN KEY ("group_id") REFERENCES "community_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "community_group_change" DROP CONSTRAINT "FK_7e8d8e7fdec79168e7135252088"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_community_group_change_one_pending"');
    await queryRunner.query('DROP INDEX "public"."IDX_7e8d8e7fdec79168e713525208"');
    await queryRunner.query('DROP TABLE "community_group_change"');
  }
}
