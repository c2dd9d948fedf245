import type { Counted, Dimension } from '../../src/reports/service-access/dimensions';
import type { AggregateRow } from '../../src/reports/service-access/service-access.sql';
import { DIMENSION_COLUMN } from '../../src/reports/service-access/service-access.sql';
import type {
  Measures,
  ServiceAccessReport,
} from '../../src/reports/service-access/service-access.types';
import type { Equation, Inequality, IntruderCell, IntruderView } from './intruder';

/** One referral count: its breakdown values, month and how far along the funnel it went. */
export interface Referrals {
  readonly key: Readonly<Partial<Record<Dimension, string>>>;
  readonly month: string;
  readonly referrals: number;
  readonly accepted?: number;
}

/** The aggregates serviceAccessSql would return for these referrals (every grouping set). */
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
    const groups = new Map<string, AggregateRow>();
    for (const r of data) {
      const key: Record<string, string> = {};
      for (const c of set) {
        const d = dimensions[columns.indexOf(c)];
        key[c] = c === 'month' ? r.month : (r.key[d] as string);
      }
      const id = JSON.stringify(key);
      const row = groups.get(id) ?? {
        grouped: set,
        key,
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
      groups.set(id, {
        ...row,
        referrals: row.referrals + r.referrals,
        accepted: row.accepted + (r.accepted ?? 0),
      });
    }
    return [...groups.values()];
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
 * What a reader can write down about a published service-access report (one or two breakdowns,
 * none of them `need`), from its meaning: the rows of a cross-tabulation are every combination of
 * its margins' categories (an unlisted category has none); each row of categories adds up to its
 * margin, the margins and the months to the total; each stage is at most its whole; a suppressed
 * count is at least 1 unless its whole or a total it adds up to is suppressed too.
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
  const slots: { name: string; measures: Measures; totals: string[] }[] = [];
  const margins = dims.length > 1 ? dims : [];
  for (const d of margins) {
    for (const m of report.breakdowns[d] ?? []) {
      slots.push({ name: marginName(d, m.key[d]), measures: m, totals: ['total'] });
    }
  }
  for (const r of report.rows) {
    slots.push({
      name: rowName(r.key),
      measures: r,
      totals: dims.length > 1 ? dims.map((d) => marginName(d, r.key[d])) : ['total'],
    });
  }
  for (const t of report.trend) {
    slots.push({ name: `month[${t.key.month}]`, measures: t, totals: ['total'] });
  }
  slots.push({ name: 'total', measures: report.totals, totals: [] });
  for (const s of slots) for (const c of COUNTED) shown.set(name(s.name, c), value(s.measures, c));
  for (const s of slots) {
    for (const c of COUNTED) {
      const v = value(s.measures, c);
      const whole = WHOLE[c];
      const mayBeZero =
        (whole !== undefined && shown.get(name(s.name, whole)) === null) ||
        s.totals.some((t) => shown.get(name(t, c)) === null);
      cells.push({ name: name(s.name, c), value: v, atLeast: v === null && !mayBeZero ? 1 : 0 });
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
  for (const c of COUNTED) {
    const total = [name('total', c)];
    const months = report.trend.map((t) => name(`month[${t.key.month}]`, c));
    if (months.length > 0) equations.push({ plus: months, minus: total });
    if (dims.length === 1) {
      equations.push({ plus: report.rows.map((r) => name(rowName(r.key), c)), minus: total });
    }
    margins.forEach((d, i) => {
      equations.push({
        plus: categories[i].map((cat) => name(marginName(d, cat), c)),
        minus: total,
      });
      if (report.rows.length === 0) return;
      for (const cat of categories[i]) {
        equations.push({
          plus: grid.filter((k) => k[d] === cat).map((k) => name(rowName(k), c)),
          minus: [name(marginName(d, cat), c)],
        });
      }
    });
  }
  return { cells, equations, inequalities };
}
