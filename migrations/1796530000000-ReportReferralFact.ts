import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service-access report's facts as a table (issue 19, "interactive at a million"): one narrow
 * row per referral, `report_referral_fact`, so the report aggregates one table instead of working
 * every referral's facts out of eight live sources on each request.
 *
 * Exact by construction: `linkway_report_fact_rows(ids)` is the report's former `facts` CTE
 * restricted to the given referrals (every fact of a referral is independent of the report's
 * period), and it is the only thing that writes rows. Statement-level triggers on every source
 * (transition tables, so a bulk load costs one statement) only enqueue the referral ids a change
 * can touch in `report_referral_fact_queue`; `linkway_refresh_report_facts()` drains the queue
 * under an advisory lock and rewrites those rows. The report drains it before it reads, so what
 * it publishes is what the sources say at that moment.
 *
 * The fact table is service-owned (forced row-level security, the `service_scope` policy); the
 * trigger functions and the refresh run as the owner with every service in scope, because a
 * change to a person must reach their referrals in every service whoever makes it.
 */
const LOCAL = `AT TIME ZONE 'Europe/London'`;

/** The fact table's columns after referral_id, in the order the row function returns them. */
export const COLUMNS: [string, string][] = [
  ['service_id', 'uuid NOT NULL'],
  ['person_id', 'uuid'],
  ['local_day', 'date NOT NULL'],
  ['month', 'text'],
  ['reasons', 'text[]'],
  ['channel', 'text'],
  ['service', 'text'],
  ['migrant_status', 'text'],
  ['country_of_birth', 'text'],
  ['main_language', 'text'],
  ['interpreter_needed', 'text'],
  ['age_band', 'text'],
  ['sex', 'text'],
  ['area', 'text'],
  ['year_of_arrival_band', 'text'],
  ['accepted', 'boolean'],
  ['placed', 'boolean'],
  ['attended', 'boolean'],
  ['completed', 'boolean'],
  ['days_to_first_contact', 'double precision'],
  ['days_to_placement', 'double precision'],
  ['swemwbs_change', 'double precision'],
  ['has_country_of_birth', 'boolean'],
  ['has_nationality', 'boolean'],
  ['has_year_of_arrival', 'boolean'],
  ['has_main_language', 'boolean'],
  ['has_migrant_status', 'boolean'],
  ['has_interpreter_needed', 'boolean'],
  ['sole_referral', 'boolean NOT NULL'],
];

const NOT_RECORDED = 'not_recorded';
const UNKNOWN_AREA = 'unknown';

/**
 * The report's facts of the given referrals: the statement's former `facts` CTE, by id. A plain
 * STABLE SQL function with no SET clause, so PostgreSQL inlines it into the caller's statement
 * and plans it for the ids given. Only the owner may call it (the refresh runs as the owner).
 */
export const ROWS_FUNCTION = `CREATE FUNCTION linkway_report_fact_rows(ids uuid[])
  RETURNS TABLE (referral_id uuid, ${COLUMNS.map(([c, t]) => `${c} ${t.replace(' NOT NULL', '')}`).join(', ')})
  LANGUAGE sql STABLE AS $$
  WITH r AS MATERIALIZED (
    SELECT *, (received_at ${LOCAL})::date AS local_day
      FROM report_referral_facts WHERE id = ANY (ids)
  ),
  cases AS (SELECT DISTINCT case_id FROM r WHERE case_id IS NOT NULL),
  placed AS (
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
  ),
  wellbeing AS (
    SELECT case_id,
           (max(ARRAY[extract(epoch FROM recorded_at), (scores->>'metric')::float8])
              FILTER (WHERE timepoint <> 'baseline'))[2]
         - (min(ARRAY[extract(epoch FROM recorded_at), (scores->>'metric')::float8])
              FILTER (WHERE timepoint = 'baseline'))[2] AS change
      FROM report_outcome_measure
     WHERE instrument = 'SWEMWBS' AND case_id IN (SELECT case_id FROM cases)
     GROUP BY case_id
  )
  SELECT r.id,
         r.service_id,
         r.person_id,
         r.local_day,
         to_char(r.local_day, 'YYYY-MM'),
         r.reasons::text[],
         r.channel::text,
         sv.name::text,
         COALESCE(r.migrant_status, '${NOT_RECORDED}')::text,
         COALESCE(r.country_of_birth::text, '${NOT_RECORDED}'),
         COALESCE(r.main_language, '${NOT_RECORDED}')::text,
         CASE r.interpreter_needed
           WHEN true THEN 'yes' WHEN false THEN 'no' ELSE '${NOT_RECORDED}' END,
         r.age_band::text,
         r.sex::text,
         COALESCE(r.local_authority_name, r.local_authority_code, '${UNKNOWN_AREA}')::text,
         r.year_of_arrival_band::text,
         c.id IS NOT NULL,
         COALESCE(pl.placed_at IS NOT NULL, false),
         COALESCE(pl.attended, false),
         COALESCE(c.close_reason = 'goals_met', false),
         (CASE WHEN r.first_contact_at >= r.received_at
           THEN extract(epoch FROM r.first_contact_at - r.received_at) / 86400 END)::float8,
         (CASE WHEN pl.placed_at >= r.received_at
           THEN extract(epoch FROM pl.placed_at - r.received_at) / 86400 END)::float8,
         w.change,
         r.country_of_birth IS NOT NULL,
         r.has_nationality,
         r.has_year_of_arrival,
         r.main_language IS NOT NULL,
         COALESCE(r.migrant_status <> '${NOT_RECORDED}', false),
         r.interpreter_needed IS NOT NULL,
         r.person_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM referral o WHERE o.person_id = r.person_id AND o.id <> r.id)
    FROM r
    JOIN report_service sv ON sv.id = r.service_id
    LEFT JOIN report_case c ON c.id = r.case_id
    LEFT JOIN placed pl ON pl.case_id = c.id
    LEFT JOIN wellbeing w ON w.case_id = c.id
$$`;

