import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COLUMNS, DEFINER, TRIGGERS } from './1796530000000-ReportReferralFact';
import { REFRESH_BY_RANGE } from './1796550000000-ReportFactsDrainByRange';
import { BY_CASE } from './1796570000000-ReportFactRowsByCase';

/**
 * The activity's per-case figures from the report facts. Each referral's row gains its case, the
 * case's person, the case's first place (the same one the service-access report counts as placed),
 * the one-to-one sessions the case had before it, and the London days it had a contact on. At a
 * million referrals the activity worked these out on every request: it joined every contact to
 * the period's first places for the sessions (1.4 s over twelve months), and every case to the
 * period's contacts for the people contacted (1.2–1.5 s). Now it reads the period's placed rows
 * by an index, and finds a case contacted in a period by a binary search of its sorted days.
 *
 * Contacts become a source of the facts: a statement that adds, moves or removes a case's contacts
 * queues the case's referrals, and the refresh rewrites their rows as for any other source, so the
 * figures are the sources' at the moment the report drains the queue.
 */
const SESSION_MODES = `('face_to_face','phone','video','home_visit','drop_in')`;

const NEW_COLUMNS: [string, string][] = [
  ['case_id', 'uuid'],
  ['placed_at', 'timestamp with time zone'],
  ['sessions_before_place', 'integer'],
  ['case_person_id', 'uuid'],
  ['contact_days', 'date[]'],
];

const COLUMN_NAMES = [...COLUMNS, ...NEW_COLUMNS].map(([c]) => c).join(', ');

function replaced(text: string, from: string, to: string): string {
  if (text.split(from).length !== 2) {
    throw new Error('The function is not the one this migration knows');
  }
  return text.replace(from, () => to);
}

const OLD_PLACED_SELECT = `    SELECT c.case_id, p.placed_at, p.attended
      FROM cases c`;
const NEW_PLACED_SELECT = `    SELECT c.case_id, p.placed_at, p.attended, s.sessions
      FROM cases c`;
const PLACED_END = `           AND pl.status IN ('accepted', 'paused', 'ended')) p
  ),`;
const SESSIONS_AND_CONTACT_DAYS = `           AND pl.status IN ('accepted', 'paused', 'ended')) p
      -- One-to-one sessions (not texts or emails) before the first place, by the contacts' index.
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS sessions
          FROM report_contact ct
         WHERE ct.case_id = c.case_id AND ct.at < p.placed_at AND ct.mode IN ${SESSION_MODES}) s
  ),
  -- The London days the case had a contact on, ascending and distinct: sorted for width_bucket.
  contacted AS (
    SELECT c.case_id,
           (SELECT array_agg(DISTINCT (ct.at AT TIME ZONE 'Europe/London')::date
                             ORDER BY (ct.at AT TIME ZONE 'Europe/London')::date)
              FROM report_contact ct WHERE ct.case_id = c.case_id) AS days
      FROM cases c
  ),`;
const OLD_LAST_OUTPUT = `           AND NOT EXISTS (SELECT 1 FROM referral o WHERE o.person_id = r.person_id AND o.id <> r.id)
    FROM r`;
const NEW_LAST_OUTPUT = `           AND NOT EXISTS (SELECT 1 FROM referral o WHERE o.person_id = r.person_id AND o.id <> r.id),
         c.id,
         pl.placed_at,
         CASE WHEN pl.placed_at IS NOT NULL THEN pl.sessions END,
         c.person_id,
         cd.days
    FROM r`;
const OLD_RETURNS = 'sole_referral boolean)';
const NEW_RETURNS = `sole_referral boolean, ${NEW_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')})`;

const OLD_LAST_JOIN = `    LEFT JOIN wellbeing w ON w.case_id = c.id
$$`;
const NEW_LAST_JOIN = `    LEFT JOIN wellbeing w ON w.case_id = c.id
    LEFT JOIN contacted cd ON cd.case_id = c.id
$$`;

const ROWS_WITH_CASE_ACTIVITY = [
  [OLD_RETURNS, NEW_RETURNS],
  [OLD_PLACED_SELECT, NEW_PLACED_SELECT],
  [PLACED_END, SESSIONS_AND_CONTACT_DAYS],
  [OLD_LAST_OUTPUT, NEW_LAST_OUTPUT],
  [OLD_LAST_JOIN, NEW_LAST_JOIN],
]
  .reduce((text, [from, to]) => replaced(text, from, to), BY_CASE)
  .replace('CREATE OR REPLACE FUNCTION', 'CREATE FUNCTION');

const OLD_INSERT_COLUMNS = 'sole_referral)';
const REFRESH_WITH_CASE_ACTIVITY = replaced(
  REFRESH_BY_RANGE,
  OLD_INSERT_COLUMNS,
  `sole_referral, ${NEW_COLUMNS.map(([c]) => c).join(', ')})`,
);

