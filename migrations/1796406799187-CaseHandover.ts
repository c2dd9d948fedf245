import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Handing cases over: a case keeps the reference of the referral that opened it (so a link
 * worker can find it by the reference the referrer quotes), and a link worker's caseload can be
 * covered by a colleague for a date range (`cover_grant`, service-owned under row-level security
 * like every table of a service's records).
 */
export class CaseHandover1796406799187 implements MigrationInterface {
  name = 'CaseHandover1796406799187';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cover_grant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid NOT NULL, "link_worker_id" uuid NOT NULL, "cover_user_id" uuid NOT NULL, "from_date" date NOT NULL, "to_date" date NOT NULL, "granted_by" uuid NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, "ended_by" uuid, CONSTRAINT "CHK_cover_grant_colleague" CHECK (cover_user_id <> link_worker_id), CONSTRAINT "CHK_cover_grant_dates" CHECK (to_date >= from_date), CONSTRAINT "PK_7ce6e714d658b3d3a58ecc5b582" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_192e4327162f8e31c0efd2dfef" ON "cover_grant"  ("link_worker_id", "to_date") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d84d71e6f14bd0a459dc6dac42" ON "cover_grant"  ("cover_user_id", "to_date") ',
    );
    await queryRunner.query('ALTER TABLE "cover_grant" ENABLE ROW LEVEL SECURITY');
    await queryRunner.query('ALTER TABLE "cover_grant" FORCE ROW LEVEL SECURITY');
    await queryRunner.query(
      `CREATE POLICY "service_scope" ON "cover_grant"
         USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))
         WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))`,
    );

    await queryRunner.query('ALTER TABLE "support_case" ADD "reference" character varying(20)');
    await queryRunner.query(
      `UPDATE "support_case" c SET reference = r.reference FROM "referral" r WHERE r.id = c.referral_id`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5da0fb7db9e092c87babab6539" ON "support_case"  ("reference") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_5da0fb7db9e092c87babab6539"');
    await queryRunner.query('ALTER TABLE "support_case" DROP COLUMN "reference"');
    await queryRunner.query('DROP POLICY "service_scope" ON "cover_grant"');
    await queryRunner.query('DROP INDEX "public"."IDX_d84d71e6f14bd0a459dc6dac42"');
    await queryRunner.query('DROP INDEX "public"."IDX_192e4327162f8e31c0efd2dfef"');
    await queryRunner.query('DROP TABLE "cover_grant"');
  }
}
