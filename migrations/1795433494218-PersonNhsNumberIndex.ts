import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Intake's duplicate check matches on NHS number, phone or date of birth; all three need an index. */
export class PersonNhsNumberIndex1795433494218 implements MigrationInterface {
  name = 'PersonNhsNumberIndex1795433494218';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "IDX_4f7ad2118958b24c27ab6d28cd" ON "person" ("nhs_number")',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_4f7ad2118958b24c27ab6d28cd"');
  }
}
