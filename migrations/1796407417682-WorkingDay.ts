import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A link worker's working day (issue 16): contacts with their amendments, appointments, reviews
 * and tasks on a case, and each user's private calendar feed.
 *
 * The case's records are service-owned like every other: `service_id` is copied from the parent
 * row by the database (linkway_inherit_service_id, migration Services) and checked by row-level
 * security. `calendar_feed` holds a user id and a token hash only, no person's or case's data, so
 * it is not service-owned (as `api_token` is not).
 *
 * Reports read the new records through two views (security_invoker, so row-level security applies
 * as the reader): contacts and appointments without their notes or places.
 *
 * Reviews: until now no one could move a case's review date, so every case opened more than 28 days
 * ago shows as overdue for good. Each open case whose date has passed (or was never set) moves to
 * the next date of the 28-day cycle it was opened on: today or within the next four weeks, spread
 * as the cases' opening dates are spread, rather than all on one day. A case in crisis should have
 * been reviewed within 7 days of the crisis, so an overdue one is due today and leads the caseload.
 * Closed cases keep their dates; nothing is written to case_review, since no review took place.
 */
const INHERITING: [string, string, string][] = [
  ['case_contact', 'support_case', 'case_id'],
  ['case_contact_amendment', 'case_contact', 'contact_id'],
  ['appointment', 'support_case', 'case_id'],
  ['case_review', 'support_case', 'case_id'],
  ['case_task', 'support_case', 'case_id'],
];

const REPORT_VIEWS: Record<string, string> = {
  report_contact: 'SELECT id, case_id, service_id, recorded_by, at, mode FROM case_contact',
  report_appointment: `SELECT id, case_id, service_id, link_worker_id, starts_at, status
    FROM appointment`,
};

const LONDON_TODAY = `(now() AT TIME ZONE 'Europe/London')::date`;

/** Moves each open case's passed (or missing) review date to a sensible next one (see above). */
export const NEXT_REVIEW_SQL = `
  UPDATE "support_case"
     SET review_by = CASE
       WHEN in_crisis THEN ${LONDON_TODAY}
       ELSE (opened_at AT TIME ZONE 'Europe/London')::date
            + 28 * ceil((${LONDON_TODAY} - (opened_at AT TIME ZONE 'Europe/London')::date) / 28.0)::int
     END
   WHERE status = 'open' AND (review_by IS NULL OR review_by < ${LONDON_TODAY})`;

