import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseworkRecords1795431704935 implements MigrationInterface {
  name = 'CaseworkRecords1795431704935';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "crisis_point" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" text, "placements_paused" boolean NOT NULL DEFAULT false, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by" uuid NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" uuid, "placements_resumed" boolean, CONSTRAINT "PK_da8220aaaf97ec8ebf82eeb79bb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_359047c153ee7bd7a1bb460d58" ON "crisis_point"  ("case_id", "resolved_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "migration_profile" ("person_id" uuid NOT NULL, "country_of_birth" character(2), "nationality" character(2), "year_of_arrival" smallint, "main_language" character varying(8), "migrant_status" character varying(32), "interpreter_needed" boolean, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_migration_profile_year" CHECK (year_of_arrival IS NULL OR year_of_arrival >= 1900), CONSTRAINT "PK_425824c9653a8780dbc97b37cbd" PRIMARY KEY ("person_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "onward_referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "service" character varying(32) NOT NULL, "reason" text NOT NULL, "made_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "made_by" uuid NOT NULL, CONSTRAINT "PK_7e21f7a53aac6b1960a0f73d2cd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_4926c5fe59fb3174b777c63c61" ON "onward_referral"  ("case_id", "made_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "needs_assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "assessed_by" uuid NOT NULL, "what_matters_to_me" character varying(2000), CONSTRAINT "PK_2448efba1f3c1e84aec85cdde74" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e056c0ea5601203d9dd4cb2e89" ON "needs_assessment"  ("case_id", "assessed_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "need_rating" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "domain" character varying(32) NOT NULL, "severity" smallint NOT NULL, "priority" boolean NOT NULL DEFAULT false, "situational" boolean NOT NULL, "note" text, CONSTRAINT "UQ_need_rating_domain" UNIQUE ("assessment_id", "domain"), CONSTRAINT "CHK_need_rating_severity" CHECK (severity BETWEEN 0 AND 4), CONSTRAINT "PK_ec5386392025c78939a5da239e7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "outcome_measure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "instrument" character varying(16) NOT NULL, "timepoint" character varying(16) NOT NULL, "answers" smallint array NOT NULL, "scores" jsonb NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by" uuid NOT NULL, CONSTRAINT "PK_5be0ccae42379d67650c556d102" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_f782f5eb10ef0fe57094aa45ee" ON "outcome_measure"  ("case_id", "instrument", "recorded_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "safeguarding_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "flags" character varying array NOT NULL DEFAULT \'{}\', "required_level" smallint NOT NULL, "note" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by" uuid NOT NULL, CONSTRAINT "CHK_safeguarding_record_level" CHECK (required_level BETWEEN 1 AND 3), CONSTRAINT "PK_27dcbe7cbc0ff41c51ba942854a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_678e1fe8261607e397fba4bdc5" ON "safeguarding_record"  ("case_id", "recorded_at") ',
    );
    await queryRunner.query('ALTER TABLE "support_case" ADD "close_note" text');
    await queryRunner.query(
      'ALTER TABLE "support_case" ADD "transfer_consent" boolean NOT NULL DEFAULT false',
    );
    await queryRunner.query(
      'ALTER TABLE "crisis_point" ADD CONSTRAINT "FK_fe1f8fbbd4775673987351d19a5" FOREIGN KEY ("case_id") REFERENCES "support_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "migration_profile" ADD CONSTRAINT "FK_425824c9653a8780dbc97b37cbd" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "onward_referral" ADD CONSTRAINT "FK_7ca247050dbb9ff2d302d40de25" FOREIGN KEY ("case_id") REFERENCES "support_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "needs_assessment" ADD CONSTRAINT "FK_4ab0ed8a1d741725f6953e2e224" FOREIGN KEY ("case_id") REFERENCES "support_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "need_rating" ADD CONSTRAINT "FK_258d1e9d5d979e8f80cf26f996e" FOREIGN KEY ("assessment_id") REFERENCES "needs_assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "outcome_measure" ADD CONSTRAINT "FK_f4e398d343a471b67d5df51557a" FOREIGN KEY ("case_id") REFERENCES "support_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "safeguarding_record" ADD CONSTRAINT "FK_4d10f571efbfc4cb319007e389d" FOREIGN KEY ("case_id") REFERENCES "support_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "safeguarding_record" DROP CONSTRAINT "FK_4d10f571efbfc4cb319007e389d"',
    );
    await queryRunner.query(
      'ALTER TABLE "outcome_measure" DROP CONSTRAINT "FK_f4e398d343a471b67d5df51557a"',
    );
    await queryRunner.query(
      'ALTER TABLE "need_rating" DROP CONSTRAINT "FK_258d1e9d5d979e8f80cf26f996e"',
    );
    await queryRunner.query(
      'ALTER TABLE "needs_assessment" DROP CONSTRAINT "FK_4ab0ed8a1d741725f6953e2e224"',
    );
    await queryRunner.query(
      'ALTER TABLE "onward_referral" DROP CONSTRAINT "FK_7ca247050dbb9ff2d302d40de25"',
    );
    await queryRunner.query(
      'ALTER TABLE "migration_profile" DROP CONSTRAINT "FK_425824c9653a8780dbc97b37cbd"',
    );
    await queryRunner.query(
      'ALTER TABLE "crisis_point" DROP CONSTRAINT "FK_fe1f8fbbd4775673987351d19a5"',
    );
    await queryRunner.query('ALTER TABLE "support_case" DROP COLUMN "transfer_consent"');
    await queryRunner.query('ALTER TABLE "support_case" DROP COLUMN "close_note"');
    await queryRunner.query('DROP INDEX "public"."IDX_678e1fe8261607e397fba4bdc5"');
    await queryRunner.query('DROP TABLE "safeguarding_record"');
    await queryRunner.query('DROP INDEX "public"."IDX_f782f5eb10ef0fe57094aa45ee"');
    await queryRunner.query('DROP TABLE "outcome_measure"');
    await queryRunner.query('DROP TABLE "need_rating"');
    await queryRunner.query('DROP INDEX "public"."IDX_e056c0ea5601203d9dd4cb2e89"');
    await queryRunner.query('DROP TABLE "needs_assessment"');
    await queryRunner.query('DROP INDEX "public"."IDX_4926c5fe59fb3174b777c63c61"');
    await queryRunner.query('DROP TABLE "onward_referral"');
    await queryRunner.query('DROP TABLE "migration_profile"');
    await queryRunner.query('DROP INDEX "public"."IDX_359047c153ee7bd7a1bb460d58"');
    await queryRunner.query('DROP TABLE "crisis_point"');
  }
}
