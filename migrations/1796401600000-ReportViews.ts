import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The views reports read other modules' data through (DESIGN.md: "reports reads through SQL views
 * and queries it owns"). Each is a plain projection of one table, with only the columns the
 * reports use: no names, contact details or sealed notes. PostgreSQL inlines a plain view, so the
 * reports' plans and figures are those of the tables themselves. A module that changes a column a
 * view shows must change the view in the same migration (PostgreSQL refuses to drop it otherwise),
 * which is how a change that would break a report is seen. No table changes here.
 */
const VIEWS: Record<string, string> = {
  report_referral: `SELECT id, person_id, case_id, channel, reasons, received_at, first_contact_at
    FROM referral`,
  report_person: `SELECT id, date_of_birth, sex, postcode, preferred_language, interpreter_needed
    FROM person`,
  report_migration_profile: `SELECT person_id, migrant_status, country_of_birth, nationality,
    main_language, interpreter_needed, year_of_arrival
    FROM migration_profile`,
  report_case: `SELECT id, person_id, close_reason, required_level FROM support_case`,
  report_needs_assessment: `SELECT id, case_id, assessed_at FROM needs_assessment`,
  report_need_rating: `SELECT assessment_id, domain, severity FROM need_rating`,
  report_outcome_measure: `SELECT case_id, instrument, timepoint, scores, recorded_at
    FROM outcome_measure`,
  report_group: `SELECT id, name, activity_types, needs_served, languages,
    COALESCE((accessibility->>'interpreters')::boolean, false) AS interpreters,
    suspended_at, removed_at
    FROM community_group`,
  report_group_vetting_check: `SELECT group_id, "check", verified_at, expires_at
    FROM group_vetting_check`,
  report_group_capacity: `SELECT group_id, places, reserved, waitlist_length, intake_paused
    FROM group_capacity`,
  report_placement: `SELECT id, case_id, group_id, status, decline_reason, offered_at,
    responded_at, created_at
    FROM placement`,
  report_placement_attendance: `SELECT placement_id, attended FROM placement_attendance`,
};

export class ReportViews1796401600000 implements MigrationInterface {
  name = 'ReportViews1796401600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, select] of Object.entries(VIEWS)) {
      await queryRunner.query(`CREATE VIEW "${name}" AS ${select}`);
      await queryRunner.query(
        `COMMENT ON VIEW "${name}" IS 'Owned by reports: what the JSNA reports may read. Change it with the table it shows.'`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of Object.keys(VIEWS).reverse()) {
      await queryRunner.query(`DROP VIEW "${name}"`);
    }
  }
}
