import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthTotp1795432391982 implements MigrationInterface {
  name = 'AuthTotp1795432391982';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "app_user" ADD "totp_secret_encrypted" text');
    await queryRunner.query(
      'ALTER TABLE "app_user" ADD "totp_enabled_at" TIMESTAMP WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "app_user" ADD "totp_last_step" integer');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "app_user" DROP COLUMN "totp_last_step"');
    await queryRunner.query('ALTER TABLE "app_user" DROP COLUMN "totp_enabled_at"');
    await queryRunner.query('ALTER TABLE "app_user" DROP COLUMN "totp_secret_encrypted"');
  }
}
