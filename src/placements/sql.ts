import type { EntityManager } from 'typeorm';

/**
 * Rows of a raw statement. TypeORM answers UPDATE/DELETE with `[rows, rowCount]` and everything
 * else with the rows, so statements with RETURNING go through here.
 */
export async function returning<T>(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result: unknown = await em.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}

/** Is this a unique-constraint violation (PostgreSQL 23505) of the named index? */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const driverError = (e as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === '23505' && (!constraint || driverError.constraint === constraint);
}

/** The ISO 8601 week of a moment in UK time, e.g. "2026-W47": the unit of a weekly intake limit. */
export function isoWeekOf(moment: Date): string {
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(moment);
  const [y, m, d] = local.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
