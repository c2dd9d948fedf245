import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Services: several social prescribing teams on one Linkway. A `Default` service owns every
 * existing referral, person, case and link worker, so a single-team install behaves as before.
 *
 * The second lock: every table a service owns has row-level security keyed by the transaction's
 * scope (`linkway.services`, set with set_config(..., true) by src/services/scoped-transactions.ts).
 * The app connects as `linkway_app`, which is subject to it (see src/database/data-source-options.ts);
 * migrations run as the connecting owner and are not.
 */
const OWNED_BY_INTAKE = ['person', 'referral'];

/** Tables whose service_id the database copies from a parent row: [table, parent, parent key]. */
const INHERITING: [string, string, string][] = [
  ['support_case', 'person', 'person_id'],
  ['migration_profile', 'person', 'person_id'],
  ['needs_assessment', 'support_case', 'case_id'],
  ['need_rating', 'needs_assessment', 'assessment_id'],
  ['safeguarding_record', 'support_case', 'case_id'],
  ['crisis_point', 'support_case', 'case_id'],
  ['onward_referral', 'support_case', 'case_id'],
  ['outcome_measure', 'support_case', 'case_id'],
  ['placement', 'support_case', 'case_id'],
  ['placement_attendance', 'placement', 'placement_id'],
  ['referral_contact_attempt', 'referral', 'referral_id'],
];

const SERVICE_OWNED = [...OWNED_BY_INTAKE, ...INHERITING.map(([table]) => table)];

/** Reports' views (migration ReportViews): they must apply row-level security as the reader. */
const REPORT_VIEWS = [
  'report_referral',
  'report_person',
  'report_migration_profile',
  'report_case',
  'report_needs_assessment',
  'report_need_rating',
  'report_outcome_measure',
  'report_group',
  'report_group_vetting_check',
  'report_group_capacity',
  'report_placement',
  'report_placement_attendance',
];
const NEW_REPORT_VIEWS: Record<string, string> = {
  report_service: 'SELECT id, name FROM service',
  report_postcode_area: `SELECT postcode, ward_code, ward_name, lsoa_code, local_authority_code,
    local_authority_name FROM postcode_area`,
};

