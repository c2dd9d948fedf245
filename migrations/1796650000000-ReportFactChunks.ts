import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFINER, TRIGGERS } from './1796530000000-ReportReferralFact';

/**
 * The service-access report's rows, packed by service and month ("chunks"), for the report to add
 * up in Node. PostgreSQL spends about a microsecond per row on each aggregate of the report (1.7 s
 * for a million referrals, against 0.45 s for a bare GROUP BY of them); read from chunks, the same
 * figures took 0.6 s in all, most of it transfer and median selection.
 *
 * A chunk is one service's fact rows for one month, in referral order, each row a fixed-width
 * record (CHUNK_ROW below) in `rows`, its needs in `needs`; each text column is stored as a code
 * into the chunk's own dictionary of that column's values. The chunk is rebuilt from the fact rows
 * whenever any of them changes: a statement trigger on the fact table marks the service-month
 * stale, and `linkway_rebuild_report_fact_chunks()`, which the report and the drain job call after
 * refreshing the facts, rebuilds the stale chunks, one rebuilder at a time.
 */

/** The text columns a chunk codes, in record order. */
export const CHUNK_TEXT_COLUMNS = [
  'channel',
  'service',
  'migrant_status',
  'country_of_birth',
  'main_language',
  'interpreter_needed',
  'age_band',
  'sex',
  'area',
  'year_of_arrival_band',
] as const;

/** The boolean columns a chunk packs into one int2 of flags, lowest bit first. */
export const CHUNK_FLAG_COLUMNS = [
  'accepted',
  'placed',
  'attended',
  'completed',
  'sole_referral',
  'has_country_of_birth',
  'has_nationality',
  'has_year_of_arrival',
  'has_main_language',
  'has_migrant_status',
  'has_interpreter_needed',
] as const;

/** The float8 columns a chunk stores (NaN for NULL: none of them is ever NaN). */
export const CHUNK_FLOAT_COLUMNS = [
  'days_to_first_contact',
  'days_to_placement',
  'swemwbs_change',
] as const;

/** Days are stored as days since this date. */
export const CHUNK_EPOCH = '2000-01-01';

const code = (column: string) => `int4send(coalesce(array_position(d.${column}, r.${column}), 0))`;
const flags = CHUNK_FLAG_COLUMNS.map((c, bit) => `(coalesce(r.${c}, false)::int << ${bit})`).join(
  ' | ',
);

/**
 * One fact row's record: its day (int4), its text columns' codes (int4 each, 0 for NULL), its flags
 * (int2), its floats (float8 each) and its count of needs (int4), all big-endian. Four-byte days
 * and codes, so that no date and no dictionary, however large, can overflow a rebuild.
 */
const CHUNK_ROW = [
  `int4send(r.local_day - DATE '${CHUNK_EPOCH}')`,
  ...CHUNK_TEXT_COLUMNS.map(code),
  `int2send((${flags})::int2)`,
  ...CHUNK_FLOAT_COLUMNS.map((c) => `float8send(coalesce(r.${c}, 'NaN'))`),
  'int4send(coalesce(cardinality(r.reasons), 0))',
].join(' || ');

/** A fact row's needs, in order, as codes into the chunk's `need` dictionary (NULL if none). */
const NEED_CODES = `(SELECT string_agg(int4send(coalesce(array_position(d.need, u.need), 0)), ''::bytea
                           ORDER BY u.at)
                      FROM unnest(r.reasons) WITH ORDINALITY u(need, at))`;

/**
 * Rebuilds at most `batch` stale chunks, oldest month first, in the caller's transaction, and
 * returns how many: a caller calls again while a whole batch was rebuilt, so a bulk change is
 * caught up in several short transactions, as the facts' refresh is.
 */
