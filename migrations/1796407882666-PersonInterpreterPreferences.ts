import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a person would like of an interpreter (issue 17): its language, dialect, the interpreter's
 * gender and how they take part. On `person`, a service-owned table: the columns come under its
 * row-level security with the rest of the row, and reports' `report_*` views do not show them.
 */
export class PersonInterpreterPreferences1796407882666 implements MigrationInterface {
  name = 'PersonInterpreterPreferences1796407882666';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "person" ADD "interpreter_language" character varying(8)');
    await queryRunner.query(
      'ALTER TABLE "person" ADD "interpreter_dialect" character varying(100)',
    );
    await queryRunner.query('ALTER TABLE "person" ADD "interpreter_gender" character varying(16)');
    await queryRunner.query('ALTER TABLE "person" ADD "interpreter_mode" character varying(16)');
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "CHK_person_interpreter_gender" CHECK (interpreter_gender IN ('female','male','no_preference'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "CHK_person_interpreter_mode" CHECK (interpreter_mode IN ('in_person','phone','video'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "person" DROP CONSTRAINT "CHK_person_interpreter_mode"');
    await queryRunner.query('ALTER TABLE "person" DROP CONSTRAINT "CHK_person_interpreter_gender"');
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "interpreter_mode"');
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "interpreter_gender"');
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "interpreter_dialect"');
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "interpreter_language"');
  }
}
