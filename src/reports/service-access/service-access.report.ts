import { AGE_BANDS, YEAR_OF_ARRIVAL_BANDS } from '../statistics/age-band';
import { publishedShare } from '../statistics/completeness';
import type { LpSolver } from '../statistics/lp-solver';
import type { ProtectionOptions } from '../statistics/protected-suppression';
import {
  crossTabCovers,
  crossTabSums,
  fullGrid,
  protectSlots,
  type MeasureTie,
  type ProtectedSlots,
} from '../statistics/protected-tables';
import { publishedRate } from '../statistics/report-suppression';
import { meanIntervalFromSummary } from '../statistics/summary-interval';
import {
  COUNTED,
  MEASURES,
  NOT_RECORDED,
  UNKNOWN_AREA,
  type Counted,
  type Dimension,
} from './dimensions';
import { serviceAccessNotes } from './service-access.notes';
import { DIMENSION_COLUMN, type AggregateRow, type CompletenessCounts } from './service-access.sql';
import {
  COMPLETENESS_FIELDS,
  type CompletenessField,
  type Measures,
  type ReportKey,
  type ReportRow,
  type ReportSection,
  type ServiceAccessReport,
  type ServiceAccessShape,
  type SuppressedEntry,
} from './service-access.types';

/** The completeness field each breakdown tabulates, where there is one. */
const COMPLETENESS_FIELD_OF: Partial<Record<Dimension, CompletenessField>> = {
  migrantStatus: 'migrantStatus',
  countryOfBirth: 'countryOfBirth',
  mainLanguage: 'mainLanguage',
  interpreterNeeded: 'interpreterNeeded',
  yearOfArrivalBand: 'yearOfArrival',
};

export interface ServiceAccessInput {
  readonly dimensions: readonly Dimension[];
  readonly period: { readonly from: string; readonly to: string };
  readonly threshold: number;
  readonly generatedAt: Date;
  readonly aggregates: readonly AggregateRow[];
  readonly completeness: CompletenessCounts;
}

/** A published aggregate: where it goes in the report, its key and its raw figures. */
interface Slot {
  readonly section: ReportSection;
  readonly dimension?: Dimension;
  readonly key: ReportKey;
  readonly row: AggregateRow;
}

const EMPTY_ROW: AggregateRow = {
  grouped: [],
  key: {},
  referrals: 0,
  accepted: 0,
  placed: 0,
  attended: 0,
  completed: 0,
  median_days_to_first_contact: null,
  n_first_contact: 0,
  median_days_to_placement: null,
  n_placement: 0,
  swemwbs_mean: null,
  swemwbs_sd: null,
  swemwbs_n: 0,
};

const rawCount = (row: AggregateRow, measure: Counted): number =>
  measure === 'swemwbsN' ? row.swemwbs_n : row[measure];

/**
 * What a reader knows of the funnel: each stage is at most the one before it, and completions
 * and SWEMWBS changes are at most the accepted referrals (both need a case).
 */
const FUNNEL: readonly MeasureTie<Counted>[] = [
  { parts: ['accepted'], whole: 'referrals', exact: false },
  { parts: ['placed'], whole: 'accepted', exact: false },
  { parts: ['attended'], whole: 'placed', exact: false },
  { parts: ['completed'], whole: 'accepted', exact: false },
  { parts: ['swemwbsN'], whole: 'accepted', exact: false },
];

/**
 * Turns the aggregates of the chunks (ChunkAggregator) into the published report. Every count the report
 * shows (cross-tabulation, margins, months, totals, each funnel stage) is protected together by
 * protection intervals with an audit (`protectSlots`), so that each suppressed count keeps a
 * feasible range at least the threshold wide given everything else in the response. A
 * cross-tabulation lists every combination of its margins' categories, so that whether a row
 * appears says nothing. A cross-tabulation of three or more breakdowns, or one the method cannot
 * protect within its work budget, publishes only its margins, months and totals; beyond that,
 * everything is suppressed. The notes say which.
 */
