import type { LinearRelation, Relation } from './intruder-model';
import type { LpSolver } from './lp-solver';
import { protectCounts, type ProtectionOptions } from './protected-suppression';

export type TableKey = Readonly<Record<string, string>>;

export interface TableInput<M extends string> {
  readonly name: string;
  readonly rows: readonly {
    readonly key: TableKey;
    readonly counts: Readonly<Record<M, number>>;
    /** Counts to hide whatever their size (say, many needs of a few people). */
    readonly alsoHidden?: Readonly<Partial<Record<M, boolean>>>;
    /** What a reader knows of this row alone. */
    readonly ties?: readonly LinearTie<M>[];
  }[];
  /** The rows add up to the shared totals (false when one thing can count in several rows). */
  readonly additive: boolean;
  /**
   * Each row is the sum of some rows of an earlier table (an activity type of its groups):
   * `rows[i]` lists the indexes, in table `table`, that row i adds up.
   */
  readonly sumOf?: { readonly table: string; readonly rows: readonly (readonly number[])[] };
}

/**
 * Σ coefficient × measure ≤ atMost over one row's measures, a tie a reader knows of that row
 * alone (in a domain no group serves, every need is unmet for that reason: needs − no group ≤ 0).
 */
export interface LinearTie<M extends string> {
  readonly terms: readonly (readonly [M, number])[];
  readonly atMost: number;
}

/** Measures of one row that add up to another (e.g. unmet = no group + language + level). */
export interface RowSum<M extends string> {
  readonly parts: readonly M[];
  readonly whole: M;
}

export interface TableOutput<M extends string> {
  readonly name: string;
  readonly rows: readonly { readonly key: TableKey; readonly counts: Record<M, number | null> }[];
}

export interface TablesSuppressed<M extends string> {
  readonly tables: readonly TableOutput<M>[];
  readonly totals: Record<M, number | null>;
  /**
   * The hidden cells, named. Not why each is hidden: "primary" would say 1 to threshold − 1 and
   * "secondary" at least the threshold, which narrows them down.
   */
  readonly suppressed: readonly {
    readonly table: string;
    readonly row: TableKey | 'totals';
    readonly measure: M;
  }[];
}

/**
 * The shapes reports publish, turned into counts and relations for `protectCounts`. A slot is one
 * published row (a cell of a cross-tabulation, a margin, a month, a group, the totals); each slot
 * carries the same measures.
 */
export interface CountSlot<M extends string> {
  readonly counts: Readonly<Record<M, number>>;
  /** Non-zero measures to hide whatever their size (e.g. needs that belong to few people). */
  readonly alsoHidden?: Readonly<Partial<Record<M, boolean>>>;
  /** What a reader knows of this slot alone. */
  readonly ties?: readonly LinearTie<M>[];
}

/** Slot `total` is the sum of slots `members`, measure by measure. */
export interface SlotSum {
  readonly members: readonly number[];
  readonly total: number;
}

/**
 * Slots that each count some of the things `whole` counts, and together every one of them, some
 * more than once: the need rows of a channel (a referral gives at least one need, each at most
 * once). Measure by measure, each part is at most the whole and the parts add up to at least it;
 * and so for what reached a stage but not a later one (a funnel tie's whole minus its parts).
 */
export interface SlotCover {
  readonly parts: readonly number[];
  readonly whole: number;
}

/**
 * Measures of one slot tied to another measure of the same slot: Σ parts = whole (`exact`, decline
 * reasons adding up to declines) or Σ parts ≤ whole (a funnel: accepted ≤ referrals).
 */
export interface MeasureTie<M extends string> {
  readonly parts: readonly M[];
  readonly whole: M;
  readonly exact: boolean;
}

export interface ProtectedSlots<M extends string> {
  /** Each slot's measures, null where suppressed. */
  readonly published: readonly Readonly<Record<M, number | null>>[];
  /** Suppressed cells whose range could not be widened; a report must not publish if any. */
  readonly unprotected: readonly { readonly slot: number; readonly measure: M }[];
  /** Everything was suppressed because the audit ran out of time (see `Protection.gaveUp`). */
  readonly gaveUp: boolean;
}

