import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFINER, TRIGGERS } from './1796530000000-ReportReferralFact';

/**
 * The activity's trend from counts kept by the writes: contacts, and appointments with a known
 * outcome, per service per London day, in `report_activity_day`. At a million referrals the
 * trend read every contact and appointment of the period (2.4 million contacts over two years);
 * it now reads one row per service per day.
 *
 * Exact by construction: statement-level triggers on `case_contact` and `appointment` add what
 * each statement inserted and take away what it deleted (an update is both), in the same
 * transaction as the change, so the counts commit or roll back with it. The upsert takes the
 * row's lock, so two instances adding to the same day wait for each other and lose nothing.
 *
 * Service-owned like the report facts (forced row-level security, the `service_scope` policy);
 * only the owner's trigger functions write it.
 */
const LONDON_DAY = (column: string) => `(${column} AT TIME ZONE 'Europe/London')::date`;

/** What one contact or appointment row adds to its day: (service_id, day, contacts, appointments, did_not_attend). */
const ADDS: Record<string, (t: string, sign: string) => string> = {
  case_contact: (t, sign) =>
    `SELECT service_id, ${LONDON_DAY('at')} AS day, ${sign}1 AS contacts, 0 AS appointments,
            0 AS did_not_attend FROM ${t}`,
  appointment: (t, sign) =>
    `SELECT service_id, ${LONDON_DAY('starts_at')} AS day, 0 AS contacts, ${sign}1 AS appointments,
            ${sign}(status = 'did_not_attend')::int AS did_not_attend
       FROM ${t} WHERE status IN ('attended', 'did_not_attend')`,
};

/**
 * Adds the net change of the given rows to their days. In service then day order, so two
 * statements that touch the same days take their locks in the same order.
 */
const addChanges = (rows: string) => `
    INSERT INTO report_activity_day AS d (service_id, day, contacts, appointments, did_not_attend)
    SELECT service_id, day, sum(contacts), sum(appointments), sum(did_not_attend)
      FROM (${rows}) changes
     GROUP BY service_id, day
    HAVING sum(contacts) <> 0 OR sum(appointments) <> 0 OR sum(did_not_attend) <> 0
     ORDER BY service_id, day
    ON CONFLICT (service_id, day) DO UPDATE
       SET contacts = d.contacts + excluded.contacts,
           appointments = d.appointments + excluded.appointments,
           did_not_attend = d.did_not_attend + excluded.did_not_attend;`;

const countFunction = (table: string) => {
  const adds = ADDS[table];
  return `
  CREATE FUNCTION linkway_count_activity_${table}() RETURNS trigger
    LANGUAGE plpgsql ${DEFINER} AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN${addChanges(adds('n', '+'))}
    ELSIF TG_OP = 'DELETE' THEN${addChanges(adds('o', '-'))}
    ELSE${addChanges(`${adds('n', '+')} UNION ALL ${adds('o', '-')}`)}
    END IF;
    RETURN NULL;
  END $$`;
};

/** TRUNCATE fires no row or transition-table trigger: it empties the table, so its counts go too. */
const RESET_ON_TRUNCATE = `CREATE FUNCTION linkway_reset_activity_days() RETURNS trigger
  LANGUAGE plpgsql ${DEFINER} AS $$
  BEGIN
    IF TG_TABLE_NAME = 'case_contact' THEN
      UPDATE report_activity_day SET contacts = 0 WHERE contacts <> 0;
    ELSE
      UPDATE report_activity_day SET appointments = 0, did_not_attend = 0
       WHERE appointments <> 0 OR did_not_attend <> 0;
    END IF;
    RETURN NULL;
  END $$`;

export class ActivityDayCounts1796580000000 implements MigrationInterface {
  name = 'ActivityDayCounts1796580000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT set_config('linkway.services', '*', true)`);
    await queryRunner.query(
      `CREATE TABLE "report_activity_day" (
         "service_id" uuid NOT NULL,
         "day" date NOT NULL,
         "contacts" integer NOT NULL DEFAULT 0,
         "appointments" integer NOT NULL DEFAULT 0,
         "did_not_attend" integer NOT NULL DEFAULT 0,
         CONSTRAINT "PK_report_activity_day" PRIMARY KEY ("service_id", "day"))`,
    );
    await queryRunner.query(
      `COMMENT ON TABLE "report_activity_day" IS 'Owned by reports: written only by the activity count triggers.'`,
    );
    await queryRunner.query(`ALTER TABLE "report_activity_day" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "report_activity_day" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY "service_scope" ON "report_activity_day"
         USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))
         WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))`,
    );
    await queryRunner.query(
      'REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON report_activity_day FROM linkway_app',
    );

    for (const table of Object.keys(ADDS)) {
      await queryRunner.query(countFunction(table));
      for (const [event, referencing] of TRIGGERS) {
        await queryRunner.query(
          `CREATE TRIGGER "TRG_${table}_activity_${event}" AFTER ${event.toUpperCase()}
             ON "${table}" ${referencing}
             FOR EACH STATEMENT EXECUTE FUNCTION linkway_count_activity_${table}()`,
        );
      }
    }

    await queryRunner.query(RESET_ON_TRUNCATE);
    for (const table of Object.keys(ADDS)) {
      await queryRunner.query(
        `CREATE TRIGGER "TRG_${table}_activity_truncate" AFTER TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION linkway_reset_activity_days()`,
      );
    }

    // Backfill: every contact and appointment there is, in one statement.
    await queryRunner.query(
      addChanges(
        `${ADDS.case_contact('case_contact', '+')} UNION ALL ${ADDS.appointment('appointment', '+')}`,
      ),
    );
    await queryRunner.query('ANALYZE report_activity_day');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(ADDS)) {
      await queryRunner.query(`DROP TRIGGER "TRG_${table}_activity_truncate" ON "${table}"`);
    }
    await queryRunner.query('DROP FUNCTION linkway_reset_activity_days()');
    for (const table of Object.keys(ADDS).reverse()) {
      for (const [event] of TRIGGERS) {
        await queryRunner.query(`DROP TRIGGER "TRG_${table}_activity_${event}" ON "${table}"`);
      }
      await queryRunner.query(`DROP FUNCTION linkway_count_activity_${table}()`);
    }
    await queryRunner.query('DROP TABLE "report_activity_day"');
  }
}
