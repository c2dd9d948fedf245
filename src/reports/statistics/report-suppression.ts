import { suppressLine, type SuppressionReason } from './suppression';
import { wilsonInterval, Z_95, type Proportion } from './wilson';

export type RowKey = Readonly<Record<string, string | null>>;

export interface CountRow<M extends string> {
  readonly key: RowKey;
  readonly counts: Readonly<Record<M, number>>;
}

export interface PublishedRow<M extends string> {
  readonly key: RowKey;
  readonly counts: Readonly<Record<M, number | null>>;
}

/** Names a hidden cell; `row` is the row's key, or 'totals' for the totals row. */
export interface SuppressedCell<M extends string> {
  readonly row: RowKey | 'totals';
  readonly measure: M;
  readonly reason: SuppressionReason;
}

export interface PublishedRows<M extends string> {
  readonly rows: readonly PublishedRow<M>[];
  readonly totals: Readonly<Record<M, number | null>>;
  /** Row order, then measure order; the totals row last. */
  readonly suppressed: readonly SuppressedCell<M>[];
}

/**
 * Suppresses each measure's column (the rows plus the total) as its own line. Measures are
 * nested (accepted ≤ referrals …) but not additive across each other, so no equation
 * links two columns. `totals` defaults to column sums; pass it when rows overlap.
 */
export function suppressReportRows<M extends string>(
  rows: readonly CountRow<M>[],
  measures: readonly M[],
  threshold: number,
  totals?: Readonly<Record<M, number>>,
): PublishedRows<M> {
  const rowCounts = rows.map(() => ({}) as Record<M, number | null>);
  const totalCounts = {} as Record<M, number | null>;
  const rowReasons = rows.map(() => new Map<M, SuppressionReason>());
  const totalReasons = new Map<M, SuppressionReason>();

  for (const measure of measures) {
    const column = rows.map((r) => r.counts[measure]);
    const total = totals?.[measure] ?? column.reduce((sum, c) => sum + c, 0);
    const reasons = suppressLine(column, total, threshold);
    rows.forEach((_, i) => {
      const reason = reasons[i];
      rowCounts[i][measure] = reason === null ? column[i] : null;
      if (reason !== null) rowReasons[i].set(measure, reason);
    });
    const totalReason = reasons[rows.length];
    totalCounts[measure] = totalReason === null ? total : null;
    if (totalReason !== null) totalReasons.set(measure, totalReason);
  }

  const named = (row: RowKey | 'totals', reasons: Map<M, SuppressionReason>) =>
    measures.flatMap((measure) => {
      const reason = reasons.get(measure);
      return reason === undefined ? [] : [{ row, measure, reason }];
    });

  return {
    rows: rows.map((r, i) => ({ key: r.key, counts: rowCounts[i] })),
    totals: totalCounts,
    suppressed: [
      ...rows.flatMap((r, i) => named(r.key, rowReasons[i])),
      ...named('totals', totalReasons),
    ],
  };
}

/** 'not_applicable' (no denominator) is `[z]` in CSV and HTML; 'suppressed' is `[c]`. */
export type RateStatus = 'shown' | 'suppressed' | 'not_applicable';

export interface PublishedRate extends Proportion {
  readonly status: RateStatus;
}

/**
 * A rate with its Wilson interval, hidden whenever its numerator or denominator is hidden
 * (either would let the other be recovered from the rate). Pass the published counts.
 */
export function publishedRate(
  numerator: number | null,
  denominator: number | null,
  z: number = Z_95,
): PublishedRate {
  if (numerator === null || denominator === null) {
    return { status: 'suppressed', value: null, lower: null, upper: null };
  }
  if (denominator === 0) return { status: 'not_applicable', value: null, lower: null, upper: null };
  return { status: 'shown', ...wilsonInterval(numerator, denominator, z) };
}
