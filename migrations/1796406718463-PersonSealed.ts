import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names and contact details at rest: the person's given and family name, phone, email and NHS
 * number become sealed columns (`*_encrypted`, AES-256-GCM under DATA_ENCRYPTION_KEY, written by
 * the app), with keyed blind-index tokens beside them for search and intake's duplicate check
 * (`phone_index`, `nhs_number_index`, `name_tokens`; see docs/data-protection.md).
 *
 * A migration has no key, so it cannot seal. The plain details of people already recorded move
 * to `person_unsealed`, and the app seals them at start before it opens its port
 * (src/casework/person-sealing.service.ts), deleting each row as it goes. Until then such a
 * person's sealed name holds a placeholder. `person_unsealed` is service-owned like `person`.
 *
 * `down()` puts the plain columns back from `person_unsealed` only: once the app has sealed a
 * person, their details can be read back only with the key, so reverting refuses rather than
 * lose them (restore the backup taken before upgrading instead).
 */
const PLACEHOLDER = 'unsealed';

export class PersonSealed1796406718463 implements MigrationInterface {
  name = 'PersonSealed1796406718463';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "person_unsealed" ("person_id" uuid NOT NULL, "service_id" uuid NOT NULL,
        "given_name" character varying(100) NOT NULL, "family_name" character varying(100),
        "phone" character varying(40), "email" character varying(254), "nhs_number" character(10),
        CONSTRAINT "PK_person_unsealed" PRIMARY KEY ("person_id"),
        CONSTRAINT "FK_person_unsealed_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `INSERT INTO "person_unsealed" (person_id, service_id, given_name, family_name, phone, email, nhs_number)
       SELECT id, service_id, given_name, family_name, phone, email, nhs_number FROM "person"`,
    );
    await queryRunner.query('ALTER TABLE "person_unsealed" ENABLE ROW LEVEL SECURITY');
    await queryRunner.query('ALTER TABLE "person_unsealed" FORCE ROW LEVEL SECURITY');
    await queryRunner.query(
      `CREATE POLICY "service_scope" ON "person_unsealed"
         USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))
         WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))`,
    );

    await queryRunner.query('DROP INDEX "public"."IDX_b7ec61e35991dc61b86081c548"');
    await queryRunner.query('DROP INDEX "public"."IDX_4f7ad2118958b24c27ab6d28cd"');
    for (const column of [
      'email',
      'phone',
      'family_name',
      'nhs_number',
      'phone_digits',
      'given_name',
    ])
      await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "${column}"`);
    await queryRunner.query(
      `ALTER TABLE "person" ADD "given_name_encrypted" text NOT NULL DEFAULT '${PLACEHOLDER}'`,
    );
    await queryRunner.query(
      'ALTER TABLE "person" ALTER COLUMN "given_name_encrypted" DROP DEFAULT',
    );
    await queryRunner.query('ALTER TABLE "person" ADD "family_name_encrypted" text');
    await queryRunner.query('ALTER TABLE "person" ADD "phone_encrypted" text');
    await queryRunner.query('ALTER TABLE "person" ADD "phone_index" bytea');
    await queryRunner.query('ALTER TABLE "person" ADD "email_encrypted" text');
    await queryRunner.query('ALTER TABLE "person" ADD "nhs_number_encrypted" text');
    await queryRunner.query('ALTER TABLE "person" ADD "nhs_number_index" bytea');
    await queryRunner.query(
      `ALTER TABLE "person" ADD "name_tokens" bytea array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_person_name_tokens" ON "person" USING gin ("name_tokens") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_bfdcb8ee49f1a921e28dedd742" ON "person"  ("nhs_number_index") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_cf8b2d584fbd94c6370e020dfd" ON "person"  ("phone_index") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const [{ sealed }] = (await queryRunner.query(
      `SELECT count(*)::int AS sealed FROM "person" p
        WHERE NOT EXISTS (SELECT 1 FROM "person_unsealed" u WHERE u.person_id = p.id)`,
    )) as { sealed: number }[];
    if (sealed > 0)
      throw new Error(
        `PersonSealed cannot be reverted: ${sealed} people's names and contact details are sealed, and a migration has no key to open them. Restore the backup taken before the upgrade.`,
      );
    await queryRunner.query('DROP INDEX "public"."IDX_cf8b2d584fbd94c6370e020dfd"');
    await queryRunner.query('DROP INDEX "public"."IDX_bfdcb8ee49f1a921e28dedd742"');
    await queryRunner.query('DROP INDEX "public"."IDX_person_name_tokens"');
    for (const column of [
      'name_tokens',
      'nhs_number_index',
      'nhs_number_encrypted',
      'email_encrypted',
      'phone_index',
      'phone_encrypted',
      'family_name_encrypted',
      'given_name_encrypted',
    ])
      await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "${column}"`);
    await queryRunner.query(
      `ALTER TABLE "person" ADD "given_name" character varying(100) NOT NULL DEFAULT ''`,
    );
    await queryRunner.query('ALTER TABLE "person" ALTER COLUMN "given_name" DROP DEFAULT');
    await queryRunner.query('ALTER TABLE "person" ADD "phone_digits" character varying(20)');
    await queryRunner.query('ALTER TABLE "person" ADD "nhs_number" character(10)');
    await queryRunner.query('ALTER TABLE "person" ADD "family_name" character varying(100)');
    await queryRunner.query('ALTER TABLE "person" ADD "phone" character varying(40)');
    await queryRunner.query('ALTER TABLE "person" ADD "email" character varying(254)');
    await queryRunner.query(
      `UPDATE "person" p SET given_name = u.given_name, family_name = u.family_name, phone = u.phone,
              email = u.email, nhs_number = u.nhs_number,
              phone_digits = CASE WHEN length(regexp_replace(coalesce(u.phone, ''), '\\D', '', 'g')) >= 7
                                  THEN regexp_replace(regexp_replace(u.phone, '\\D', '', 'g'), '^44', '0') END
         FROM "person_unsealed" u WHERE u.person_id = p.id`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_4f7ad2118958b24c27ab6d28cd" ON "person" USING btree ("nhs_number") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_b7ec61e35991dc61b86081c548" ON "person" USING btree ("phone_digits") ',
    );
    await queryRunner.query('DROP TABLE "person_unsealed"');
  }
}
