import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Placements1795431800179 implements MigrationInterface {
  name = 'Placements1795431800179';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "group_capacity" ("group_id" uuid NOT NULL, "places" integer NOT NULL DEFAULT \'0\', "weekly_intake_limit" integer, "waitlist_enabled" boolean NOT NULL DEFAULT false, "intake_paused" boolean NOT NULL DEFAULT false, "offer_expiry_days" smallint NOT NULL DEFAULT \'7\', "reserved" integer NOT NULL DEFAULT \'0\', "waitlist_length" integer NOT NULL DEFAULT \'0\', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_group_capacity_waitlist" CHECK (waitlist_length >= 0), CONSTRAINT "CHK_group_capacity_expiry" CHECK (offer_expiry_days BETWEEN 1 AND 60), CONSTRAINT "CHK_group_capacity_weekly" CHECK (weekly_intake_limit IS NULL OR weekly_intake_limit >= 1), CONSTRAINT "CHK_group_capacity_reserved" CHECK (reserved >= 0 AND reserved <= places), CONSTRAINT "CHK_group_capacity_places" CHECK (places >= 0 AND places <= 10000), CONSTRAINT "PK_085a116131d5c9e0b577ce8e5e9" PRIMARY KEY ("group_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "group_weekly_intake" ("group_id" uuid NOT NULL, "iso_week" character varying(8) NOT NULL, "n" integer NOT NULL DEFAULT \'0\', CONSTRAINT "CHK_group_weekly_intake_n" CHECK (n >= 0), CONSTRAINT "PK_4ec1e8d398a3e13e4a9fc0d1872" PRIMARY KEY ("group_id", "iso_week"))',
    );
    await queryRunner.query(
      'CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_user_id" uuid, "recipient_organisation_id" uuid, "kind" character varying(32) NOT NULL, "text" character varying(500) NOT NULL, "link" character varying(300), "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_notification_recipient" CHECK ((recipient_user_id IS NULL) <> (recipient_organisation_id IS NULL)), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d224cf07d3b0e6a9df2b69f73a" ON "notification"  ("recipient_organisation_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_94989e126d2fc27780c50042d1" ON "notification"  ("recipient_user_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_user_id" uuid, "recipient_organisation_id" uuid, "subject" character varying(200) NOT NULL, "body" character varying(2000) NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'pending\', "attempts" integer NOT NULL DEFAULT \'0\', "last_error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_outbox_recipient" CHECK ((recipient_user_id IS NULL) <> (recipient_organisation_id IS NULL)), CONSTRAINT "CHK_outbox_status" CHECK (status IN (\'pending\',\'sent\',\'failed\')), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_684930034a69a0e6630e44ba87" ON "outbox"  ("status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "placement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "person_id" uuid NOT NULL, "link_worker_id" uuid NOT NULL, "group_id" uuid NOT NULL, "group_organisation_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "status_before_pause" character varying(16), "position" integer, "note" character varying(1000), "offered_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "reminder_sent_at" TIMESTAMP WITH TIME ZONE, "responded_at" TIMESTAMP WITH TIME ZONE, "decline_reason" character varying(32), "end_reason" character varying(32), "ended_at" TIMESTAMP WITH TIME ZONE, "needs_review" boolean NOT NULL DEFAULT false, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_placement_position" CHECK ((status = \'waitlisted\') = (position IS NOT NULL) AND (position IS NULL OR position >= 1)), CONSTRAINT "CHK_placement_status" CHECK (status IN (\'offered\',\'accepted\',\'paused\',\'waitlisted\',\'declined\',\'ended\',\'expired\',\'withdrawn\')), CONSTRAINT "PK_4f8b29ee2db5213bcb38b6c71c4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_placement_waitlist_position" ON "placement"  ("group_id", "position") WHERE status = \'waitlisted\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_placement_one_open_per_case_group" ON "placement"  ("case_id", "group_id") WHERE status IN (\'offered\',\'accepted\',\'paused\',\'waitlisted\')',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_045bf4b77584625b62db507546" ON "placement"  ("group_id", "status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6d78f36eb71fe75020a4f5690c" ON "placement"  ("case_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_0437a3efdb493c265474ad8bd0" ON "placement"  ("group_organisation_id", "status") ',
    );
    await queryRunner.query(
      'CREATE TABLE "placement_attendance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "placement_id" uuid NOT NULL, "date" date NOT NULL, "attended" boolean NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_placement_attendance_day" UNIQUE ("placement_id", "date"), CONSTRAINT "PK_70cd8d3d3d91879e19eb5650b3c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "placement_attendance" ADD CONSTRAINT "FK_20ce29f7b629ccdd5615cbb47b1" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "placement_attendance" DROP CONSTRAINT "FK_20ce29f7b629ccdd5615cbb47b1"',
    );
    await queryRunner.query('DROP TABLE "placement_attendance"');
    await queryRunner.query('DROP INDEX "public"."IDX_0437a3efdb493c265474ad8bd0"');
    await queryRunner.query('DROP INDEX "public"."IDX_6d78f36eb71fe75020a4f5690c"');
    await queryRunner.query('DROP INDEX "public"."IDX_045bf4b77584625b62db507546"');
    await queryRunner.query('DROP INDEX "public"."IDX_placement_one_open_per_case_group"');
    await queryRunner.query('DROP INDEX "public"."IDX_placement_waitlist_position"');
    await queryRunner.query('DROP TABLE "placement"');
    await queryRunner.query('DROP INDEX "public"."IDX_684930034a69a0e6630e44ba87"');
    await queryRunner.query('DROP TABLE "outbox"');
    await queryRunner.query('DROP INDEX "public"."IDX_94989e126d2fc27780c50042d1"');
    await queryRunner.query('DROP INDEX "public"."IDX_d224cf07d3b0e6a9df2b69f73a"');
    await queryRunner.query('DROP TABLE "notification"');
    await queryRunner.query('DROP TABLE "group_weekly_intake"');
    await queryRunner.query('DROP TABLE "group_capacity"');
  }
}
