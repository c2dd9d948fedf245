import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COLUMNS, DEFINER, REFRESH_FUNCTION } from './1796530000000-ReportReferralFact';

/**
 * The report facts queue drained by an id range. The drain deleted `WHERE id IN (SELECT id …
 * ORDER BY id LIMIT batch)`; a busy queue is mostly empty when it is vacuumed, so its statistics
 * say no rows in many pages, the planner expected one entry, and it ran the subquery once per
 * queue entry: a seeding batch of 25,000 referrals on a 300,000-referral database spent 19
 * minutes there (22,792 entries: 260 million index reads, 78 s). Now the oldest `batch` entries
 * end at an id found once, by one index scan (an uncorrelated subquery), and the delete takes the
 * range up to it: linear under any plan.
 */
export const REFRESH_BY_RANGE = `CREATE OR REPLACE FUNCTION linkway_refresh_report_facts(batch integer DEFAULT 20000)
  RETURNS TABLE (taken integer, refreshed integer)
  LANGUAGE plpgsql ${DEFINER} AS $$
  DECLARE ids uuid[];
  BEGIN
    -- One drainer at a time: a second waits, then finds the queue empty (or holding only newer ids).
    PERFORM pg_advisory_xact_lock(hashtext('report_referral_fact'));
    -- One statement, so the range's end and the delete see the same entries: at most batch.
    WITH drained AS (
      DELETE FROM report_referral_fact_queue
       WHERE id <= (SELECT max(id)
                      FROM (SELECT id FROM report_referral_fact_queue ORDER BY id LIMIT batch) oldest)
      RETURNING referral_id)
    SELECT coalesce(array_agg(DISTINCT t.referral_id), '{}'), count(*) INTO ids, taken FROM drained t;
    refreshed := cardinality(ids);
    IF refreshed = 0 THEN RETURN NEXT; RETURN; END IF;
    DELETE FROM report_referral_fact WHERE referral_id = ANY (ids);
    -- Planned for these ids each time (the row function inlines), not once for any number of them:
    -- one referral at intake and fifty thousand in a bulk load want different plans.
    EXECUTE 'INSERT INTO report_referral_fact (referral_id, ${COLUMNS.map(([c]) => c).join(', ')})
      SELECT * FROM linkway_report_fact_rows($1)' USING ids;
    RETURN NEXT;
  END $$`;

export class ReportFactsDrainByRange1796550000000 implements MigrationInterface {
  name = 'ReportFactsDrainByRange1796550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(REFRESH_BY_RANGE);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      REFRESH_FUNCTION.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'),
    );
  }
}
