import { medianFrom, missesWindow } from '../statistics/window-median';
import {
  ACTIVITY_CASES_SQL,
  activitySummarySql,
  type ActivityCasesRow,
  type ActivitySummaryRow,
} from './activity.sql';

/** Runs a statement in the caller's transaction and returns its rows. */
type QueryRows = (sql: string, parameters: unknown[]) => Promise<Record<string, unknown>[]>;

const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const casesFrom = (row: Record<string, unknown>): ActivityCasesRow => ({
  people_contacted: Number(row.people_contacted),
  placed_cases: Number(row.placed_cases),
  median_sessions: numberOrNull(row.median_sessions),
  mean_sessions: numberOrNull(row.mean_sessions),
});

/**
 * The period's activity summary from the report facts (refreshed by the caller), in one
 * statement: the median days to first contact are picked here from the window's values, or
 * come from the statement's own percentile_cont over all of them when the window missed.
 */
export async function readActivitySummary(
  query: QueryRows,
  period: { from: string; to: string },
  options: { samplePercent?: number } = {},
): Promise<ActivitySummaryRow> {
  const [row] = await query(activitySummarySql(options), [period.from, period.to]);
  const n = Number(row.first_contact_n);
  const inWindow = (row.first_contact_window as number[] | null) ?? [];
  const counts = { n, below: Number(row.first_contact_below), inside: inWindow.length };
  const whole = numberOrNull(row.first_contact_whole);
  // The statement asks the same question; disagreeing would be a fault, not a figure.
  if (missesWindow(counts) !== (whole !== null)) {
    throw new Error('activity summary: the statement and the window disagree on a miss');
  }
  let median = whole;
  if (whole === null && n > 0) median = medianFrom(Float64Array.from(inWindow), n, counts.below);
  return { ...casesFrom(row), first_contact_n: n, median_days_to_first_contact: median };
}

/** The summary's cases part alone (people contacted, first places), for the service-access report. */
export async function readActivityCases(
  query: QueryRows,
  period: { from: string; to: string },
): Promise<ActivityCasesRow> {
  const [row] = await query(ACTIVITY_CASES_SQL, [period.from, period.to]);
  return casesFrom(row);
}
