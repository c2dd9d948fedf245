import type { LinearProblem, LinearRow } from './lp-solver';

/** Σ members = total: a margin, a total, a trend over months, a row of reasons. */
export interface SumRelation {
  readonly kind: 'sum';
  readonly members: readonly number[];
  readonly total: number;
}

/** Σ parts ≤ whole: a later stage of a funnel (accepted ≤ referrals), parts of an offer. */
export interface AtMostRelation {
  readonly kind: 'atMost';
  readonly parts: readonly number[];
  readonly whole: number;
}

/**
 * Σ coefficient × count ≤ atMost: any other tie a reader knows, such as attended appointments
 * (appointments − did-not-attend) ≤ contacts. Unlike a funnel it says nothing about which counts
 * the method hides together (rule 2) or what a hidden count may be.
 */
export interface LinearRelation {
  readonly kind: 'linear';
  readonly terms: readonly (readonly [count: number, coefficient: number])[];
  readonly atMost: number;
}

/** How counts published together are tied to one another; indexes point into the counts. */
export type Relation = SumRelation | AtMostRelation | LinearRelation;

/** Every count a relation ties. */
export function membersOf(r: Relation): number[] {
  if (r.kind === 'linear') return r.terms.map(([count]) => count);
  return r.kind === 'sum' ? [...r.members, r.total] : [...r.parts, r.whole];
}

/** A relation as Σ coefficient × count within [lower, upper]. */
export function linearForm(r: Relation): {
  terms: [number, number][];
  lower: number;
  upper: number;
} {
  if (r.kind === 'linear') {
    return { terms: r.terms.map(([c, k]) => [c, k]), lower: -Infinity, upper: r.atMost };
  }
  const [left, right] = r.kind === 'sum' ? [r.members, r.total] : [r.parts, r.whole];
  return {
    terms: [...left.map((c): [number, number] => [c, 1]), [right, -1]],
    lower: r.kind === 'sum' ? 0 : -Infinity,
    upper: 0,
  };
}

/**
 * What a reader can infer about each hidden count before doing any arithmetic, from the rules
 * of the method itself: zero is shown as 0, so a hidden count is at least 1 — unless the method
 * may have hidden a zero there, which it does for the members of a hidden total and the parts of
 * a hidden whole (so that a hidden group's composition is not shown by its zeros).
 */
export function publicLowerBounds(
  hidden: readonly boolean[],
  relations: readonly Relation[],
): number[] {
  const lower = hidden.map((h) => (h ? 1 : 0));
  for (const r of relations) {
    if (r.kind === 'sum' && hidden[r.total]) for (const m of r.members) lower[m] = 0;
    if (r.kind === 'atMost' && hidden[r.whole]) for (const p of r.parts) lower[p] = 0;
  }
  return lower;
}

export interface IntruderProblem {
  readonly problem: LinearProblem;
  /** The count each variable stands for. */
  readonly countOf: readonly number[];
}

/**
 * The linear programme whose integer points are every table consistent with what is published:
 * one variable per hidden count in `among`, each relation with the published counts moved to
 * the right-hand side, the lower bounds a reader can infer, and (optionally) a cap on every
 * variable. Relations with no hidden count in `among` are left out; a relation must not mix
 * hidden counts of `among` with hidden counts outside it.
 */
export function intruderProblem(
  published: readonly (number | null)[],
  relations: readonly Relation[],
  lowerBounds: readonly number[],
  among: readonly number[],
  cap = Infinity,
): IntruderProblem {
  const variableOf = new Map(among.map((count, v) => [count, v]));
  const rows: LinearRow[] = [];
  for (const r of relations) {
    if (!membersOf(r).some((c) => variableOf.has(c))) continue;
    const form = linearForm(r);
    const coefficients = new Map<number, number>();
    let constant = 0;
    for (const [count, k] of form.terms) {
      const value = published[count];
      if (value !== null) {
        constant += k * value;
        continue;
      }
      const v = variableOf.get(count);
      if (v === undefined) throw new RangeError(`count ${count} is hidden but outside the problem`);
      coefficients.set(v, (coefficients.get(v) ?? 0) + k);
    }
    const terms = [...coefficients].filter(([, c]) => c !== 0);
    if (terms.length === 0) continue;
    // lower ≤ Σ terms + constant ≤ upper
    rows.push({ terms, lower: form.lower - constant, upper: form.upper - constant });
  }
  return {
    problem: {
      variables: among.length,
      lower: among.map((c) => lowerBounds[c]),
      upper: among.map(() => cap),
      rows,
    },
    countOf: among,
  };
}

/** Checks that the true counts satisfy every relation. */
export function assertRelationsHold(
  counts: readonly number[],
  relations: readonly Relation[],
): void {
  for (const r of relations) {
    if (r.kind === 'linear') {
      const value = r.terms.reduce((s, [i, k]) => s + k * counts[i], 0);
      if (value > r.atMost) {
        throw new RangeError(`a linear tie (${value} ≤ ${r.atMost}) does not hold`);
      }
    } else if (r.kind === 'sum') {
      const sum = r.members.reduce((s, i) => s + counts[i], 0);
      if (sum !== counts[r.total]) {
        throw new RangeError(`a total (${counts[r.total]}) is not the sum of its members (${sum})`);
      }
    } else {
      const sum = r.parts.reduce((s, i) => s + counts[i], 0);
      if (sum > counts[r.whole]) {
        throw new RangeError(`parts (${sum}) exceed their whole (${counts[r.whole]})`);
      }
    }
  }
}
