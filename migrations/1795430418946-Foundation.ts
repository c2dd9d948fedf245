import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795430418946 implements MigrationInterface {
  name = 'Foundation1795430418946';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "kind" character varying(32) NOT NULL, "postcode" character varying(10), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(32) NOT NULL, "organisation_id" uuid, "password_hash" character varying(255) NOT NULL, "caseload_limit" integer NOT NULL DEFAULT \'40\', "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deactivated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_3fa909d0e37c531ebc237703391" UNIQUE ("email"), CONSTRAINT "CHK_app_user_email_lower" CHECK (email = lower(email)), CONSTRAINT "CHK_app_user_role" CHECK (role IN (\'admin\',\'link_worker\',\'group_coordinator\',\'referrer\',\'commissioner\')), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_bafaa5aab5957cd193fb2da8f24" UNIQUE ("token_hash"), CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1725c5ea908ff009f6ab3fa34f" ON "api_token"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "login_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "client_address" character varying(64) NOT NULL, "succeeded" boolean NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_72829cd4f7424e3cdfd46c476c0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d40158f50033c6f856c6a1f242" ON "login_attempt"  ("email", "attempted_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "action" character varying(64) NOT NULL, "entity" character varying(64) NOT NULL, "entity_id" uuid, "subject_id" uuid, "detail" jsonb, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_06d570d7d1b40fbc994b5955be" ON "audit_event"  ("at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8e9d45847131441c0d33afb025" ON "audit_event"  ("entity", "entity_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8f35bc022f626a1acc9b3ea06a" ON "audit_event"  ("subject_id", "at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "app_user" ADD CONSTRAINT "FK_6fa42e978fa7d7adc32736e26fd" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "api_token" ADD CONSTRAINT "FK_1725c5ea908ff009f6ab3fa34fd" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Hand-written additions, reviewed. Browser sessions (connect-pg-simple's table):
    await queryRunner.query(
      'CREATE TABLE "session" ("sid" varchar NOT NULL COLLATE "default", "sess" json NOT NULL, "expire" timestamp(6) NOT NULL, CONSTRAINT "session_pkey" PRIMARY KEY ("sid"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_session_expire" ON "session" ("expire")');
    // The audit log is append-only: the database itself refuses to change or remove an entry.
    await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`);
    await queryRunner.query(
      'CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_event_append_only ON "audit_event"');
    await queryRunner.query('DROP FUNCTION audit_event_append_only()');
    await queryRunner.query('DROP TABLE "session"');
    await queryRunner.query(
      'ALTER TABLE "api_token" DROP CONSTRAINT "FK_1725c5ea908ff009f6ab3fa34fd"',
    );
    await queryRunner.query(
      'ALTER TABLE "app_user" DROP CONSTRAINT "FK_6fa42e978fa7d7adc32736e26fd"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_8f35bc022f626a1acc9b3ea06a"');
    await queryRunner.query('DROP INDEX "public"."IDX_8e9d45847131441c0d33afb025"');
    await queryRunner.query('DROP INDEX "public"."IDX_06d570d7d1b40fbc994b5955be"');
    await queryRunner.query('DROP TABLE "audit_event"');
    await queryRunner.query('DROP INDEX "public"."IDX_d40158f50033c6f856c6a1f242"');
    await queryRunner.query('DROP TABLE "login_attempt"');
    await queryRunner.query('DROP INDEX "public"."IDX_1725c5ea908ff009f6ab3fa34f"');
    await queryRunner.query('DROP TABLE "api_token"');
    await queryRunner.query('DROP TABLE "app_user"');
    await queryRunner.query('DROP TABLE "organisation"');
  }
}
