import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Directory1795431759850 implements MigrationInterface {
  name = 'Directory1795431759850';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "community_group" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "description" character varying(4000) NOT NULL, "activity_types" character varying array NOT NULL DEFAULT \'{}\', "needs_served" character varying array NOT NULL DEFAULT \'{}\', "languages" character varying array NOT NULL DEFAULT \'{}\', "postcode" character varying(10), "area" character varying(4), "delivery_mode" character varying(16) NOT NULL, "accessibility" jsonb NOT NULL, "schedule" character varying(500), "cost" character varying(200), "age_range" jsonb, "external_id" character varying(200), "suspended_at" TIMESTAMP WITH TIME ZONE, "suspension_reason" character varying(2000), "removed_at" TIMESTAMP WITH TIME ZONE, "expired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_community_group_delivery_mode" CHECK (delivery_mode IN (\'in_person\',\'remote\',\'both\')), CONSTRAINT "PK_de70485816ae1bd91d6fd7a2237" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_78f0f3da0c8a529451a937c30b" ON "community_group"  ("organisation_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_951a5a256e7ea89438b9cc4d34" ON "community_group"  ("area") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_6dd56bb5489ac8372422a0a953" ON "community_group"  ("external_id") WHERE external_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "directory_notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "recipient_ids" uuid array NOT NULL, "message" character varying(1000) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5bcbafef9b315fd3112d779f4e6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_db6ea3fbfc2c96cee7a19197c4" ON "directory_notice"  ("group_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "group_incident" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "description" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reported_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_group_incident_type" CHECK (type IN (\'boundary_concern\',\'harm\',\'complaint\',\'safeguarding_concern\',\'other\')), CONSTRAINT "PK_ab679b96f5c7a61a5ceda642368" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_9890e1e6ecea8fdd6986a9e79d" ON "group_incident"  ("group_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "group_vetting_check" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "check" character varying(64) NOT NULL, "evidence" character varying(2000) NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "verified_by" uuid NOT NULL, "expiry_notice_at" TIMESTAMP WITH TIME ZONE, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_10ce8a712ff89d9132480918e14" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_16e9836f01de1e511e5fab10ca" ON "group_vetting_check"  ("expires_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_aa04ea4770f21b23770dcb357c" ON "group_vetting_check"  ("group_id", "check") ',
    );
    await queryRunner.query(
      'ALTER TABLE "directory_notice" ADD CONSTRAINT "FK_db6ea3fbfc2c96cee7a19197c4c" FOREIGN KEY ("group_id") REFERENCES "community_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "group_incident" ADD CONSTRAINT "FK_9890e1e6ecea8fdd6986a9e79d6" FOREIGN KEY ("group_id") REFERENCES "community_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "group_vetting_check" ADD CONSTRAINT "FK_9caaced5aa4dae7c6020ababe23" FOREIGN KEY ("group_id") REFERENCES "community_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "group_vetting_check" DROP CONSTRAINT "FK_9caaced5aa4dae7c6020ababe23"',
    );
    await queryRunner.query(
      'ALTER TABLE "group_incident" DROP CONSTRAINT "FK_9890e1e6ecea8fdd6986a9e79d6"',
    );
    await queryRunner.query(
      'ALTER TABLE "directory_notice" DROP CONSTRAINT "FK_db6ea3fbfc2c96cee7a19197c4c"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_aa04ea4770f21b23770dcb357c"');
    await queryRunner.query('DROP INDEX "public"."IDX_16e9836f01de1e511e5fab10ca"');
    await queryRunner.query('DROP TABLE "group_vetting_check"');
    await queryRunner.query('DROP INDEX "public"."IDX_9890e1e6ecea8fdd6986a9e79d"');
    await queryRunner.query('DROP TABLE "group_incident"');
    await queryRunner.query('DROP INDEX "public"."IDX_db6ea3fbfc2c96cee7a19197c4"');
    await queryRunner.query('DROP TABLE "directory_notice"');
    await queryRunner.query('DROP INDEX "public"."IDX_6dd56bb5489ac8372422a0a953"');
    await queryRunner.query('DROP INDEX "public"."IDX_951a5a256e7ea89438b9cc4d34"');
    await queryRunner.query('DROP INDEX "public"."IDX_78f0f3da0c8a529451a937c30b"');
    await queryRunner.query('DROP TABLE "community_group"');
  }
}
