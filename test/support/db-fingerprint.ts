import type { Pool } from 'pg';

/**
 * Tables that change without any request meaning to: the migration list, browser sessions,
 * sign-in attempts (a refused sign-in is still an attempt), the audit log (a refused read is
 * still audited), and the slots scheduled jobs claim as they run.
 */
const IGNORED = [
  'typeorm_migrations',
  'session',
  'login_attempt',
  'audit_event',
  'scheduled_job_run',
];
/** A token's last use is touched as it is used; only new or removed tokens matter. */
const COUNT_ONLY = ['api_token'];

export type Fingerprint = Record<string, string>;

/**
 * A hash of every row of every table (a count for the few above), as one comparable row: a
 * request that was refused must leave it exactly as it was, whatever it tried to change.
 */
export async function databaseFingerprint(db: Pool): Promise<() => Promise<Fingerprint>> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))
      ORDER BY table_name`,
    [IGNORED],
  );
  const columns = rows.map(({ table_name: t }) =>
    COUNT_ONLY.includes(t)
      ? `(SELECT count(*)::text FROM "${t}") AS "${t}"`
      : `(SELECT count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${t}" x) AS "${t}"`,
  );
  const sql = `SELECT ${columns.join(', ')}`;
  return async () => (await db.query<Fingerprint>(sql)).rows[0];
}

/** The tables whose fingerprints differ, for a readable failure. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]);
}