export function buildServiceAccessReport(
  input: ServiceAccessInput,
  solver: LpSolver,
  options: ProtectionOptions = {},
): ServiceAccessReport {
  const { dimensions, threshold } = input;
  let slots = arrange(input.aggregates, dimensions, dimensions.length < 3);
  let shape: ServiceAccessShape = dimensions.length < 3 ? 'full' : 'marginsOnly';
  let result = protect(slots, dimensions, threshold, solver, options);
  if (result.gaveUp && shape === 'full' && dimensions.length === 2) {
    slots = arrange(input.aggregates, dimensions, false);
    shape = 'marginsOnly';
    result = protect(slots, dimensions, threshold, solver, options);
  }
  if (result.gaveUp || result.unprotected.length > 0) shape = 'nothing';
  const nothing = shape === 'nothing';
  const shown = (i: number, measure: Counted): number | null =>
    nothing ? null : result.published[i][measure];

  const published = slots.map((slot, i) => publish(slot, i, shown, threshold));
  const suppressed: SuppressedEntry[] = slots.flatMap((slot, i) =>
    COUNTED.flatMap((measure) =>
      shown(i, measure) !== null
        ? []
        : [
            {
              section: slot.section,
              row: slot.section === 'totals' ? ('totals' as const) : slot.key,
              measure,
            },
          ],
    ),
  );
  const inSection = (section: ReportSection, dimension?: Dimension) =>
    published.filter((_, i) => slots[i].section === section && slots[i].dimension === dimension);
  const breakdowns: Partial<Record<Dimension, ReportRow[]>> = {};
  for (const d of dimensions) {
    breakdowns[d] = dimensions.length === 1 ? inSection('rows') : inSection('breakdowns', d);
  }
  const totals = withoutKey(inSection('totals')[0]);
  // Breakdowns whose "not recorded" category (or the total) is suppressed. The share gives back
  // how many are not recorded, total × (1 − share); while that category is published, it says
  // nothing the table does not.
  const hiddenNotRecorded = new Set<Dimension>();
  for (const { row, measure } of suppressed) {
    if (measure !== 'referrals') continue; // the share counts people, not later steps
    for (const d of dimensions) {
      if (row === 'totals' || (Object.keys(row).length === 1 && row[d] === NOT_RECORDED)) {
        hiddenNotRecorded.add(d);
      }
    }
  }
  const completeness = Object.fromEntries(
    COMPLETENESS_FIELDS.map((field) => [
      field,
      publishedShare(
        input.completeness[field],
        input.completeness.people,
        threshold,
        dimensions.some((d) => COMPLETENESS_FIELD_OF[d] === field && hiddenNotRecorded.has(d)),
      ),
    ]),
  ) as ServiceAccessReport['completeness'];

  return {
    report: 'service-access',
    period: input.period,
    by: dimensions,
    threshold,
    generatedAt: input.generatedAt.toISOString(),
    rows: inSection('rows'),
    totals,
    breakdowns,
    trend: inSection('trend'),
    completeness,
    suppressed,
    notes: serviceAccessNotes(input.period, threshold, dimensions, shape),
  };
}

function protect(
  slots: readonly Slot[],
  dimensions: readonly Dimension[],
  threshold: number,
  solver: LpSolver,
  options: ProtectionOptions,
): ProtectedSlots<Counted> {
  // A referral gives at least one need and each need at most once.
  const needs = new Set<string>(['need']);
  const sums = crossTabSums(slots, dimensions, needs);
  const covers = crossTabCovers(slots, dimensions, needs);
  const countSlots = slots.map((s) => ({
    counts: Object.fromEntries(COUNTED.map((m) => [m, rawCount(s.row, m)])) as Record<
      Counted,
      number
    >,
  }));
  return protectSlots(countSlots, COUNTED, sums, FUNNEL, threshold, solver, { ...options, covers });
}

/**
 * Slots in a fixed order: rows, then each dimension's margin, then months, then the total. With
 * `withRows`, a cross-tabulation has a row for every combination of its margins' categories
 * (zeros included); without, it has none.
 */
function arrange(
  aggregates: readonly AggregateRow[],
  dimensions: readonly Dimension[],
  withRows: boolean,
): Slot[] {
  const columns = dimensions.map((d) => DIMENSION_COLUMN[d]);
  const keyOf = (row: AggregateRow, of: readonly Dimension[]): ReportKey =>
    Object.fromEntries(of.map((d) => [d, row.key[DIMENSION_COLUMN[d]]]));
  const sameSet = (row: AggregateRow, set: readonly string[]) =>
    row.grouped.length === set.length && set.every((c) => row.grouped.includes(c));

  const found =
    columns.length === 0
      ? []
      : aggregates
          .filter((r) => sameSet(r, columns))
          .map((row): Slot => ({ section: 'rows', key: keyOf(row, dimensions), row }));
  const margins =
    dimensions.length < 2
      ? []
      : dimensions.flatMap((d) =>
          aggregates
            .filter((r) => sameSet(r, [DIMENSION_COLUMN[d]]))
            .map((row): Slot => ({
              section: 'breakdowns',
              dimension: d,
              key: keyOf(row, [d]),
              row,
            })),
        );
  const trend = withEmptyMonths(
    aggregates
      .filter((r) => sameSet(r, ['month']))
      .map((row): Slot => ({ section: 'trend', key: { month: row.key.month }, row })),
  );
  const total = aggregates.find((r) => r.grouped.length === 0) ?? EMPTY_ROW;
  let rows = dimensions.length === 1 ? found : [];
  if (dimensions.length > 1 && withRows) {
    const categories = Object.fromEntries(
      dimensions.map((d) => [d, margins.filter((m) => m.dimension === d).map((m) => m.key[d])]),
    );
    const byKey = new Map(found.map((r) => [JSON.stringify(r.key), r]));
    rows = fullGrid(dimensions, categories).map(
      (key): Slot =>
        byKey.get(JSON.stringify(key)) ?? {
          section: 'rows',
          key,
          row: { ...EMPTY_ROW, grouped: columns, key: {} },
        },
    );
  }
  return [
    ...sortByKey(rows, dimensions),
    ...dimensions.flatMap((d) =>
      sortByKey(
        margins.filter((m) => m.dimension === d),
        [d],
      ),
    ),
    ...trend.sort((a, b) => a.key.month.localeCompare(b.key.month)),
    { section: 'totals', key: {}, row: total },
  ];
}

