import type { AggregateRow, CompletenessCounts } from './service-access.sql';

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