/**
 * Suppresses everything one response publishes together, so that every suppressed count keeps a
 * feasible range at least `threshold` wide given all the rest (see `protectCounts`).
 */
export function protectSlots<M extends string>(
  slots: readonly CountSlot<M>[],
  measures: readonly M[],
  sums: readonly SlotSum[],
  ties: readonly MeasureTie<M>[],
  threshold: number,
  solver: LpSolver,
  options: ProtectionOptions & {
    readonly notPeople?: readonly M[];
    readonly covers?: readonly SlotCover[];
  } = {},
): ProtectedSlots<M> {
  const at = (slot: number, measure: M) => slot * measures.length + measures.indexOf(measure);
  const counts = slots.flatMap((s) => measures.map((m) => s.counts[m]));
  const alsoHidden = slots.flatMap((s) => measures.map((m) => s.alsoHidden?.[m] === true));
  const notPeople = slots.flatMap(() =>
    measures.map((m) => options.notPeople?.includes(m) === true),
  );
  const relations: Relation[] = [];
  for (const sum of sums) {
    if (sum.members.length === 0) continue;
    for (const m of measures) {
      relations.push({
        kind: 'sum',
        members: sum.members.map((s) => at(s, m)),
        total: at(sum.total, m),
      });
    }
  }
  slots.forEach((_, s) => {
    for (const tie of ties) {
      const parts = tie.parts.map((p) => at(s, p));
      const whole = at(s, tie.whole);
      relations.push(
        tie.exact
          ? { kind: 'sum', members: parts, total: whole }
          : { kind: 'atMost', parts, whole },
      );
      // With exact ties the parts are also each at most the whole; the sum says so already.
    }
    for (const tie of slots[s].ties ?? []) {
      relations.push({
        kind: 'linear',
        terms: tie.terms.map(([m, k]) => [at(s, m), k] as const),
        atMost: tie.atMost,
      });
    }
  });
  for (const cover of options.covers ?? [])
    relations.push(...coverRelations(cover, measures, ties, at));
  const { hidden, unprotected, gaveUp } = protectCounts(
    { counts, relations, alsoHidden, notPeople },
    threshold,
    solver,
    options,
  );
  return {
    published: slots.map((s, i) => {
      const row = {} as Record<M, number | null>;
      for (const m of measures) row[m] = hidden[at(i, m)] ? null : s.counts[m];
      return row;
    }),
    unprotected: unprotected.map((c) => ({
      slot: Math.floor(c / measures.length),
      measure: measures[c % measures.length],
    })),
    gaveUp,
  };
}

/** Σ small ≤ Σ large. */
const atMostSum = (small: readonly number[], large: readonly number[]): LinearRelation => ({
  kind: 'linear',
  terms: [
    ...small.map((c): [number, number] => [c, 1]),
    ...large.map((c): [number, number] => [c, -1]),
  ],
  atMost: 0,
});

/**
 * What a cover tells, measure by measure: each part at most the whole (an `atMost`, so that a
 * hidden whole hides its parts, as a funnel's does) and the parts together at least the whole; and
 * for each funnel tie, the same of "reached the whole stage but not its parts" (whole − Σ parts).
 */
