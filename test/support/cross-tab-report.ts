import type { Equation, Inequality, IntruderCell, IntruderView, Ratio } from './intruder';

/**
 * A small service-access-like report for the disclosure tests: one or two breakdowns, months,
 * and funnel stages (referrals ≥ accepted ≥ placed …), built from per-combination-and-month
 * counts, with what it publishes and what an intruder can write down about it from its meaning.
 */
export interface CrossTabData {
  readonly dimensions: readonly string[];
  readonly categories: Readonly<Record<string, readonly string[]>>;
  readonly months: readonly string[];
  /** Funnel stages, earliest first: each stage is at most the one before it. */
  readonly stages: readonly string[];
  /** counts[combination key][month][stage]; a missing combination has none. */
  readonly counts: ReadonlyMap<string, readonly (readonly number[])[]>;
}

export type SlotName =
  | { readonly kind: 'cell'; readonly key: Readonly<Record<string, string>> }
  | { readonly kind: 'margin'; readonly dimension: string; readonly category: string }
  | { readonly kind: 'month'; readonly month: string }
  | { readonly kind: 'total' };

export const keyOf = (dimensions: readonly string[], key: Readonly<Record<string, string>>) =>
  dimensions.map((d) => `${d}=${key[d]}`).join('|');

export const slotLabel = (dimensions: readonly string[], slot: SlotName): string => {
  switch (slot.kind) {
    case 'cell':
      return `cell[${keyOf(dimensions, slot.key)}]`;
    case 'margin':
      return `margin[${slot.dimension}=${slot.category}]`;
    case 'month':
      return `month[${slot.month}]`;
    case 'total':
      return 'total';
  }
};

/** True figures of a slot, stage by stage. */
export function slotCounts(data: CrossTabData, slot: SlotName): number[] {
  const sum = (predicate: (key: Record<string, string>, month: number) => boolean) =>
    data.stages.map((_, s) => {
      let total = 0;
      for (const [combination, months] of data.counts) {
        const key = Object.fromEntries(combination.split('|').map((p) => p.split('=')));
        months.forEach((stages, m) => {
          if (predicate(key, m)) total += stages[s];
        });
      }
      return total;
    });
  switch (slot.kind) {
    case 'cell':
      return sum((key) => data.dimensions.every((d) => key[d] === slot.key[d]));
    case 'margin':
      return sum((key) => key[slot.dimension] === slot.category);
    case 'month':
      return sum((_, m) => data.months[m] === slot.month);
    case 'total':
      return sum(() => true);
  }
}

/** Every combination of the categories (the full grid). */
export function allCombinations(data: CrossTabData): Record<string, string>[] {
  return data.dimensions.reduce<Record<string, string>[]>(
    (keys, d) => keys.flatMap((key) => data.categories[d].map((c) => ({ ...key, [d]: c }))),
    [{}],
  );
}

export interface PublishedSlot {
  readonly slot: SlotName;
  /** Per stage: the published figure, or null when suppressed. */
  readonly values: readonly (number | null)[];
}

export interface PublishedShare {
  /** Categories of `dimension` that count as recorded. */
  readonly dimension: string;
  readonly notRecorded: string;
  /** recorded ÷ all referrals (one referral per person), rounded to two places. */
  readonly share: number;
}

/**
 * What a reader can write down about a published cross-tabulation: the shown figures; each cell
 * row's sum is its margin, each dimension's margins and the months add up to the total, and
 * each stage is at most the one before. `atLeast` says what the publication rules tell about a
 * suppressed figure: `listedMeansNonZero` for a report that lists only combinations with
 * referrals; `zerosShown` when a suppressed figure can only be non-zero unless the rules
 * of the method say a zero may have been suppressed there.
 */
export function intruderView(
  data: CrossTabData,
  published: readonly PublishedSlot[],
  rules: {
    /** Combinations not listed had no referrals, and listed ones had some. */
    readonly listedOnly: boolean;
    /** A suppressed figure may be zero only where this says so. */
    readonly mayHideZero: (
      slot: SlotName,
      stage: number,
      hidden: (s: SlotName, st: number) => boolean,
    ) => boolean;
  },
  shares: readonly PublishedShare[] = [],
): IntruderView {
  const { dimensions, stages } = data;
  const label = (slot: SlotName, stage: number) =>
    `${slotLabel(dimensions, slot)}:${stages[stage]}`;
  const byLabel = new Map(published.map((p) => [slotLabel(dimensions, p.slot), p]));
  const hidden = (slot: SlotName, stage: number) =>
    byLabel.get(slotLabel(dimensions, slot))?.values[stage] === null;
  const cells: IntruderCell[] = [];
  const equations: Equation[] = [];
  const inequalities: Inequality[] = [];

  const combos = allCombinations(data);
  for (const key of combos) {
    const slot: SlotName = { kind: 'cell', key };
    stages.forEach((_, s) => {
      const shown = byLabel.get(slotLabel(dimensions, slot));
      if (shown === undefined) {
        // Not listed: the reader takes it as zero.
        if (!rules.listedOnly)
          throw new Error(`combination ${keyOf(dimensions, key)} not published`);
        cells.push({ name: label(slot, s), value: 0, atLeast: 0 });
        return;
      }
      const value = shown.values[s];
      const atLeast =
        value !== null
          ? 0
          : rules.listedOnly && s === 0
            ? 1
            : rules.mayHideZero(slot, s, hidden)
              ? 0
              : 1;
      cells.push({ name: label(slot, s), value, atLeast });
    });
  }
  for (const p of published) {
    if (p.slot.kind === 'cell') continue;
    p.values.forEach((value, s) =>
      cells.push({
        name: label(p.slot, s),
        value,
        atLeast: value === null && !rules.mayHideZero(p.slot, s, hidden) ? 1 : 0,
      }),
    );
  }
  const has = (slot: SlotName) => byLabel.has(slotLabel(dimensions, slot));
  const total: SlotName = { kind: 'total' };
  stages.forEach((_, s) => {
    const cellNames = (match: (key: Record<string, string>) => boolean) =>
      combos.filter(match).map((key) => label({ kind: 'cell', key }, s));
    if (dimensions.length === 1) {
      equations.push({ plus: cellNames(() => true), minus: [label(total, s)] });
    } else {
      for (const d of dimensions) {
        const margins = data.categories[d].map(
          (c) => ({ kind: 'margin', dimension: d, category: c }) as const,
        );
        const present = margins.filter(has);
        if (present.length > 0) {
          equations.push({ plus: present.map((m) => label(m, s)), minus: [label(total, s)] });
        }
        for (const m of present) {
          equations.push({ plus: cellNames((key) => key[d] === m.category), minus: [label(m, s)] });
        }
      }
    }
    const months = data.months.map((month) => ({ kind: 'month', month }) as const).filter(has);
    if (months.length > 0)
      equations.push({ plus: months.map((m) => label(m, s)), minus: [label(total, s)] });
    if (s > 0) {
      for (const p of published) {
        inequalities.push({ small: [label(p.slot, s)], large: [label(p.slot, s - 1)] });
      }
    }
  });
  const ratios: Ratio[] = shares.map((share) => {
    const recorded = data.categories[share.dimension]
      .filter((c) => c !== share.notRecorded)
      .map((c) =>
        dimensions.length === 1
          ? label({ kind: 'cell', key: { [share.dimension]: c } }, 0)
          : label({ kind: 'margin', dimension: share.dimension, category: c }, 0),
      );
    return {
      part: recorded,
      whole: [label(total, 0)],
      low: share.share - 0.005,
      high: share.share + 0.005,
    };
  });
  return { cells, equations, inequalities, ratios };
}