const REBUILD_FUNCTION = `CREATE FUNCTION linkway_rebuild_report_fact_chunks(batch integer DEFAULT 6)
  RETURNS integer
  LANGUAGE plpgsql ${DEFINER} AS $$
  DECLARE
    services uuid[];
    months text[];
  BEGIN
    -- One rebuilder at a time, and no fact row marks a chunk stale meanwhile: a report that calls
    -- this after another began waits, then finds every chunk current.
    LOCK TABLE report_fact_chunk_stale IN EXCLUSIVE MODE;
    SELECT array_agg(service_id), array_agg(month) INTO services, months
      FROM (SELECT service_id, month FROM report_fact_chunk_stale
             ORDER BY month, service_id LIMIT batch) s;
    IF services IS NULL THEN RETURN 0; END IF;
    DELETE FROM report_fact_chunk c USING unnest(services, months) s(service_id, month)
     WHERE c.service_id = s.service_id AND c.month = s.month;
    INSERT INTO report_fact_chunk (service_id, month, row_count, dictionaries, rows, needs)
    WITH stale AS (
      SELECT s.service_id, s.month, to_date(s.month, 'YYYY-MM') AS first_day
        FROM unnest(services, months) s(service_id, month)
    ),
    fact_rows AS (
      SELECT f.*, s.month AS chunk_month
        FROM stale s
        JOIN report_referral_fact f ON f.service_id = s.service_id
         AND f.local_day >= s.first_day AND f.local_day < (s.first_day + interval '1 month')::date
    ),
    need_dictionaries AS (
      SELECT f.service_id, f.chunk_month,
             array_agg(DISTINCT u.need) FILTER (WHERE u.need IS NOT NULL) AS need
        FROM fact_rows f LEFT JOIN LATERAL unnest(f.reasons) u(need) ON true
       GROUP BY f.service_id, f.chunk_month
    ),
    dictionaries AS (
      SELECT service_id, chunk_month,
             ${CHUNK_TEXT_COLUMNS.map((c) => `array_agg(DISTINCT ${c}) FILTER (WHERE ${c} IS NOT NULL) AS ${c}`).join(',\n             ')},
             n.need
        FROM fact_rows f JOIN need_dictionaries n USING (service_id, chunk_month)
       GROUP BY service_id, chunk_month, n.need
    ),
    coded AS (
      SELECT r.service_id, r.chunk_month, r.referral_id, ${CHUNK_ROW} AS record,
             ${NEED_CODES} AS need_codes
        FROM fact_rows r JOIN dictionaries d USING (service_id, chunk_month)
    )
    SELECT c.service_id, c.chunk_month, count(*)::int,
           (SELECT to_jsonb(d) - 'service_id' - 'chunk_month' FROM dictionaries d
             WHERE d.service_id = c.service_id AND d.chunk_month = c.chunk_month),
           string_agg(c.record, ''::bytea ORDER BY c.referral_id),
           coalesce(string_agg(c.need_codes, ''::bytea ORDER BY c.referral_id), ''::bytea)
      FROM coded c
     GROUP BY c.service_id, c.chunk_month;
    DELETE FROM report_fact_chunk_stale s USING unnest(services, months) t(service_id, month)
     WHERE s.service_id = t.service_id AND s.month = t.month;
    RETURN cardinality(services);
  END $$`;

/**
 * For the report's read, at its start: whether the chunks it reads are current (those of the
 * caller's services, `services` being its `linkway.services` setting, in months from `first_month`
 * to `last_month`), holding the stale list in SHARE mode to the end of the caller's transaction.
 * While it is held no fact row can change (a change's trigger must add to the list, and waits),
 * so chunks that are current at the start stay current, and match the fact rows the same read
 * sees, to its end. Reports share it; a rebuild waits for them, and they for it.
 */
const CURRENT_FUNCTION = `CREATE FUNCTION linkway_report_fact_chunks_current(
    services text, first_month text, last_month text) RETURNS boolean
  LANGUAGE plpgsql ${DEFINER} AS $$
  BEGIN
    LOCK TABLE report_fact_chunk_stale IN SHARE MODE;
    RETURN NOT EXISTS (
      SELECT 1 FROM report_fact_chunk_stale s
       WHERE s.month BETWEEN first_month AND last_month
         AND (services = '*'
              OR s.service_id::text = ANY (string_to_array(nullif(services, ''), ','))));
  END $$`;

const MARK_FUNCTION = `CREATE FUNCTION linkway_mark_report_fact_chunks() RETURNS trigger
  LANGUAGE plpgsql ${DEFINER} AS $$
  BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO report_fact_chunk_stale (service_id, month)
      SELECT DISTINCT service_id, to_char(local_day, 'YYYY-MM') FROM n ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      INSERT INTO report_fact_chunk_stale (service_id, month)
      SELECT DISTINCT service_id, to_char(local_day, 'YYYY-MM') FROM o ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
  END $$`;

