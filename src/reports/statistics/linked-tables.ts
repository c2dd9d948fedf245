import { suppressLinked, type SumLine } from './linked-suppression';

export type TableKey = Readonly<Record<string, string>>;

export interface TableInput<M extends string> {
  readonly name: string;
  readonly rows: readonly {
    readonly key: TableKey;
    readonly counts: Readonly<Record<M, number>>;
    /** Counts to hide whatever their size (say, many needs of a few people). */
    readonly alsoHidden?: Readonly<Partial<Record<M, boolean>>>;
  }[];
  /** The rows add up to the shared totals (false when one thing can count in several rows). */
  readonly additive: boolean;
  /**
   * Each row is the sum of some rows of an earlier table (an activity type of its groups):
   * `rows[i]` lists the indexes, in table `table`, that row i adds up.
   */
  readonly sumOf?: { readonly table: string; readonly rows: readonly (readonly number[])[] };
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
 * Several one-way tables over the same totals, suppressed together: a count hidden in one
 * table cannot be recovered through another, nor through the measures of its own row that
 * add up to another measure.
 */
export function suppressTables<M extends string>(
  tables: readonly TableInput<M>[],
  measures: readonly M[],
  totals: Readonly<Record<M, number>>,
  threshold: number,
  rowSums: readonly RowSum<M>[] = [],
  totalsAlsoHidden?: Readonly<Partial<Record<M, boolean>>>,
): TablesSuppressed<M> {
  const counts: number[] = [];
  const alsoHidden: boolean[] = [];
  const lines: SumLine[] = [];
  const place = (
    rowCounts: Readonly<Record<M, number>>,
    hide?: Readonly<Partial<Record<M, boolean>>>,
  ) => {
    const at = {} as Record<M, number>;
    for (const m of measures) {
      at[m] = counts.push(rowCounts[m]) - 1;
      alsoHidden.push(hide?.[m] === true);
    }
    for (const s of rowSums) lines.push({ members: s.parts.map((p) => at[p]), total: at[s.whole] });
    return at;
  };
  const totalAt = place(totals, totalsAlsoHidden);
  const tableAt = tables.map((t) => t.rows.map((r) => place(r.counts, r.alsoHidden)));
  tables.forEach((t, ti) => {
    if (!t.additive || t.rows.length === 0) return;
    for (const m of measures) {
      lines.push({ members: tableAt[ti].map((at) => at[m]), total: totalAt[m] });
    }
  });
  tables.forEach((t, ti) => {
    if (!t.sumOf) return;
    const of = tables.findIndex((other) => other.name === t.sumOf?.table);
    if (of === -1) throw new RangeError(`table ${t.name} sums an unknown table`);
    t.sumOf.rows.forEach((members, ri) => {
      for (const m of measures) {
        lines.push({ members: members.map((j) => tableAt[of][j][m]), total: tableAt[ti][ri][m] });
      }
    });
  });
  const reasons = suppressLinked(counts, lines, threshold, alsoHidden);
  const publish = (at: Record<M, number>) => {
    const out = {} as Record<M, number | null>;
    for (const m of measures) out[m] = reasons[at[m]] === null ? counts[at[m]] : null;
    return out;
  };
  const named = (table: string, row: TableKey | 'totals', at: Record<M, number>) =>
    measures.flatMap((measure) => {
      return reasons[at[measure]] === null ? [] : [{ table, row, measure }];
    });
  return {
    tables: tables.map((t, ti) => ({
      name: t.name,
      rows: t.rows.map((r, ri) => ({ key: r.key, counts: publish(tableAt[ti][ri]) })),
    })),
    totals: publish(totalAt),
    suppressed: [
      ...tables.flatMap((t, ti) =>
        t.rows.flatMap((r, ri) => named(t.name, r.key, tableAt[ti][ri])),
      ),
      ...named('totals', 'totals', totalAt),
    ],
  };
}