function coverRelations<M extends string>(
  cover: SlotCover,
  measures: readonly M[],
  ties: readonly MeasureTie<M>[],
  at: (slot: number, measure: M) => number,
): Relation[] {
  const { parts, whole } = cover;
  if (parts.length === 0) return [];
  const relations: Relation[] = [];
  for (const m of measures) {
    for (const p of parts)
      relations.push({ kind: 'atMost', parts: [at(p, m)], whole: at(whole, m) });
    relations.push(
      atMostSum(
        [at(whole, m)],
        parts.map((p) => at(p, m)),
      ),
    );
  }
  for (const tie of ties) {
    if (tie.exact) continue; // whole − Σ parts is 0 in every slot
    const stage = (slot: number) => at(slot, tie.whole);
    const later = (slot: number) => tie.parts.map((m) => at(slot, m));
    // p.whole − Σ p.parts ≤ whole.whole − Σ whole.parts
    for (const p of parts) {
      relations.push(atMostSum([stage(p), ...later(whole)], [stage(whole), ...later(p)]));
    }
    // Σ over parts (p.whole − Σ p.parts) ≥ whole.whole − Σ whole.parts
    relations.push(
      atMostSum([stage(whole), ...parts.flatMap(later)], [...parts.map(stage), ...later(whole)]),
    );
  }
  return relations;
}

/**
 * The protected counterpart of `suppressTables` (same input, plus measure ties and the solver):
 * one-way tables over the same totals, tables whose rows sum rows of another, measures of a row
 * that add up to another, and funnel ties between measures.
 */
export function protectTables<M extends string>(
  tables: readonly TableInput<M>[],
  measures: readonly M[],
  totals: Readonly<Record<M, number>>,
  threshold: number,
  solver: LpSolver,
  rowSums: readonly RowSum<M>[] = [],
  totalsAlsoHidden?: Readonly<Partial<Record<M, boolean>>>,
  funnel: readonly { readonly part: M | readonly M[]; readonly whole: M }[] = [],
  options: ProtectionOptions & { readonly notPeople?: readonly M[] } = {},
): TablesSuppressed<M> & Pick<ProtectedSlots<M>, 'unprotected' | 'gaveUp'> {
  const slots: CountSlot<M>[] = [{ counts: totals, alsoHidden: totalsAlsoHidden }];
  const startOf = new Map<string, number>();
  for (const t of tables) {
    startOf.set(t.name, slots.length);
    for (const r of t.rows) {
      slots.push({ counts: r.counts, alsoHidden: r.alsoHidden, ties: r.ties });
    }
  }
  const sums: SlotSum[] = [];
  for (const t of tables) {
    const start = startOf.get(t.name) as number;
    if (t.additive && t.rows.length > 0) {
      sums.push({ members: t.rows.map((_, i) => start + i), total: 0 });
    }
    if (t.sumOf) {
      const of = startOf.get(t.sumOf.table);
      if (of === undefined) throw new RangeError(`table ${t.name} sums an unknown table`);
      t.sumOf.rows.forEach((members, i) => {
        sums.push({ members: members.map((j) => of + j), total: start + i });
      });
    }
  }
  const ties: MeasureTie<M>[] = [
    ...rowSums.map((s) => ({ parts: s.parts, whole: s.whole, exact: true })),
    ...funnel.map((f) => ({ parts: [f.part].flat() as M[], whole: f.whole, exact: false })),
  ];
  const result = protectSlots(slots, measures, sums, ties, threshold, solver, options);
  const named = (
    table: string,
    row: TableInput<M>['rows'][number]['key'] | 'totals',
    slot: number,
  ) =>
    measures.flatMap((measure) =>
      result.published[slot][measure] === null ? [{ table, row, measure }] : [],
    );
  return {
    tables: tables.map((t) => ({
      name: t.name,
      rows: t.rows.map((r, i) => ({
        key: r.key,
        counts: result.published[(startOf.get(t.name) as number) + i] as Record<M, number | null>,
      })),
    })),
    totals: result.published[0] as Record<M, number | null>,
    suppressed: [
      ...tables.flatMap((t) =>
        t.rows.flatMap((r, i) => named(t.name, r.key, (startOf.get(t.name) as number) + i)),
      ),
      ...named('totals', 'totals', 0),
    ],
    unprotected: result.unprotected,
    gaveUp: result.gaveUp,
  };
}