export class ReportFactChunks1796650000000 implements MigrationInterface {
  name = 'ReportFactChunks1796650000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT set_config('linkway.services', '*', true)`);
    await queryRunner.query(
      `CREATE TABLE "report_fact_chunk" (
         "service_id" uuid NOT NULL,
         "month" text NOT NULL,
         "row_count" integer NOT NULL,
         "dictionaries" jsonb NOT NULL,
         "rows" bytea NOT NULL,
         "needs" bytea NOT NULL,
         CONSTRAINT "PK_report_fact_chunk" PRIMARY KEY ("service_id", "month"))`,
    );
    // Packed floats hardly compress: store them as they are, and read them without inflating.
    await queryRunner.query(
      `ALTER TABLE "report_fact_chunk" ALTER COLUMN "rows" SET STORAGE EXTERNAL,
         ALTER COLUMN "needs" SET STORAGE EXTERNAL`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_fact_chunk_stale" ("service_id" uuid NOT NULL, "month" text NOT NULL,
         CONSTRAINT "PK_report_fact_chunk_stale" PRIMARY KEY ("service_id", "month"))`,
    );
    await queryRunner.query(
      `COMMENT ON TABLE "report_fact_chunk" IS 'Owned by reports: written only by linkway_rebuild_report_fact_chunks().'`,
    );
    // Like every table that carries a service, both are under forced row-level security (the
    // owner's functions run with every service in scope).
    for (const table of ['report_fact_chunk', 'report_fact_chunk_stale']) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY "service_scope" ON "${table}"
           USING (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))
           WITH CHECK (service_id = ANY ((SELECT linkway_visible_services())::uuid[]))`,
      );
    }
    await queryRunner.query('REVOKE INSERT, UPDATE, DELETE ON report_fact_chunk FROM linkway_app');
    await queryRunner.query('REVOKE ALL ON report_fact_chunk_stale FROM linkway_app');

    await queryRunner.query(MARK_FUNCTION);
    for (const [event, referencing] of TRIGGERS) {
      await queryRunner.query(
        `CREATE TRIGGER "TRG_report_referral_fact_chunks_${event}" AFTER ${event.toUpperCase()}
           ON "report_referral_fact" ${referencing}
           FOR EACH STATEMENT EXECUTE FUNCTION linkway_mark_report_fact_chunks()`,
      );
    }
    // Emptying the fact table empties the chunks too.
    await queryRunner.query(
      `CREATE FUNCTION linkway_clear_report_fact_chunks() RETURNS trigger
         LANGUAGE plpgsql ${DEFINER} AS $$
         BEGIN
           DELETE FROM report_fact_chunk;
           DELETE FROM report_fact_chunk_stale;
           RETURN NULL;
         END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TRG_report_referral_fact_chunks_truncate" AFTER TRUNCATE
         ON "report_referral_fact" FOR EACH STATEMENT
         EXECUTE FUNCTION linkway_clear_report_fact_chunks()`,
    );
    await queryRunner.query(REBUILD_FUNCTION);
    await queryRunner.query(CURRENT_FUNCTION);

    // Every service-month there is, built now.
    await queryRunner.query(
      `INSERT INTO report_fact_chunk_stale (service_id, month)
       SELECT DISTINCT service_id, to_char(local_day, 'YYYY-MM') FROM report_referral_fact`,
    );
    await queryRunner.query('SELECT linkway_rebuild_report_fact_chunks(2147483647)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP TRIGGER "TRG_report_referral_fact_chunks_truncate" ON "report_referral_fact"',
    );
    for (const [event] of TRIGGERS) {
      await queryRunner.query(
        `DROP TRIGGER "TRG_report_referral_fact_chunks_${event}" ON "report_referral_fact"`,
      );
    }
    await queryRunner.query('DROP FUNCTION linkway_report_fact_chunks_current(text, text, text)');
    await queryRunner.query('DROP FUNCTION linkway_rebuild_report_fact_chunks(integer)');
    await queryRunner.query('DROP FUNCTION linkway_clear_report_fact_chunks()');
    await queryRunner.query('DROP FUNCTION linkway_mark_report_fact_chunks()');
    await queryRunner.query('DROP TABLE "report_fact_chunk_stale"');
    await queryRunner.query('DROP TABLE "report_fact_chunk"');
  }
}