/**
 * Contacts queue their cases' referrals. An update queues only rows whose case, time or mode
 * changed (a corrected note does not); the `EXCEPT ALL` reads the other transition table, which
 * exists only for updates, and counts duplicates, so a statement that swaps two contacts' times
 * is seen. Emptying the table (TRUNCATE, which fires no row trigger) queues every case's referral.
 */
const enqueueContacts = () => {
  const columns = 'case_id, at, mode';
  const branch = (self: 'n' | 'o', event: string) => `
    IF TG_OP = '${event}' THEN
      INSERT INTO report_referral_fact_queue (referral_id)
      SELECT r.id FROM referral r WHERE r.case_id IN (SELECT case_id FROM ${self});
    END IF;`;
  const changed = (self: 'n' | 'o', other: 'n' | 'o') => `
      INSERT INTO report_referral_fact_queue (referral_id)
      SELECT r.id FROM referral r
       WHERE r.case_id IN (SELECT case_id FROM (SELECT ${columns} FROM ${self}
                                                EXCEPT ALL SELECT ${columns} FROM ${other}) t);`;
  return `CREATE FUNCTION linkway_enqueue_report_facts_case_contact() RETURNS trigger
  LANGUAGE plpgsql ${DEFINER} AS $$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      INSERT INTO report_referral_fact_queue (referral_id)
      SELECT id FROM referral WHERE case_id IS NOT NULL;
    END IF;${branch('n', 'INSERT')}${branch('o', 'DELETE')}
    IF TG_OP = 'UPDATE' THEN${changed('n', 'o')}${changed('o', 'n')}
    END IF;
    RETURN NULL;
  END $$`;
};

/** The row changes' triggers, and one for TRUNCATE, which has no transition tables. */
const CONTACT_TRIGGERS = [...TRIGGERS, ['truncate', '']] as const;

export class ReportFactsCaseActivity1796590000000 implements MigrationInterface {
  name = 'ReportFactsCaseActivity1796590000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT set_config('linkway.services', '*', true)`);
    await queryRunner.query(
      `ALTER TABLE "report_referral_fact" ${NEW_COLUMNS.map(([c, t]) => `ADD COLUMN "${c}" ${t}`).join(', ')}`,
    );
    // The activity reads the period's first places; service_id too, for row-level security.
    await queryRunner.query(
      `CREATE INDEX "IDX_report_referral_fact_placed_at" ON "report_referral_fact" ("placed_at")
         INCLUDE ("case_id", "sessions_before_place", "service_id") WHERE "placed_at" IS NOT NULL`,
    );
    await queryRunner.query('DROP FUNCTION linkway_report_fact_rows(uuid[])');
    await queryRunner.query(ROWS_WITH_CASE_ACTIVITY);
    await queryRunner.query('REVOKE ALL ON FUNCTION linkway_report_fact_rows(uuid[]) FROM PUBLIC');
    await queryRunner.query(REFRESH_WITH_CASE_ACTIVITY);
    await queryRunner.query(enqueueContacts());
    for (const [event, referencing] of CONTACT_TRIGGERS) {
      await queryRunner.query(
        `CREATE TRIGGER "TRG_case_contact_report_facts_${event}" AFTER ${event.toUpperCase()}
           ON "case_contact" ${referencing}
           FOR EACH STATEMENT EXECUTE FUNCTION linkway_enqueue_report_facts_case_contact()`,
      );
    }
    // Every row again, from the one definition.
    await queryRunner.query('DELETE FROM report_referral_fact');
    await queryRunner.query(
      `INSERT INTO report_referral_fact (referral_id, ${COLUMN_NAMES})
         SELECT * FROM linkway_report_fact_rows(ARRAY(SELECT id FROM referral))`,
    );
    await queryRunner.query('ANALYZE report_referral_fact');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [event] of CONTACT_TRIGGERS) {
      await queryRunner.query(
        `DROP TRIGGER "TRG_case_contact_report_facts_${event}" ON "case_contact"`,
      );
    }
    await queryRunner.query('DROP FUNCTION linkway_enqueue_report_facts_case_contact()');
    await queryRunner.query(REFRESH_BY_RANGE);
    await queryRunner.query('DROP FUNCTION linkway_report_fact_rows(uuid[])');
    await queryRunner.query(BY_CASE.replace('CREATE OR REPLACE FUNCTION', 'CREATE FUNCTION'));
    await queryRunner.query('REVOKE ALL ON FUNCTION linkway_report_fact_rows(uuid[]) FROM PUBLIC');
    await queryRunner.query(
      `ALTER TABLE "report_referral_fact" ${NEW_COLUMNS.map(([c]) => `DROP COLUMN "${c}"`).join(', ')}`,
    );
  }
}
