export const EQUITY_DIMENSIONS = ['ethnicity', 'countryOfBirth', 'ageBand', 'sex', 'area'] as const;
export type EquityDimension = (typeof EQUITY_DIMENSIONS)[number];

/**
 * Age bands of the equity report: unions of the Census five-year bands (so 15–24, not the
 * service-access report's 16–24, which the Census tables cannot give).
 */
export const EQUITY_AGE_BANDS = ['0-14', '15-24', '25-34', '35-49', '50-64', '65+'] as const;

export interface Interval {
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface EquityRow {
  readonly key: string;
  readonly label: string;
  /** Referrals of residents in this group; null when suppressed. */
  readonly referrals: number | null;
  /** Usual residents (Census 2021): public data, never suppressed. */
  readonly population: number;
  readonly ratePer1000: Interval;
  /** This group's rate ÷ the rate of everyone else in the report. */
  readonly rateRatio: Interval;
  /** Directly standardised to the 2013 European Standard Population, per 1,000; null where not given. */
  readonly ageStandardisedRate: Interval;
}

export interface EquityReport {
  readonly report: 'equity';
  readonly period: { readonly from: string; readonly to: string };
  readonly by: EquityDimension;
  readonly threshold: number;
  readonly generatedAt: string;
  readonly rows: readonly EquityRow[];
  readonly totals: {
    readonly referrals: number | null;
    readonly population: number;
    readonly ratePer1000: Interval;
    readonly ageStandardisedRate: Interval;
  };
  /** The areas whose residents the report covers (codes and names). */
  readonly areas: readonly { readonly code: string; readonly name: string | null }[];
  /** Share of the people referred in the period with each equity field recorded. */
  readonly completeness: {
    readonly sex: number | null;
    readonly ethnicity: number | null;
    readonly religion: number | null;
  };
  readonly population: {
    readonly sources: readonly string[];
    readonly censusDate: string | null;
    readonly synthetic: boolean;
  };
  readonly suppressed: readonly { readonly row: string; readonly measure: 'referrals' }[];
  readonly notes: readonly string[];
}
