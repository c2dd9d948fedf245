import type { Counted, Dimension } from '../../src/reports/service-access/dimensions';
import type { AggregateRow } from '../../src/reports/service-access/service-access.sql';
import { DIMENSION_COLUMN } from '../../src/reports/service-access/service-access.sql';
import type {
  Measures,
  ServiceAccessReport,
} from '../../src/reports/service-access/service-access.types';
import type { Equation, Inequality, IntruderCell, IntruderView } from './intruder';

/**
 * A group of alike referrals: their breakdown values, month, needs (the referral reasons, each at
 * most once, at least one) and how many of them went how far.
 */
export interface Referrals {
  readonly key: Readonly<Partial<Record<Exclude<Dimension, 'need'>, string>>>;
  readonly month: string;
  readonly referrals: number;
  readonly accepted?: number;
  /** Of the accepted. */
  readonly placed?: number;
  /** Of the placed. */
  readonly attended?: number;
  /** Of the accepted. */
  readonly completed?: number;
  /** Of the accepted: cases with a SWEMWBS baseline and a later score. */
  readonly swemwbs?: number;
  /** Of the referrals: with a first contact recorded (at or after receipt). */
  readonly contacted?: number;
  /** Needs given on each of these referrals; `['housing']` when not given. */
  readonly needs?: readonly string[];
}

interface Sums {
  referrals: number;
  accepted: number;
  placed: number;
  attended: number;
  completed: number;
  swemwbs: number;
  contacted: number;
}

/**
 * The aggregates the report reads (ChunkAggregator) would give for these referrals (every grouping set). The sets
 * with `need` count each referral once per need. Medians and means are placeholders (the days and
 * scores themselves do not matter here), present exactly when SQL would give one: when at least
 * one referral contributes.
 */
export function aggregatesOf(
  dimensions: readonly Dimension[],
  data: readonly Referrals[],
): AggregateRow[] {
  const columns = dimensions.map((d) => DIMENSION_COLUMN[d]);
  const sets: string[][] = [
    columns,
    ...(dimensions.length > 1 ? columns.map((c) => [c]) : []),
    ['month'],
    [],
  ];
  return sets.flatMap((set) => {
    const groups = new Map<string, { key: Record<string, string>; sums: Sums }>();
    for (const r of data) {
      const needs = set.includes('need') ? (r.needs ?? ['housing']) : [undefined];
      for (const need of needs) {
        const key: Record<string, string> = {};
        for (const c of set) {
          const d = dimensions[columns.indexOf(c)];
          key[c] =
            c === 'month'
              ? r.month
              : c === 'need'
                ? (need as string)
                : (r.key[d as Exclude<Dimension, 'need'>] as string);
        }
        const id = JSON.stringify(key);
        const sums = groups.get(id)?.sums ?? {
          referrals: 0,
          accepted: 0,
          placed: 0,
          attended: 0,
          completed: 0,
          swemwbs: 0,
          contacted: 0,
        };
        sums.referrals += r.referrals;
        sums.accepted += r.accepted ?? 0;
        sums.placed += r.placed ?? 0;
        sums.attended += r.attended ?? 0;
        sums.completed += r.completed ?? 0;
        sums.swemwbs += r.swemwbs ?? 0;
        sums.contacted += r.contacted ?? 0;
        groups.set(id, { key, sums });
      }
    }
    return [...groups.values()].map(({ key, sums }): AggregateRow => ({
      grouped: set,
      key,
      referrals: sums.referrals,
      accepted: sums.accepted,
      placed: sums.placed,
      attended: sums.attended,
      completed: sums.completed,
      median_days_to_first_contact: sums.contacted > 0 ? 3 : null,
      n_first_contact: sums.contacted,
      median_days_to_placement: sums.placed > 0 ? 12 : null,
      n_placement: sums.placed,
      swemwbs_mean: sums.swemwbs > 0 ? 2.5 : null,
      swemwbs_sd: sums.swemwbs > 1 ? 1.5 : null,
      swemwbs_n: sums.swemwbs,
    }));
  });
}

const COUNTED: readonly Counted[] = [
  'referrals',
  'accepted',
  'placed',
  'attended',
  'completed',
  'swemwbsN',
];
/** Each stage is at most its whole: a reader knows the funnel from the notes. */
const WHOLE: Partial<Record<Counted, Counted>> = {
  accepted: 'referrals',
  placed: 'accepted',
  attended: 'placed',
  completed: 'accepted',
  swemwbsN: 'accepted',
};

/**
 * What a reader can write down about a published service-access report (one or two breakdowns),
 * from its meaning:
 *
 * - the rows of a cross-tabulation are every combination of its margins' categories (an unlisted
 *   category has none);
 * - each row of categories adds up to its margin, the margins and the months to the total;
 * - a referral gives at least one need and each need at most once, so a need row (or need margin)
 *   counts some of the referrals of the row it sits in (its other category's margin, or the total)
 *   and the need rows together count every one of them, some more than once; that holds for every
 *   stage and for every "reached this stage but not the next" too;
 * - each stage is at most its whole;
 * - a suppressed count is at least 1 unless its whole, or a total or margin it is part of, is
 *   suppressed too;
 * - a median or mean is shown only where at least the threshold of referrals contribute: days to
 *   placement over the placed, days to first contact over some of the referrals, the SWEMWBS change
 *   over its n.
 */