/** Owner's rights with every service in scope, and no search path an attacker could shadow. */
export const DEFINER = `SECURITY DEFINER SET search_path = public, pg_temp SET linkway.services = '*'`;

/**
 * Drains at most `batch` queue entries, oldest first, in the caller's transaction: a bulk change
 * (a postcode import, retention) is caught up in several short transactions, each well inside
 * the statement timeout, rather than one that could never finish. Returns the queue entries taken
 * (a caller calls again while a whole batch was taken) and the referrals refreshed.
 */
export const REFRESH_FUNCTION = `CREATE FUNCTION linkway_refresh_report_facts(batch integer DEFAULT 20000)
  RETURNS TABLE (taken integer, refreshed integer)
  LANGUAGE plpgsql ${DEFINER} AS $$
  DECLARE ids uuid[];
  BEGIN
    -- One drainer at a time: a second waits, then finds the queue empty (or holding only newer ids).
    PERFORM pg_advisory_xact_lock(hashtext('report_referral_fact'));
    WITH drained AS (
      DELETE FROM report_referral_fact_queue
       WHERE id IN (SELECT id FROM report_referral_fact_queue ORDER BY id LIMIT batch)
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

/**
 * For each source table, the referrals a changed row can touch, from a transition table `t`
 * (the rows as inserted, or as before and after an update, or as deleted).
 */
const SOURCES: Record<string, string> = {
  // The referral, and its person's others: whether a referral is its person's only one is a fact.
  referral:
    'SELECT id FROM {t} UNION ALL SELECT r.id FROM referral r JOIN {t} ON r.person_id = {t}.person_id',
  person: 'SELECT r.id FROM referral r JOIN {t} ON r.person_id = {t}.id',
  migration_profile: 'SELECT r.id FROM referral r JOIN {t} ON r.person_id = {t}.person_id',
  postcode_area: `SELECT r.id FROM {t} JOIN person p
      ON {t}.postcode = upper(translate(p.postcode, E' \\t\\n\\r\\f', ''))
      JOIN referral r ON r.person_id = p.id`,
  support_case: 'SELECT r.id FROM referral r JOIN {t} ON r.case_id = {t}.id',
  placement: 'SELECT r.id FROM referral r JOIN {t} ON r.case_id = {t}.case_id',
  placement_attendance: `SELECT r.id FROM referral r JOIN placement pl ON r.case_id = pl.case_id
      JOIN {t} ON {t}.placement_id = pl.id`,
  outcome_measure: 'SELECT r.id FROM referral r JOIN {t} ON r.case_id = {t}.case_id',
  service: 'SELECT r.id FROM referral r JOIN {t} ON r.service_id = {t}.id',
};

/**
 * Sources whose updates touch facts only through some columns: an update that leaves those alone
 * queues nothing (a re-import of the postcode directory rewrites every row, and each postcode's
 * referrals are found by a scan of people).
 */
const RELEVANT: Record<string, string> = {
  postcode_area: 'postcode, local_authority_code, local_authority_name',
};

/** The select for one transition table, `n` or `o`; on update, only its rows that changed. */
function touched(table: string, select: string, alias: 'n' | 'o'): string {
  const other = alias === 'n' ? 'o' : 'n';
  const columns = RELEVANT[table];
  const from = columns
    ? `(SELECT ${columns} FROM ${alias} EXCEPT SELECT ${columns} FROM ${other}) ${alias}`
    : alias;
  return select.replace('{t}', from).replaceAll('{t}', alias);
}

const enqueueFunction = (table: string, select: string) => `
  CREATE FUNCTION linkway_enqueue_report_facts_${table}() RETURNS trigger
    LANGUAGE plpgsql ${DEFINER} AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO report_referral_fact_queue (referral_id) ${select.replaceAll('{t}', 'n')};
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO report_referral_fact_queue (referral_id) ${select.replaceAll('{t}', 'o')};
    ELSE
      INSERT INTO report_referral_fact_queue (referral_id) ${touched(table, select, 'n')};
      INSERT INTO report_referral_fact_queue (referral_id) ${touched(table, select, 'o')};
    END IF;${
      table === 'referral'
        ? `
    -- A deleted referral's facts go with it, not at the next refresh.
    IF TG_OP = 'DELETE' THEN
      DELETE FROM report_referral_fact f USING o WHERE f.referral_id = o.id;
    END IF;`
        : ''
    }
    RETURN NULL;
  END $$`;

/** Statement-level triggers for each row change, with the transition tables each may read. */
export const TRIGGERS: readonly (readonly [string, string])[] = [
  ['insert', 'REFERENCING NEW TABLE AS n'],
  ['update', 'REFERENCING NEW TABLE AS n OLD TABLE AS o'],
  ['delete', 'REFERENCING OLD TABLE AS o'],
];

export class ReportReferralFact1796530000000 implements MigrationInterface {
  name = 'ReportReferralFact1796530000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT set_config('linkway.services', '*', true)`);
    // Placements, cases and outcome measures find their referrals through it.
    await queryRunner.query(
      'CREATE INDEX "IDX_referral_case_id" ON "referral" ("case_id") WHERE "case_id" IS NOT NULL',
    );
    await queryRunner.query(
      `CREATE TABLE "report_referral_fact" (
         "referral_id" uuid NOT NULL,
         ${COLUMNS.map(([c, t]) => `"${c}" ${t}`).join(',\n         ')},
         CONSTRAINT "PK_report_referral_fact" PRIMARY KEY ("referral_id"))`,
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_report_referral_fact_local_day" ON "report_referral_fact" ("local_day")',
    );
    // Completeness groups by person only the referrals of people with several; few, usually.
    await queryRunner.query(
      `CREATE INDEX "IDX_report_referral_fact_shared_person" ON "report_referral_fact" ("local_day", "person_id")
         WHERE NOT "sole_referral"`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_referral_fact_queue" ("referral_id" uuid NOT NULL,
         "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
         CONSTRAINT "PK_report_referral_fact_queue" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `COMMENT ON TABLE "report_referral_fact" IS 'Owned by reports: written only by linkway_refresh_report_facts().'`,
    );
    await queryRunner.query(`ALTER TABLE "report_referral_fact" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "report_referral_fact" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY "service_scope" ON "report_referral_fact"
         USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))
         WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))`,
    );
    // The app reads facts and drains the queue only through the owner's functions.
    await queryRunner.query(
      'REVOKE INSERT, UPDATE, DELETE ON report_referral_fact FROM linkway_app',
    );
    await queryRunner.query('REVOKE ALL ON report_referral_fact_queue FROM linkway_app');

    await queryRunner.query(ROWS_FUNCTION);
    await queryRunner.query(REFRESH_FUNCTION);
    await queryRunner.query('REVOKE ALL ON FUNCTION linkway_report_fact_rows(uuid[]) FROM PUBLIC');
    for (const [table, select] of Object.entries(SOURCES)) {
      await queryRunner.query(enqueueFunction(table, select));
      for (const [event, referencing] of TRIGGERS) {
        await queryRunner.query(
          `CREATE TRIGGER "TRG_${table}_report_facts_${event}" AFTER ${event.toUpperCase()}
             ON "${table}" ${referencing}
             FOR EACH STATEMENT EXECUTE FUNCTION linkway_enqueue_report_facts_${table}()`,
        );
      }
    }

    // Backfill: every referral's row, in one statement.
    await queryRunner.query(
      `INSERT INTO report_referral_fact (referral_id, ${COLUMNS.map(([c]) => c).join(', ')})
         SELECT * FROM linkway_report_fact_rows(ARRAY(SELECT id FROM referral))`,
    );
    await queryRunner.query('ANALYZE report_referral_fact');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(SOURCES).reverse()) {
      for (const [event] of TRIGGERS) {
        await queryRunner.query(`DROP TRIGGER "TRG_${table}_report_facts_${event}" ON "${table}"`);
      }
      await queryRunner.query(`DROP FUNCTION linkway_enqueue_report_facts_${table}()`);
    }
    await queryRunner.query('DROP FUNCTION linkway_refresh_report_facts(integer)');
    await queryRunner.query('DROP FUNCTION linkway_report_fact_rows(uuid[])');
    await queryRunner.query('DROP TABLE "report_referral_fact_queue"');
    await queryRunner.query('DROP TABLE "report_referral_fact"');
    await queryRunner.query('DROP INDEX "IDX_referral_case_id"');
  }
}
