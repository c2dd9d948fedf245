import type { Dimension } from './dimensions';

/** The facts column each dimension groups by ('need' comes from unnesting the reasons). */
export const DIMENSION_COLUMN: Readonly<Record<Dimension, string>> = {
  channel: 'channel',
  migrantStatus: 'migrant_status',
  countryOfBirth: 'country_of_birth',
  mainLanguage: 'main_language',
  interpreterNeeded: 'interpreter_needed',
  ageBand: 'age_band',
  sex: 'sex',
  area: 'area',
  need: 'need',
  yearOfArrivalBand: 'year_of_arrival_band',
  service: 'service',
};

/** One aggregate row: which columns it is grouped by, the key values and the measures. */
export interface AggregateRow {
  readonly grouped: readonly string[];
  readonly key: Readonly<Record<string, string>>;
  readonly referrals: number;
  readonly accepted: number;
  readonly placed: number;
  readonly attended: number;
  readonly completed: number;
  readonly median_days_to_first_contact: number | null;
  readonly n_first_contact: number;
  readonly median_days_to_placement: number | null;
  readonly n_placement: number;
  readonly swemwbs_mean: number | null;
  readonly swemwbs_sd: number | null;
  readonly swemwbs_n: number;
}

export interface CompletenessCounts {
  readonly people: number;
  readonly countryOfBirth: number;
  readonly nationality: number;
  readonly yearOfArrival: number;
  readonly mainLanguage: number;
  readonly migrantStatus: number;
  readonly interpreterNeeded: number;
}

/** Queue entries one refresh call takes (and any older ones committed meanwhile): one short transaction each. */
export const REFRESH_BATCH = 20_000;

/**
 * Rewrites the fact rows of referrals whose sources changed since the last refresh (the triggers
 * queue them), as the owner with every service in scope: the oldest `batch` queue entries, by id
 * range. Returns the entries taken and the referrals refreshed; `refreshReportFacts` repeats it.
 */
export const refreshReportFactsSql = (batch = REFRESH_BATCH) =>
  `SELECT taken, refreshed FROM linkway_refresh_report_facts(${Math.trunc(batch)})`;

/** One call, for tests and scripts that know the queue is small. */
export const REFRESH_REPORT_FACTS_SQL = refreshReportFactsSql();