export class Services1796404000000 implements MigrationInterface {
  name = 'Services1796404000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "service" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "ods_code" character varying(6), "local_authority_codes" character varying(9) array NOT NULL DEFAULT '{}', "is_default" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_85a21558c006647cd76fdce044b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_service_name" ON "service" ("name")');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_service_ods_code" ON "service" ("ods_code") WHERE ods_code IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_service_default" ON "service" ("is_default") WHERE is_default',
    );
    await queryRunner.query(`INSERT INTO "service" (name, is_default) VALUES ('Default', true)`);
    const defaultService = `(SELECT id FROM "service" WHERE is_default)`;

    await queryRunner.query('ALTER TABLE "organisation" ADD "ods_code" character varying(6)');
    await queryRunner.query('ALTER TABLE "organisation" ADD "service_id" uuid');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_organisation_ods_code" ON "organisation" ("ods_code") WHERE ods_code IS NOT NULL',
    );

    await queryRunner.query('ALTER TABLE "app_user" ADD "service_id" uuid');
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD "languages" character varying(8) array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD "report_service_ids" uuid array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query('ALTER TABLE "app_user" DROP CONSTRAINT "CHK_app_user_role"');
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "CHK_app_user_role" CHECK (role IN ('admin','team_lead','link_worker','group_coordinator','referrer','commissioner'))`,
    );
    await queryRunner.query(
      `UPDATE "app_user" SET service_id = ${defaultService} WHERE role = 'link_worker'`,
    );

    for (const table of SERVICE_OWNED) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "service_id" uuid`);
      await queryRunner.query(`UPDATE "${table}" SET service_id = ${defaultService}`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "service_id" SET NOT NULL`);
    }
    await queryRunner.query(
      'CREATE INDEX "IDX_6b12e90b80d79d0551ac403c86" ON "person" ("service_id")',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e3121a4f275ad9dd1d51d3c376" ON "support_case" ("service_id", "status")',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_77f148676419221c01a582561c" ON "referral" ("service_id", "status")',
    );

    // A child row belongs to its parent's service: the database fills it in, so no insert can
    // put a case's records in another service, and the application need not carry it around.
    await queryRunner.query(`
      CREATE FUNCTION linkway_inherit_service_id() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE parent_id uuid;
      BEGIN
        IF NEW.service_id IS NULL THEN
          EXECUTE format('SELECT ($1).%I', TG_ARGV[1]) INTO parent_id USING NEW;
          EXECUTE format('SELECT service_id FROM %I WHERE id = $1', TG_ARGV[0])
            INTO NEW.service_id USING parent_id;
        END IF;
        RETURN NEW;
      END $$`);
    for (const [table, parent, key] of INHERITING) {
      await queryRunner.query(
        `CREATE TRIGGER "TRG_${table}_service" BEFORE INSERT ON "${table}" FOR EACH ROW
           EXECUTE FUNCTION linkway_inherit_service_id('${parent}', '${key}')`,
      );
    }

    // The scope: '*' is every service (admins, jobs, and the cross-service paths of referrers,
    // coordinators and commissioners); a comma list of ids is those services; unset is none.
    await queryRunner.query(`
      CREATE FUNCTION linkway_visible_services() RETURNS uuid[] LANGUAGE sql STABLE AS $$
        SELECT CASE coalesce(current_setting('linkway.services', true), '')
          WHEN '' THEN '{}'::uuid[]
          WHEN '*' THEN (SELECT coalesce(array_agg(id), '{}'::uuid[]) FROM service)
          ELSE string_to_array(current_setting('linkway.services', true), ',')::uuid[]
        END
      $$`);

    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'linkway_app') THEN
          CREATE ROLE linkway_app NOLOGIN;
        END IF;
      END $$`);
    // The connecting user must be able to become linkway_app (a superuser always can).
    await queryRunner.query('GRANT linkway_app TO CURRENT_USER');
    await queryRunner.query('GRANT USAGE ON SCHEMA public TO linkway_app');
    await queryRunner.query(
      'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO linkway_app',
    );
    await queryRunner.query('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO linkway_app');
    await queryRunner.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO linkway_app',
    );
    await queryRunner.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO linkway_app',
    );
    // ANALYZE after a bulk load (synthetic data, an import) needs MAINTAIN, which PostgreSQL 17
    // added; before it, only the owner may, and autovacuum's analyze catches up instead.
    await queryRunner.query(`
      DO $$ BEGIN
        IF current_setting('server_version_num')::int >= 170000 THEN
          EXECUTE 'GRANT MAINTAIN ON ALL TABLES IN SCHEMA public TO linkway_app';
          EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT MAINTAIN ON TABLES TO linkway_app';
        END IF;
      END $$`);
    // The app never changes the schema's history.
    await queryRunner.query('REVOKE INSERT, UPDATE, DELETE ON typeorm_migrations FROM linkway_app');

    // A view runs with its owner's rights unless told otherwise, and the owner is not subject to
    // row-level security: reports' views must check it as the reader (a commissioner's scope).
    await queryRunner.query(
      `CREATE OR REPLACE VIEW "report_referral" AS
         SELECT id, person_id, case_id, channel, reasons, received_at, first_contact_at, service_id
           FROM referral`,
    );
    for (const [name, select] of Object.entries(NEW_REPORT_VIEWS)) {
      await queryRunner.query(`CREATE VIEW "${name}" AS ${select}`);
      await queryRunner.query(
        `COMMENT ON VIEW "${name}" IS 'Owned by reports: what the JSNA reports may read. Change it with the table it shows.'`,
      );
    }
    for (const view of [...REPORT_VIEWS, ...Object.keys(NEW_REPORT_VIEWS)]) {
      await queryRunner.query(`ALTER VIEW "${view}" SET (security_invoker = true)`);
    }
    await queryRunner.query('GRANT SELECT ON report_service, report_postcode_area TO linkway_app');

    for (const table of SERVICE_OWNED) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      // (SELECT …) makes the scope an init plan: worked out once per query, and usable by indexes.
      await queryRunner.query(
        `CREATE POLICY "service_scope" ON "${table}"
           USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))
           WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const view of REPORT_VIEWS) {
      await queryRunner.query(`ALTER VIEW "${view}" RESET (security_invoker)`);
    }
    for (const name of Object.keys(NEW_REPORT_VIEWS)) {
      await queryRunner.query(`DROP VIEW "${name}"`);
    }
    await queryRunner.query('DROP VIEW "report_referral"');
    await queryRunner.query(
      `CREATE VIEW "report_referral" AS
         SELECT id, person_id, case_id, channel, reasons, received_at, first_contact_at
           FROM referral`,
    );
    for (const table of SERVICE_OWNED) {
      await queryRunner.query(`DROP POLICY "service_scope" ON "${table}"`);
      await queryRunner.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM linkway_app',
    );
    await queryRunner.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM linkway_app',
    );
    await queryRunner.query(`
      DO $$ BEGIN
        IF current_setting('server_version_num')::int >= 170000 THEN
          EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE MAINTAIN ON TABLES FROM linkway_app';
        END IF;
      END $$`);
    await queryRunner.query('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM linkway_app');
    await queryRunner.query('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM linkway_app');
    await queryRunner.query('REVOKE USAGE ON SCHEMA public FROM linkway_app');
    // The role is cluster-wide and may serve other databases, so it stays.
    await queryRunner.query('DROP FUNCTION linkway_visible_services()');
    for (const [table] of INHERITING) {
      await queryRunner.query(`DROP TRIGGER "TRG_${table}_service" ON "${table}"`);
    }
    await queryRunner.query('DROP FUNCTION linkway_inherit_service_id()');
    await queryRunner.query('DROP INDEX "public"."IDX_77f148676419221c01a582561c"');
    await queryRunner.query('DROP INDEX "public"."IDX_e3121a4f275ad9dd1d51d3c376"');
    await queryRunner.query('DROP INDEX "public"."IDX_6b12e90b80d79d0551ac403c86"');
    for (const table of SERVICE_OWNED) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "service_id"`);
    }
    await queryRunner.query(`DELETE FROM "app_user" WHERE role = 'team_lead'`);
    await queryRunner.query('ALTER TABLE "app_user" DROP CONSTRAINT "CHK_app_user_role"');
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "CHK_app_user_role" CHECK (role IN ('admin','link_worker','group_coordinator','referrer','commissioner'))`,
    );
    await queryRunner.query('ALTER TABLE "app_user" DROP COLUMN "report_service_ids"');
    await queryRunner.query('ALTER TABLE "app_user" DROP COLUMN "languages"');
    await queryRunner.query('ALTER TABLE "app_user" DROP COLUMN "service_id"');
    await queryRunner.query('DROP INDEX "public"."UQ_organisation_ods_code"');
    await queryRunner.query('ALTER TABLE "organisation" DROP COLUMN "service_id"');
    await queryRunner.query('ALTER TABLE "organisation" DROP COLUMN "ods_code"');
    await queryRunner.query('DROP TABLE "service"');
  }
}
