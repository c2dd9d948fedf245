import type { AggregateRow, CompletenessCounts } from './service-access.sql';
import { aggregatesWithMedians, type StatementRow } from './window-medians';

/**
 * The service-access statement's rows (serviceAccessSql) as the report's aggregates, medians
 * picked, and the period's completeness. `columns` are the keyed columns, month last.
 */
export function readServiceAccessRows(
  rows: readonly StatementRow[],
  columns: readonly string[],
): { aggregates: AggregateRow[]; completeness: CompletenessCounts } {
  const groups = aggregatesWithMedians(rows, columns);
  return {
    aggregates: groups.map((g) => toAggregate(g, columns)),
    completeness: (groups[0]?.completeness as CompletenessCounts) ?? emptyCompleteness(),
  };
}

export function toAggregate(raw: StatementRow, columns: readonly string[]): AggregateRow {
  const grouped = columns.filter((c) => Number(raw[`g_${c}`]) === 0);
  const num = (name: string) => (raw[name] === null ? null : Number(raw[name]));
  return {
    grouped,
    key: Object.fromEntries(grouped.map((c) => [c, String(raw[c])])),
    referrals: Number(raw.referrals),
    accepted: Number(raw.accepted),
    placed: Number(raw.placed),
    attended: Number(raw.attended),
    completed: Number(raw.completed),
    median_days_to_first_contact: num('median_days_to_first_contact'),
    n_first_contact: Number(raw.n_first_contact),
    median_days_to_placement: num('median_days_to_placement'),
    n_placement: Number(raw.n_placement),
    swemwbs_mean: num('swemwbs_mean'),
    swemwbs_sd: num('swemwbs_sd'),
    swemwbs_n: Number(raw.swemwbs_n),
  };
}

/** Completeness of a period with no referrals. */
export function emptyCompleteness(): CompletenessCounts {
  return {
    people: 0,
    countryOfBirth: 0,
    nationality: 0,
    yearOfArrival: 0,
    mainLanguage: 0,
    migrantStatus: 0,
    interpreterNeeded: 0,
  };
}

/** Referrals with a first contact and their median days to it, as the grand total counts them. */
export function totalFirstContact(aggregates: readonly AggregateRow[]): {
  n: number;
  median: number | null;
} {
  const total = aggregates.find((a) => a.grouped.length === 0);
  return { n: total?.n_first_contact ?? 0, median: total?.median_days_to_first_contact ?? null };
}