/** A slot of a cross-tabulation as service-access publishes it. */
export interface CrossTabSlot {
  readonly section: 'rows' | 'breakdowns' | 'trend' | 'totals';
  /** The breakdown's dimension, for `breakdowns`. */
  readonly dimension?: string;
  readonly key: Readonly<Record<string, string>>;
}

/**
 * The sums a reader can use in a cross-tabulation with its one-way margins, a monthly trend and
 * the total: each dimension's margins (the rows, with one dimension) add up to the total, each
 * margin is the sum of its rows, and the months add up to the total. `nonAdditive` dimensions
 * (a referral with several needs counts once per need) do not add up to the total, and with one
 * of them in the table the other margins are not sums of rows.
 */
export function crossTabSums(
  slots: readonly CrossTabSlot[],
  dimensions: readonly string[],
  nonAdditive: ReadonlySet<string> = new Set(),
): SlotSum[] {
  const index = (predicate: (s: CrossTabSlot) => boolean) =>
    slots.flatMap((s, i) => (predicate(s) ? [i] : []));
  const total = slots.findIndex((s) => s.section === 'totals');
  if (total === -1) throw new RangeError('a cross-tabulation needs its totals slot');
  const sums: SlotSum[] = [];
  const withNonAdditive = dimensions.some((d) => nonAdditive.has(d));
  for (const d of dimensions) {
    const categories =
      dimensions.length === 1
        ? index((s) => s.section === 'rows')
        : index((s) => s.section === 'breakdowns' && s.dimension === d);
    if (!nonAdditive.has(d)) sums.push({ members: categories, total });
    if (dimensions.length > 1 && (!withNonAdditive || nonAdditive.has(d))) {
      for (const margin of categories) {
        const value = slots[margin].key[d];
        sums.push({
          members: index((s) => s.section === 'rows' && s.key[d] === value),
          total: margin,
        });
      }
    }
  }
  sums.push({ members: index((s) => s.section === 'trend'), total });
  return sums.filter((s) => s.members.length > 0);
}

/**
 * What a reader knows of a `nonAdditive` dimension (needs: each referral gives at least one, each
 * at most once), where the sums of `crossTabSums` do not hold: its categories cover the total, and
 * with another dimension, the rows of each of that dimension's categories cover its margin.
 */
export function crossTabCovers(
  slots: readonly CrossTabSlot[],
  dimensions: readonly string[],
  nonAdditive: ReadonlySet<string> = new Set(),
): SlotCover[] {
  const index = (predicate: (s: CrossTabSlot) => boolean) =>
    slots.flatMap((s, i) => (predicate(s) ? [i] : []));
  const total = slots.findIndex((s) => s.section === 'totals');
  if (total === -1) throw new RangeError('a cross-tabulation needs its totals slot');
  const covers: SlotCover[] = [];
  for (const d of dimensions) {
    if (!nonAdditive.has(d)) continue;
    covers.push({
      parts:
        dimensions.length === 1
          ? index((s) => s.section === 'rows')
          : index((s) => s.section === 'breakdowns' && s.dimension === d),
      whole: total,
    });
    for (const other of dimensions) {
      if (other === d) continue;
      for (const margin of index((s) => s.section === 'breakdowns' && s.dimension === other)) {
        const value = slots[margin].key[other];
        covers.push({
          parts: index((s) => s.section === 'rows' && s.key[other] === value),
          whole: margin,
        });
      }
    }
  }
  return covers.filter((c) => c.parts.length > 0);
}

/**
 * Every combination of the categories in the margins, so that whether a row appears says nothing:
 * a report publishes a row for each (zeros shown as 0, or suppressed where the method hides them).
 */
export function fullGrid(
  dimensions: readonly string[],
  categories: Readonly<Record<string, readonly string[]>>,
): Record<string, string>[] {
  return dimensions.reduce<Record<string, string>[]>(
    (keys, d) => keys.flatMap((key) => (categories[d] ?? []).map((c) => ({ ...key, [d]: c }))),
    [{}],
  );
}