/**
 * A month with no referrals between two that have some is a 0 in the trend, not a gap: a chart
 * that skipped it would join October to December as if November were ordinary.
 */
function withEmptyMonths(trend: Slot[]): Slot[] {
  const months = trend.map((s) => s.key.month).sort();
  if (months.length < 2) return trend;
  const present = new Set(months);
  const filled = [...trend];
  for (let m = nextMonth(months[0]); m < months[months.length - 1]; m = nextMonth(m)) {
    if (!present.has(m))
      filled.push({
        section: 'trend',
        key: { month: m },
        row: { ...EMPTY_ROW, grouped: ['month'], key: { month: m } },
      });
  }
  return filled;
}

/** '2026-11' → '2026-12', '2026-12' → '2027-01'. */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

function publish(
  slot: Slot,
  i: number,
  published: (slot: number, measure: Counted) => number | null,
  threshold: number,
): ReportRow {
  const shown = (measure: Counted) => published(i, measure);
  const counts = Object.fromEntries(MEASURES.map((m) => [m, shown(m)])) as Record<
    (typeof MEASURES)[number],
    number | null
  >;
  const rate = publishedRate(counts.placed, counts.referrals);
  // A median or mean is published only beside the count it is computed over (or one that bounds
  // it), shown and at least the threshold: beside a suppressed count its presence would say "at
  // least the threshold", which narrows the count's range. Days to placement is over the placed
  // referrals (n_placement ≤ placed); days to first contact over some of the referrals, contacted
  // before or after acceptance (n_first_contact ≤ referrals); the SWEMWBS change over swemwbsN.
  const summary = <T>(count: number | null, n: number, value: T | null): T | null =>
    count === null || count < threshold || n < threshold ? null : value;
  const median = (value: number | null) => (value === null ? null : round(value, 1));
  const n = shown('swemwbsN');
  const change =
    n === null
      ? { mean: null, lower: null, upper: null, n: null }
      : meanIntervalFromSummary(summary(n, n, slot.row.swemwbs_mean), slot.row.swemwbs_sd, n);
  const measures: Measures = {
    ...counts,
    uptakeRate: {
      value: roundOrNull(rate.value, 4),
      lower: roundOrNull(rate.lower, 4),
      upper: roundOrNull(rate.upper, 4),
      status: rate.status,
    },
    medianDaysToFirstContact: summary(
      counts.referrals,
      slot.row.n_first_contact,
      median(slot.row.median_days_to_first_contact),
    ),
    medianDaysToPlacement: summary(
      counts.placed,
      slot.row.n_placement,
      median(slot.row.median_days_to_placement),
    ),
    swemwbsChange: {
      mean: roundOrNull(change.mean, 2),
      lower: roundOrNull(change.lower, 2),
      upper: roundOrNull(change.upper, 2),
      n: change.n,
    },
  };
  return { key: slot.key, ...measures };
}

function withoutKey(row: ReportRow): Measures {
  const measures: Record<string, unknown> = { ...row };
  delete measures.key;
  return measures as Measures;
}

const round = (value: number, places: number) => Number(value.toFixed(places));
const roundOrNull = (value: number | null, places: number) =>
  value === null ? null : round(value, places);

/** Categories in their natural order (bands), else alphabetical; not recorded and unknown last. */
const ORDER: Partial<Record<Dimension, readonly string[]>> = {
  ageBand: AGE_BANDS,
  yearOfArrivalBand: YEAR_OF_ARRIVAL_BANDS,
  interpreterNeeded: ['yes', 'no'],
};

function sortByKey(slots: Slot[], dimensions: readonly Dimension[]): Slot[] {
  const rank = (d: Dimension, value: string): [number, string] => {
    if (value === NOT_RECORDED || value === UNKNOWN_AREA) return [2, value];
    const order = ORDER[d]?.indexOf(value) ?? -1;
    return order >= 0 ? [0, String(order).padStart(4, '0')] : [1, value];
  };
  return [...slots].sort((a, b) => {
    for (const d of dimensions) {
      const [ra, va] = rank(d, a.key[d]);
      const [rb, vb] = rank(d, b.key[d]);
      if (ra !== rb) return ra - rb;
      const c = va < vb ? -1 : va > vb ? 1 : 0;
      if (c !== 0) return c;
    }
    return 0;
  });
}