export function serviceAccessIntruderView(report: ServiceAccessReport): IntruderView {
  const dims = report.by;
  const value = (m: Measures, c: Counted) => (c === 'swemwbsN' ? m.swemwbsChange.n : m[c]);
  const name = (slot: string, c: Counted) => `${slot}:${c}`;
  const rowName = (key: Readonly<Record<string, string>>) =>
    `row[${dims.map((d) => `${d}=${key[d]}`).join('|')}]`;
  const marginName = (d: string, category: string) => `margin[${d}=${category}]`;
  const cells: IntruderCell[] = [];
  const equations: Equation[] = [];
  const inequalities: Inequality[] = [];
  const shown = new Map<string, number | null>();
  /** `within`: the slots it adds up to or counts some of the referrals of. */
  const slots: { name: string; measures: Measures; within: string[] }[] = [];
  const margins = dims.length > 1 ? dims : [];
  for (const d of margins) {
    for (const m of report.breakdowns[d] ?? []) {
      slots.push({ name: marginName(d, m.key[d]), measures: m, within: ['total'] });
    }
  }
  for (const r of report.rows) {
    slots.push({
      name: rowName(r.key),
      measures: r,
      within: dims.length > 1 ? dims.map((d) => marginName(d, r.key[d])) : ['total'],
    });
  }
  for (const t of report.trend) {
    slots.push({ name: `month[${t.key.month}]`, measures: t, within: ['total'] });
  }
  slots.push({ name: 'total', measures: report.totals, within: [] });
  for (const s of slots) for (const c of COUNTED) shown.set(name(s.name, c), value(s.measures, c));
  const atLeastThreshold = (m: Measures, c: Counted) =>
    (c === 'placed' && m.medianDaysToPlacement !== null) ||
    (c === 'referrals' && m.medianDaysToFirstContact !== null) ||
    (c === 'swemwbsN' && m.swemwbsChange.mean !== null);
  for (const s of slots) {
    for (const c of COUNTED) {
      const v = value(s.measures, c);
      const whole = WHOLE[c];
      const mayBeZero =
        (whole !== undefined && shown.get(name(s.name, whole)) === null) ||
        s.within.some((t) => shown.get(name(t, c)) === null);
      const atLeast = atLeastThreshold(s.measures, c) ? report.threshold : mayBeZero ? 0 : 1;
      cells.push({ name: name(s.name, c), value: v, atLeast: v === null ? atLeast : 0 });
      if (whole !== undefined) {
        inequalities.push({ small: [name(s.name, c)], large: [name(s.name, whole)] });
      }
    }
  }
  // Combinations not listed: none, in a cross-tabulation that lists every combination.
  const listed = new Set(report.rows.map((r) => rowName(r.key)));
  const categories = margins.map((d) => (report.breakdowns[d] ?? []).map((m) => m.key[d]));
  const grid =
    dims.length > 1
      ? categories.reduce<Record<string, string>[]>(
          (keys, list, i) => keys.flatMap((k) => list.map((c) => ({ ...k, [dims[i]]: c }))),
          [{}],
        )
      : [];
  for (const key of grid) {
    if (listed.has(rowName(key)) || report.rows.length === 0) continue;
    for (const c of COUNTED) cells.push({ name: name(rowName(key), c), value: 0, atLeast: 0 });
  }
  /**
   * `parts` each count some of the referrals of `whole`, and together every one of them: for each
   * stage, and for each set "reached stage W but not its part P".
   */
  const partsOf = (parts: readonly string[], whole: string) => {
    for (const c of COUNTED) {
      for (const p of parts) inequalities.push({ small: [name(p, c)], large: [name(whole, c)] });
      inequalities.push({ small: [name(whole, c)], large: parts.map((p) => name(p, c)) });
      const w = WHOLE[c];
      if (w === undefined) continue;
      for (const p of parts) {
        // p.w − p.c ≤ whole.w − whole.c
        inequalities.push({
          small: [name(p, w), name(whole, c)],
          large: [name(whole, w), name(p, c)],
        });
      }
      // Σ (p.w − p.c) ≥ whole.w − whole.c
      inequalities.push({
        small: [name(whole, w), ...parts.map((p) => name(p, c))],
        large: [...parts.map((p) => name(p, w)), name(whole, c)],
      });
    }
  };
  for (const c of COUNTED) {
    const total = [name('total', c)];
    const months = report.trend.map((t) => name(`month[${t.key.month}]`, c));
    if (months.length > 0) equations.push({ plus: months, minus: total });
    if (dims.length === 1 && dims[0] !== 'need') {
      equations.push({ plus: report.rows.map((r) => name(rowName(r.key), c)), minus: total });
    }
    margins.forEach((d, i) => {
      if (d !== 'need') {
        equations.push({
          plus: categories[i].map((cat) => name(marginName(d, cat), c)),
          minus: total,
        });
      }
      if (report.rows.length === 0) return;
      for (const cat of categories[i]) {
        const members = grid.filter((k) => k[d] === cat).map((k) => rowName(k));
        // A referral has one value of every breakdown but need: its row of needs adds up to the
        // need's margin; its other categories' rows only cover theirs.
        if (dims.includes('need') && d !== 'need') continue;
        equations.push({
          plus: members.map((m) => name(m, c)),
          minus: [name(marginName(d, cat), c)],
        });
      }
    });
  }
  if (dims.length === 1 && dims[0] === 'need') {
    partsOf(
      report.rows.map((r) => rowName(r.key)),
      'total',
    );
  }
  if (dims.length > 1 && dims.includes('need')) {
    const needs = categories[dims.indexOf('need')];
    partsOf(
      needs.map((n) => marginName('need', n)),
      'total',
    );
    if (report.rows.length > 0) {
      margins.forEach((d, i) => {
        if (d === 'need') return;
        for (const cat of categories[i]) {
          partsOf(
            grid.filter((k) => k[d] === cat).map((k) => rowName(k)),
            marginName(d, cat),
          );
        }
      });
    }
  }
  return { cells, equations, inequalities };
}
