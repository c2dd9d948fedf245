import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ROWS_FUNCTION } from './1796530000000-ReportReferralFact';

/**
 * A case's placements and SWEMWBS scores looked up by its index, case by case, in the report
 * facts' row function. They were `WHERE case_id IN (SELECT case_id FROM cases)`, and when the
 * statistics lag behind a growing table (seeding from empty; a bulk load) the planner expected
 * one placement and rescanned the batch's cases for every placement: 14,874 placements × 3,614
 * cases, 5.7 s of a 5.9 s refresh at 40,000 referrals, and growing with the table. A lateral
 * lookup per case costs the same at any size whatever the statistics say. The figures are the
 * same: a case with no placement or no score gets a row of nulls instead of none, and the row
 * function reads both through left joins and COALESCE.
 */
const OLD_PLACED = `  placed AS (
    SELECT pl.case_id,
           min(pl.responded_at) AS placed_at,
           -- As the statement's join to the distinct attended placements, but probing only these
           -- placements' attendance (by index) rather than reading all of it for one referral.
           bool_or(EXISTS (SELECT 1 FROM report_placement_attendance a
                            WHERE a.placement_id = pl.id AND a.attended)) AS attended
      FROM report_placement pl
     WHERE pl.case_id IN (SELECT case_id FROM cases)
       AND pl.responded_at IS NOT NULL
       AND pl.decline_reason IS NULL
       AND pl.status IN ('accepted', 'paused', 'ended')
     GROUP BY pl.case_id
  ),`;

const NEW_PLACED = `  placed AS (
    SELECT c.case_id, p.placed_at, p.attended
      FROM cases c
      CROSS JOIN LATERAL (
        SELECT min(pl.responded_at) AS placed_at,
               -- Only these placements' attendance, by index.
               bool_or(EXISTS (SELECT 1 FROM report_placement_attendance a
                                WHERE a.placement_id = pl.id AND a.attended)) AS attended
          FROM report_placement pl
         WHERE pl.case_id = c.case_id
           AND pl.responded_at IS NOT NULL
           AND pl.decline_reason IS NULL
           AND pl.status IN ('accepted', 'paused', 'ended')) p
  ),`;

const OLD_WELLBEING = `  wellbeing AS (
    SELECT case_id,
           (max(ARRAY[extract(epoch FROM recorded_at), (scores->>'metric')::float8])
              FILTER (WHERE timepoint <> 'baseline'))[2]
         - (min(ARRAY[extract(epoch FROM recorded_at), (scores->>'metric')::float8])
              FILTER (WHERE timepoint = 'baseline'))[2] AS change
      FROM report_outcome_measure
     WHERE instrument = 'SWEMWBS' AND case_id IN (SELECT case_id FROM cases)
     GROUP BY case_id
  )`;

const NEW_WELLBEING = `  wellbeing AS (
    SELECT c.case_id,
           (max(ARRAY[extract(epoch FROM m.recorded_at), (m.scores->>'metric')::float8])
              FILTER (WHERE m.timepoint <> 'baseline'))[2]
         - (min(ARRAY[extract(epoch FROM m.recorded_at), (m.scores->>'metric')::float8])
              FILTER (WHERE m.timepoint = 'baseline'))[2] AS change
      FROM cases c
      CROSS JOIN LATERAL (SELECT * FROM report_outcome_measure o
                           WHERE o.case_id = c.case_id AND o.instrument = 'SWEMWBS') m
     GROUP BY c.case_id
  )`;

function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error('The row function is not the one this migration knows');
  return text.replace(from, to);
}

export const BY_CASE = replaced(
  replaced(ROWS_FUNCTION, OLD_PLACED, NEW_PLACED),
  OLD_WELLBEING,
  NEW_WELLBEING,
).replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION');

export class ReportFactRowsByCase1796570000000 implements MigrationInterface {
  name = 'ReportFactRowsByCase1796570000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(BY_CASE);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ROWS_FUNCTION.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
  }
}
