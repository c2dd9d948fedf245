import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Referrals1795431654405 implements MigrationInterface {
  name = 'Referrals1795431654405';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SEQUENCE "referral_reference_seq" START 1');
    await queryRunner.query(
      'CREATE TABLE "referral_contact_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "referral_id" uuid NOT NULL, "method" character varying(32) NOT NULL, "outcome" character varying(32) NOT NULL, "note_encrypted" text, "actor_id" uuid NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_79d1efb9152aac0a2e29999effe" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_837ccf024e237b09c7ffa231bd" ON "referral_contact_attempt"  ("referral_id", "attempted_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(20) NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'received\', "channel" character varying(32) NOT NULL, "organisation_id" uuid, "created_by_id" uuid, "referrer_name" character varying(200), "referrer_contact" character varying(200), "person_id" uuid NOT NULL, "person_details_encrypted" text NOT NULL, "reasons" character varying(32) array NOT NULL, "summary_encrypted" text, "urgency" character varying(16) NOT NULL DEFAULT \'routine\', "consent_referral_discussed" boolean NOT NULL, "consent_date" date NOT NULL, "consent_share_with_providers" boolean NOT NULL DEFAULT false, "consent_given_by" character varying(32) NOT NULL DEFAULT \'person\', "consent_recorded_by_id" uuid, "possible_duplicates" jsonb NOT NULL DEFAULT \'[]\'::jsonb, "assigned_link_worker_id" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE, "first_contact_at" TIMESTAMP WITH TIME ZONE, "accepted_at" TIMESTAMP WITH TIME ZONE, "case_id" uuid, "declined_at" TIMESTAMP WITH TIME ZONE, "decline_reason" character varying(32), "decline_note_encrypted" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8d96940d9190fb4aee0009ca883" UNIQUE ("reference"), CONSTRAINT "CHK_referral_consent" CHECK (consent_referral_discussed = true), CONSTRAINT "CHK_referral_urgency" CHECK (urgency IN (\'routine\',\'soon\',\'urgent\')), CONSTRAINT "CHK_referral_status" CHECK (status IN (\'received\',\'assigned\',\'accepted\',\'declined\')), CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_0433a79e59b5e4bad477f6f496" ON "referral"  ("person_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6769dd1f56d21b23f8cc04d946" ON "referral"  ("assigned_link_worker_id", "status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_da0adb29ab42d9c0359583c802" ON "referral"  ("organisation_id", "received_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_cbe1d2e8cb501058a990570282" ON "referral"  ("status", "urgency", "received_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "referral_idempotency_key" ("scope" character varying(80) NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "response_status" smallint NOT NULL, "response_body" jsonb NOT NULL, "referral_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3a737717527199b6c94a2c42960" PRIMARY KEY ("scope", "key"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SEQUENCE "referral_reference_seq"');
    await queryRunner.query('DROP TABLE "referral_idempotency_key"');
    await queryRunner.query('DROP INDEX "public"."IDX_cbe1d2e8cb501058a990570282"');
    await queryRunner.query('DROP INDEX "public"."IDX_da0adb29ab42d9c0359583c802"');
    await queryRunner.query('DROP INDEX "public"."IDX_6769dd1f56d21b23f8cc04d946"');
    await queryRunner.query('DROP INDEX "public"."IDX_0433a79e59b5e4bad477f6f496"');
    await queryRunner.query('DROP TABLE "referral"');
    await queryRunner.query('DROP INDEX "public"."IDX_837ccf024e237b09c7ffa231bd"');
    await queryRunner.query('DROP TABLE "referral_contact_attempt"');
  }
}
