import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifications module: the transactional outbox (one row per email or text, delivered
 * through GOV.UK Notify), email preferences per user and organisation, and a person's consent
 * to texts. Outbox rows and consent concern one service's records, so both are under row-level
 * security like every service-owned table; consent takes its service from the person.
 *
 * The old `outbox` table (placements' email queue, only ever written to the log) is dropped:
 * its rows had no service and no address, and a pending one would only have been a log line.
 * The in-app `notification` table stays as it is, now owned by notifications.
 */
const SERVICE_OWNED = ['notification_outbox', 'text_message_consent'];

export class Notifications1796407216504 implements MigrationInterface {
  name = 'Notifications1796407216504';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "notification_preference" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid, "organisation_id" uuid, "email_enabled" boolean NOT NULL DEFAULT true, "frequency" character varying(16) NOT NULL DEFAULT \'each_event\', "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_notification_preference_frequency" CHECK (frequency IN (\'each_event\',\'daily_digest\')), CONSTRAINT "CHK_notification_preference_owner" CHECK ((user_id IS NULL) <> (organisation_id IS NULL)), CONSTRAINT "PK_ba8d816b10f3dcfcd2e71ce5776" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_7e3e59ee543618114382c2889c" ON "notification_preference"  ("organisation_id") WHERE organisation_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_e8fe1b8607370b45776653008b" ON "notification_preference"  ("user_id") WHERE user_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "notification_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid NOT NULL, "event" character varying(48) NOT NULL, "channel" character varying(8) NOT NULL, "recipient_user_id" uuid, "recipient_person_id" uuid, "address_encrypted" text, "locale" character varying(8) NOT NULL DEFAULT \'en\', "subject" character varying(200), "body" character varying(4000) NOT NULL, "status" character varying(24) NOT NULL DEFAULT \'queued\', "attempts" integer NOT NULL DEFAULT \'0\', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "claim_token" uuid, "last_error" character varying(500), "provider" character varying(8), "provider_id" uuid, "provider_status" character varying(32), "dedupe_key" character varying(200), "digest_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "status_checked_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_notification_outbox_recipient" CHECK ((recipient_user_id IS NULL) <> (recipient_person_id IS NULL)), CONSTRAINT "CHK_notification_outbox_status" CHECK (status IN (\'queued\',\'sent\',\'delivered\',\'failed\',\'permanent_failure\',\'held\',\'digested\',\'cancelled\')), CONSTRAINT "CHK_notification_outbox_channel" CHECK (channel IN (\'email\',\'sms\')), CONSTRAINT "PK_83d47c7dba1da2d038749fe757e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_c5fce531e648fdcfe7b95603f9" ON "notification_outbox"  ("dedupe_key") WHERE dedupe_key IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7b8095d861b5a15b8734123048" ON "notification_outbox"  ("recipient_user_id", "status") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8e8092a5366103c056dd4c021c" ON "notification_outbox"  ("recipient_person_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d7485c7679bb1ad94dda6e629f" ON "notification_outbox"  ("service_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_936c616ab46210ea7fa275d052" ON "notification_outbox"  ("status", "next_attempt_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "text_message_consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid NOT NULL, "person_id" uuid NOT NULL, "agreed_on" date NOT NULL, "recorded_by" uuid NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_387d2dab0eb12bf0b02f6463848" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_271cea42d8abc6c546633f1bd1" ON "text_message_consent"  ("person_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "placement" ADD "first_session_at" TIMESTAMP WITH TIME ZONE',
    );

    await queryRunner.query(
      `CREATE TRIGGER "TRG_text_message_consent_service" BEFORE INSERT ON "text_message_consent"
         FOR EACH ROW EXECUTE FUNCTION linkway_inherit_service_id('person', 'person_id')`,
    );
    for (const table of SERVICE_OWNED) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY "service_scope" ON "${table}"
           USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))
           WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))`,
      );
    }
    await queryRunner.query('DROP TABLE "outbox"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_user_id" uuid, "recipient_organisation_id" uuid, "subject" character varying(200) NOT NULL, "body" character varying(2000) NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'pending\', "attempts" integer NOT NULL DEFAULT \'0\', "last_error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_outbox_recipient" CHECK ((recipient_user_id IS NULL) <> (recipient_organisation_id IS NULL)), CONSTRAINT "CHK_outbox_status" CHECK (status IN (\'pending\',\'sent\',\'failed\')), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_684930034a69a0e6630e44ba87" ON "outbox"  ("status", "created_at") ',
    );
    await queryRunner.query('ALTER TABLE "placement" DROP COLUMN "first_session_at"');
    await queryRunner.query('DROP INDEX "public"."IDX_271cea42d8abc6c546633f1bd1"');
    await queryRunner.query('DROP TABLE "text_message_consent"');
    await queryRunner.query('DROP INDEX "public"."IDX_936c616ab46210ea7fa275d052"');
    await queryRunner.query('DROP INDEX "public"."IDX_d7485c7679bb1ad94dda6e629f"');
    await queryRunner.query('DROP INDEX "public"."IDX_8e8092a5366103c056dd4c021c"');
    await queryRunner.query('DROP INDEX "public"."IDX_7b8095d861b5a15b8734123048"');
    await queryRunner.query('DROP INDEX "public"."IDX_c5fce531e648fdcfe7b95603f9"');
    await queryRunner.query('DROP TABLE "notification_outbox"');
    await queryRunner.query('DROP INDEX "public"."IDX_e8fe1b8607370b45776653008b"');
    await queryRunner.query('DROP INDEX "public"."IDX_7e3e59ee543618114382c2889c"');
    await queryRunner.query('DROP TABLE "notification_preference"');
  }
}
