import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseworkCore1795431229476 implements MigrationInterface {
  name = 'CaseworkCore1795431229476';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "given_name" character varying(100) NOT NULL, "family_name" character varying(100), "date_of_birth" date, "sex" character varying(32), "postcode" character varying(10), "phone" character varying(40), "phone_digits" character varying(20), "email" character varying(254), "preferred_contact" character varying(16), "preferred_language" character varying(8), "interpreter_needed" boolean, "gp_registered" boolean, "nhs_number" character(10), "access_needs" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "erased_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_b7ec61e35991dc61b86081c548" ON "person"  ("phone_digits") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_66574acd95b58220c77ec1a21c" ON "person"  ("date_of_birth") ',
    );
    await queryRunner.query(
      'CREATE TABLE "support_case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "referral_id" uuid, "link_worker_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'open\', "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "close_reason" character varying(32), "review_by" date, "in_crisis" boolean NOT NULL DEFAULT false, "required_level" smallint NOT NULL DEFAULT \'1\', "consent_to_share" boolean NOT NULL DEFAULT false, "what_matters_to_me" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_support_case_required_level" CHECK (required_level BETWEEN 1 AND 3), CONSTRAINT "CHK_support_case_status" CHECK (status IN (\'open\',\'closed\')), CONSTRAINT "PK_bb49f208672f180300c95fed180" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a3f1626b190dd59967e8974daf" ON "support_case"  ("person_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_c1ca3c52f9c8abe54a6d78e05c" ON "support_case"  ("referral_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6bb696f606fdb3ddac5ca29112" ON "support_case"  ("link_worker_id", "status") ',
    );
    await queryRunner.query(
      'ALTER TABLE "support_case" ADD CONSTRAINT "FK_a3f1626b190dd59967e8974dafa" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "support_case" DROP CONSTRAINT "FK_a3f1626b190dd59967e8974dafa"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_6bb696f606fdb3ddac5ca29112"');
    await queryRunner.query('DROP INDEX "public"."IDX_c1ca3c52f9c8abe54a6d78e05c"');
    await queryRunner.query('DROP INDEX "public"."IDX_a3f1626b190dd59967e8974daf"');
    await queryRunner.query('DROP TABLE "support_case"');
    await queryRunner.query('DROP INDEX "public"."IDX_66574acd95b58220c77ec1a21c"');
    await queryRunner.query('DROP INDEX "public"."IDX_b7ec61e35991dc61b86081c548"');
    await queryRunner.query('DROP TABLE "person"');
  }
}
