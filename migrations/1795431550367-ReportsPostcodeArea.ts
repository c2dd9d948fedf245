import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportsPostcodeArea1795431550367 implements MigrationInterface {
  name = 'ReportsPostcodeArea1795431550367';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "postcode_area" ("postcode" character varying(8) NOT NULL, "ward_code" character varying(9), "ward_name" character varying(150), "lsoa_code" character varying(9), "local_authority_code" character varying(9), "local_authority_name" character varying(150), CONSTRAINT "PK_1571e88e200623ac598bf8f283c" PRIMARY KEY ("postcode"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2bc6276f79c6cba46ff0e224bc" ON "postcode_area" ("local_authority_code") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_2bc6276f79c6cba46ff0e224bc"');
    await queryRunner.query('DROP TABLE "postcode_area"');
  }
}
