import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's name tokens move from the `person.name_tokens` array (GIN) to `person_name_token`, a
 * row per token. Under row-level security PostgreSQL uses a query's own condition in an index
 * only when its operator is leakproof: bytea equality is, array containment (`@>`) is not, so the
 * GIN index could never serve the app's role and every name search read all of a service's people.
 *
 * The table is service-owned like `person` (forced RLS, policy `service_scope`); its rows go with
 * the person (ON DELETE CASCADE). Existing tokens are copied across, so nobody is sealed again.
 */
export class PersonNameTokens1796415580424 implements MigrationInterface {
  name = 'PersonNameTokens1796415580424';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "person_name_token" ("person_id" uuid NOT NULL, "token" bytea NOT NULL,
        "service_id" uuid NOT NULL,
        CONSTRAINT "PK_5c21f318d3870d6231591a7f51b" PRIMARY KEY ("person_id", "token"))`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_225fc96ea3efe02ddf40e46b75" ON "person_name_token"  ("token") ',
    );
    await queryRunner.query(
      `ALTER TABLE "person_name_token" ADD CONSTRAINT "FK_5cab49f6c8028cde7dea4b0044e"
        FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "person_name_token" (person_id, service_id, token)
       SELECT DISTINCT p.id, p.service_id, t.token
         FROM "person" p, unnest(p.name_tokens) AS t(token)`,
    );
    await queryRunner.query('ALTER TABLE "person_name_token" ENABLE ROW LEVEL SECURITY');
    await queryRunner.query('ALTER TABLE "person_name_token" FORCE ROW LEVEL SECURITY');
    await queryRunner.query(
      `CREATE POLICY "service_scope" ON "person_name_token"
         USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))
         WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))`,
    );
    await queryRunner.query('DROP INDEX "public"."IDX_person_name_tokens"');
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "name_tokens"');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "person" ADD "name_tokens" bytea array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `UPDATE "person" p SET name_tokens = t.tokens
         FROM (SELECT person_id, array_agg(token) AS tokens FROM "person_name_token"
                GROUP BY person_id) t
        WHERE t.person_id = p.id`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_person_name_tokens" ON "person" USING gin ("name_tokens") ',
    );
    await queryRunner.query('DROP TABLE "person_name_token"');
  }
}