export class WorkingDay1796407417682 implements MigrationInterface {
  name = 'WorkingDay1796407417682';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "appointment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid NOT NULL, "case_id" uuid NOT NULL, "link_worker_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" smallint NOT NULL, "mode" character varying(16) NOT NULL, "location" character varying(200), "interpreter_language" character varying(8), "status" character varying(16) NOT NULL DEFAULT \'booked\', "outcome_note" text, "outcome_recorded_at" TIMESTAMP WITH TIME ZONE, "outcome_recorded_by" uuid, "contact_id" uuid, "booked_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_appointment_duration" CHECK (duration_minutes BETWEEN 5 AND 480), CONSTRAINT "CHK_appointment_status" CHECK (status IN (\'booked\',\'attended\',\'did_not_attend\',\'cancelled\')), CONSTRAINT "CHK_appointment_mode" CHECK (mode IN (\'face_to_face\',\'phone\',\'video\',\'home_visit\',\'drop_in\')), CONSTRAINT "PK_e8be1a53027415e709ce8a2db74" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_88dcc8df9ade640a65a043c2f3" ON "appointment"  ("service_id", "starts_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_314b35280c8fc500de21c19369" ON "appointment"  ("case_id", "starts_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_edb3ecd9c5ff5faa9aaa3b9a12" ON "appointment"  ("link_worker_id", "starts_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "calendar_feed" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_read_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_3a0b1d1c7619ea19ff1affaaf70" UNIQUE ("token_hash"), CONSTRAINT "PK_24c0b9c80e4a4ac8752d854bc2e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_calendar_feed_active_user" ON "calendar_feed"  ("user_id") WHERE revoked_at IS NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "case_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid NOT NULL, "case_id" uuid NOT NULL, "reviewed_at" date NOT NULL, "next_review_by" date NOT NULL, "note" text, "reviewed_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_case_review_next_after" CHECK (next_review_by > reviewed_at), CONSTRAINT "PK_413b3833522b8e3437eb304b16f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_8835e48083b4403920754c01f4" ON "case_review"  ("case_id", "reviewed_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "case_task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid NOT NULL, "case_id" uuid NOT NULL, "title" text NOT NULL, "due_on" date NOT NULL, "assignee_id" uuid NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by" uuid, CONSTRAINT "PK_06ca77cf52ae5e6d862daf4ec23" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_case_task_open_by_assignee" ON "case_task"  ("assignee_id", "due_on") WHERE completed_at IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_c06dc8406dd26ea1f29b25830d" ON "case_task"  ("case_id", "due_on") ',
    );
    await queryRunner.query(
      'CREATE TABLE "case_contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid NOT NULL, "case_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "mode" character varying(16) NOT NULL, "initiated_by" character varying(16) NOT NULL DEFAULT \'link_worker\', "duration_minutes" smallint, "interpreter_language" character varying(8), "interpreter_mode" character varying(16), "note" text, "appointment_id" uuid, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "note_corrected_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_case_contact_interpreter" CHECK ((interpreter_language IS NULL) = (interpreter_mode IS NULL) AND (interpreter_mode IS NULL OR interpreter_mode IN (\'in_person\',\'phone\',\'video\'))), CONSTRAINT "CHK_case_contact_duration" CHECK (duration_minutes BETWEEN 1 AND 720), CONSTRAINT "CHK_case_contact_initiated_by" CHECK (initiated_by IN (\'link_worker\',\'person\',\'someone_else\')), CONSTRAINT "CHK_case_contact_mode" CHECK (mode IN (\'face_to_face\',\'phone\',\'video\',\'text_message\',\'email\',\'home_visit\',\'drop_in\')), CONSTRAINT "PK_82214b763d72506f19a4dfa4f15" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_case_contact_appointment" ON "case_contact"  ("appointment_id") WHERE appointment_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e74ebea6c3844b9e083c03fb49" ON "case_contact"  ("service_id", "at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2979a509405c39357b4ccd970b" ON "case_contact"  ("case_id", "at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "case_contact_amendment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "note" text NOT NULL, "written_by" uuid NOT NULL, "written_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_135f387ade99faa4ed4d6d0a9e7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5e8dd83bf1dc5627e15fb15f86" ON "case_contact_amendment"  ("contact_id", "written_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "appointment" ADD CONSTRAINT "FK_4061932d41bccdf0f2801abe7f7" FOREIGN KEY ("case_id") REFERENCES "support_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_review" ADD CONSTRAINT "FK_11b2e6ce73d5a05a0e82f07898c" FOREIGN KEY ("case_id") REFERENCES "support_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_task" ADD CONSTRAINT "FK_8dbe360f490d27733f9a2e6032d" FOREIGN KEY ("case_id") REFERENCES "support_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_contact" ADD CONSTRAINT "FK_a569fe54984f32cbd6648f96094" FOREIGN KEY ("case_id") REFERENCES "support_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_contact_amendment" ADD CONSTRAINT "FK_41941a45e16869ec2bedb4c6f90" FOREIGN KEY ("contact_id") REFERENCES "case_contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );

    for (const [table, parent, key] of INHERITING) {
      await queryRunner.query(
        `CREATE TRIGGER "TRG_${table}_service" BEFORE INSERT ON "${table}" FOR EACH ROW
           EXECUTE FUNCTION linkway_inherit_service_id('${parent}', '${key}')`,
      );
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY "service_scope" ON "${table}"
           USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))
           WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))`,
      );
    }
    for (const [name, select] of Object.entries(REPORT_VIEWS)) {
      await queryRunner.query(`CREATE VIEW "${name}" WITH (security_invoker = true) AS ${select}`);
      await queryRunner.query(
        `COMMENT ON VIEW "${name}" IS 'Owned by reports: what the JSNA reports may read. Change it with the table it shows.'`,
      );
    }

    await queryRunner.query(NEXT_REVIEW_SQL);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The review dates moved by up() stay moved: the old ones were not a decision anyone made.
    for (const name of Object.keys(REPORT_VIEWS).reverse()) {
      await queryRunner.query(`DROP VIEW "${name}"`);
    }
    for (const [table] of [...INHERITING].reverse()) {
      await queryRunner.query(`DROP POLICY "service_scope" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "TRG_${table}_service" ON "${table}"`);
    }
    await queryRunner.query(
      'ALTER TABLE "case_contact_amendment" DROP CONSTRAINT "FK_41941a45e16869ec2bedb4c6f90"',
    );
    await queryRunner.query(
      'ALTER TABLE "case_contact" DROP CONSTRAINT "FK_a569fe54984f32cbd6648f96094"',
    );
    await queryRunner.query(
      'ALTER TABLE "case_task" DROP CONSTRAINT "FK_8dbe360f490d27733f9a2e6032d"',
    );
    await queryRunner.query(
      'ALTER TABLE "case_review" DROP CONSTRAINT "FK_11b2e6ce73d5a05a0e82f07898c"',
    );
    await queryRunner.query(
      'ALTER TABLE "appointment" DROP CONSTRAINT "FK_4061932d41bccdf0f2801abe7f7"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_5e8dd83bf1dc5627e15fb15f86"');
    await queryRunner.query('DROP TABLE "case_contact_amendment"');
    await queryRunner.query('DROP INDEX "public"."IDX_2979a509405c39357b4ccd970b"');
    await queryRunner.query('DROP INDEX "public"."IDX_e74ebea6c3844b9e083c03fb49"');
    await queryRunner.query('DROP INDEX "public"."UQ_case_contact_appointment"');
    await queryRunner.query('DROP TABLE "case_contact"');
    await queryRunner.query('DROP INDEX "public"."IDX_c06dc8406dd26ea1f29b25830d"');
    await queryRunner.query('DROP INDEX "public"."IDX_case_task_open_by_assignee"');
    await queryRunner.query('DROP TABLE "case_task"');
    await queryRunner.query('DROP INDEX "public"."IDX_8835e48083b4403920754c01f4"');
    await queryRunner.query('DROP TABLE "case_review"');
    await queryRunner.query('DROP INDEX "public"."UQ_calendar_feed_active_user"');
    await queryRunner.query('DROP TABLE "calendar_feed"');
    await queryRunner.query('DROP INDEX "public"."IDX_edb3ecd9c5ff5faa9aaa3b9a12"');
    await queryRunner.query('DROP INDEX "public"."IDX_314b35280c8fc500de21c19369"');
    await queryRunner.query('DROP INDEX "public"."IDX_88dcc8df9ade640a65a043c2f3"');
    await queryRunner.query('DROP TABLE "appointment"');
  }
}
