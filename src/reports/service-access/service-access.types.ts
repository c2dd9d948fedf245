import type { RateStatus } from '../statistics/report-suppression';
import type { Counted, Dimension, Measure } from './dimensions';

export type ReportKey = Readonly<Record<string, string>>;

export interface Interval {
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** 'suppressed' is [c], 'not_applicable' (no referrals) is [z]. */
  readonly status: RateStatus;
}

export interface MeanChange {
  readonly mean: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** How many cases had a SWEMWBS baseline and a later score; null when suppressed. */
  readonly n: number | null;
}

export type Measures = Readonly<Record<Measure, number | null>> & {
  readonly uptakeRate: Interval;
  readonly medianDaysToFirstContact: number | null;
  readonly medianDaysToPlacement: number | null;
  readonly swemwbsChange: MeanChange;
};

export type ReportRow = { readonly key: ReportKey } & Measures;

export type ReportSection = 'rows' | 'totals' | 'breakdowns' | 'trend';

export interface SuppressedEntry {
  readonly section: ReportSection;
  /** The row's key, or 'totals'. */
  readonly row: ReportKey | 'totals';
  readonly measure: Counted;
}

export const COMPLETENESS_FIELDS = [
  'countryOfBirth',
  'nationality',
  'yearOfArrival',
  'mainLanguage',
  'migrantStatus',
  'interpreterNeeded',
] as const;
export type CompletenessField = (typeof COMPLETENESS_FIELDS)[number];

export interface ServiceAccessReport {
  readonly report: 'service-access';
  readonly period: { readonly from: string; readonly to: string };
  readonly by: readonly Dimension[];
  readonly threshold: number;
  readonly generatedAt: string;
  readonly rows: readonly ReportRow[];
  readonly totals: Measures;
  /** Each chosen dimension on its own (the margins of `rows`), for charts. */
  readonly breakdowns: Readonly<Partial<Record<Dimension, readonly ReportRow[]>>>;
  /** Referrals received by month (YYYY-MM) with the same measures. */
  readonly trend: readonly ReportRow[];
  /** Fraction (0..1, two decimals) of the people in the report with each field recorded. */
  readonly completeness: Readonly<Record<CompletenessField, number | null>>;
  readonly suppressed: readonly SuppressedEntry[];
  readonly notes: readonly string[];
}

/**
 * How a report's figures came to be published: the full cross-tabulation; only its margins (three
 * or more breakdowns, or beyond the disclosure check's work budget); or nothing.
 */
export type ServiceAccessShape = 'full' | 'marginsOnly' | 'nothing';
