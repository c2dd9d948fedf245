import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merging duplicate people (issue 21).
 *
 * - `person_merge`: one row per merged person, naming the person it became (both ids stay known
 *   after the merged person's row is gone) and the fields chosen from it. Service-owned.
 * - `person_duplicate_dismissal`: a pair of people a link worker or admin decided are not the same
 *   person, stored once with the lower id first, so intake's flag for that pair stays dismissed.
 *   Service-owned.
 * - `audit_subject_alias`: the audit log is append-only, so the merged person's history is not
 *   rewritten; a row here says that entries about `alias_id` belong to `subject_id`'s history
 *   too. Owned by the audit module, like `audit_event` (no service).
 */
const SERVICE_OWNED = ['person_merge', 'person_duplicate_dismissal'];

export class PersonMerge1796416000000 implements MigrationInterface {
  name = 'PersonMerge1796416000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "person_merge" ("merged_person_id" uuid NOT NULL, "kept_person_id" uuid NOT NULL,
        "service_id" uuid NOT NULL, "merged_by" uuid NOT NULL,
        "merged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "fields_from_merged" jsonb NOT NULL DEFAULT '[]',
        CONSTRAINT "CHK_person_merge_not_self" CHECK (merged_person_id <> kept_person_id),
        CONSTRAINT "PK_person_merge" PRIMARY KEY ("merged_person_id"))`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_person_merge_kept" ON "person_merge" ("kept_person_id") ',
    );
    await queryRunner.query(
      `CREATE TABLE "person_duplicate_dismissal" ("person_id" uuid NOT NULL,
        "other_person_id" uuid NOT NULL, "service_id" uuid NOT NULL, "dismissed_by" uuid NOT NULL,
        "dismissed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_person_duplicate_dismissal_order" CHECK (person_id < other_person_id),
        CONSTRAINT "PK_person_duplicate_dismissal" PRIMARY KEY ("person_id", "other_person_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_person_duplicate_dismissal_other"
         ON "person_duplicate_dismissal" ("other_person_id") `,
    );
    for (const table of SERVICE_OWNED) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY "service_scope" ON "${table}"
           USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))
           WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))`,
      );
    }
    await queryRunner.query(
      `CREATE TABLE "audit_subject_alias" ("alias_id" uuid NOT NULL, "subject_id" uuid NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_audit_subject_alias_not_self" CHECK (alias_id <> subject_id),
        CONSTRAINT "PK_audit_subject_alias" PRIMARY KEY ("alias_id"))`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_audit_subject_alias_subject" ON "audit_subject_alias" ("subject_id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_subject_alias"');
    await queryRunner.query('DROP TABLE "person_duplicate_dismissal"');
    await queryRunner.query('DROP TABLE "person_merge"');
  }
}
