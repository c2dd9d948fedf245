import { medianFrom, missesWindow } from '../statistics/window-median';
import {
  activitySummarySql,
  FIRST_CONTACT_MEDIAN_SQL,
  type ActivitySummaryRow,
} from './activity.sql';

/** Runs a statement in the caller's transaction and returns its rows. */
export type QueryRows = (sql: string, parameters: unknown[]) => Promise<Record<string, unknown>[]>;

const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The period's activity summary from the report facts (refreshed by the caller), in the
 * caller's transaction: one statement, and a second only when the window around the middle
 * days to first contact missed the median (small or unusual periods).
 */
export async function readActivitySummary(
  query: QueryRows,
  period: { from: string; to: string },
  options: { samplePercent?: number } = {},
): Promise<ActivitySummaryRow> {
  const parameters = [period.from, period.to];
  const [row] = await query(activitySummarySql(options), parameters);
  const n = Number(row.first_contact_n);
  const inWindow = (row.first_contact_window as number[] | null) ?? [];
  const counts = { n, below: Number(row.first_contact_below), inside: inWindow.length };
  let median: number | null = null;
  if (n > 0 && missesWindow(counts)) {
    const [all] = await query(FIRST_CONTACT_MEDIAN_SQL, parameters);
    median = numberOrNull(all.median);
  } else if (n > 0) {
    median = medianFrom(Float64Array.from(inWindow), n, counts.below);
  }
  return {
    people_contacted: Number(row.people_contacted),
    placed_cases: Number(row.placed_cases),
    median_sessions: numberOrNull(row.median_sessions),
    mean_sessions: numberOrNull(row.mean_sessions),
    first_contact_n: n,
    median_days_to_first_contact: median,
  };
}
