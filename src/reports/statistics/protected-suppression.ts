import {
  assertRelationsHold,
  intruderProblem,
  publicLowerBounds,
  type Relation,
} from './intruder-model';
import type { LpSolver, ProblemSession } from './lp-solver';
import { assertCount, assertThreshold } from './suppression';

export interface ProtectionInput {
  /** Every count one response publishes, true values. */
  readonly counts: readonly number[];
  /** Every tie between them a reader knows of. */
  readonly relations: readonly Relation[];
  /** Non-zero counts to hide whatever their size (many needs of a few people); zeros are shown. */
  readonly alsoHidden?: readonly boolean[];
}

export interface Protection {
  /** One per count: true when it is published as suppressed. */
  readonly hidden: readonly boolean[];
  /**
   * Hidden counts whose range could not be made the threshold wide, because nothing left to hide
   * would widen it. Empty for counts tied only by sums and funnels; a report that still gets
   * one must not publish.
   */
  readonly unprotected: readonly number[];
  /**
   * True when the audit ran out of time and everything was suppressed instead (always safe: a
   * reader could add referrals to any figure). The report should say the breakdown is too sparse
   * to publish at this threshold and suggest fewer breakdowns or a longer period.
   */
  readonly gaveUp: boolean;
}

export interface ProtectionOptions {
  /** How long the audit may run (milliseconds) before everything is suppressed instead. */
  readonly timeLimitMs?: number;
}

/**
 * Protection-interval suppression with an audit, after tau-Argus: every hidden count's feasible
 * range — over all tables of whole numbers consistent with everything published (the shown
 * counts, every relation, and what the rules say about hidden counts) — is at least `threshold`
 * wide (max − min ≥ threshold).
 *
 * 1. Counts from 1 to threshold − 1 are hidden, and `alsoHidden` non-zero counts.
 * 2. The parts of a hidden whole (later funnel stages) are hidden whatever their value, and the
 *    zero members of a hidden total, so that neither shows what a small group is made of.
 * 3. Secondary suppression: a line whose hidden members cannot spread over `threshold` values
 *    gets its smallest visible non-zero member hidden.
 * 4. The audit: for each hidden count, a linear programme finds the integer tables consistent with
 *    what is published that push it highest and lowest. Those two tables are the proof. Where
 *    they are less than `threshold` apart, the smallest visible non-zero count tied to it is hidden
 *    and the count is checked again.
 *
 * Secondary suppression never hides a zero, so the rules stay what `publicLowerBounds` says.
 */
export function protectCounts(
  input: ProtectionInput,
  threshold: number,
  solver: LpSolver,
  options: ProtectionOptions = {},
): Protection {
  assertThreshold(threshold);
  const deadline = Date.now() + (options.timeLimitMs ?? Infinity);
  const { counts, relations } = input;
  counts.forEach((c) => assertCount(c));
  assertRelationsHold(counts, relations);
  const hidden = counts.map(
    (c, i) => (c >= 1 && c < threshold) || (c > 0 && input.alsoHidden?.[i] === true),
  );
  const totals = new Set(relations.flatMap((r) => (r.kind === 'sum' ? [r.total] : [])));
  const relationsOf = counts.map((): Relation[] => []);
  for (const r of relations) for (const c of membersOf(r)) relationsOf[c].push(r);

  const hide = (i: number) => {
    hidden[i] = true;
    close(hidden, counts, relations);
  };
  close(hidden, counts, relations);
  lineMass(hidden, counts, relations, threshold, totals, hide);

  const audit = new Audit(counts, relations, hidden, threshold, solver);
  const unprotected: number[] = [];
  try {
    // In passes: every pending count is audited against the same hidden set, then one count is
    // hidden for each exposed one (the nearest, as things stood at the start of the pass), so
    // that each group's programme is built once per pass.
    let pending = hidden.flatMap((h, i) => (h ? [i] : []));
    while (pending.length > 0) {
      const exposed: number[] = [];
      for (const count of pending) {
        if (Date.now() > deadline) {
          return { hidden: counts.map(() => true), unprotected: [], gaveUp: true };
        }
        if (!audit.protects(count)) exposed.push(count);
      }
      if (exposed.length === 0) break;
      const before = hidden.slice();
      const chosen = new Set<number>();
      const retry: number[] = [];
      for (const count of exposed) {
        const next = nearestVisible(count, counts, before, relationsOf, totals);
        if (next === undefined) unprotected.push(count);
        else {
          chosen.add(next);
          retry.push(count);
        }
      }
      for (const next of chosen) hide(next);
      lineMass(hidden, counts, relations, threshold, totals, hide);
      audit.changed();
      pending = [...retry, ...hidden.flatMap((h, i) => (h && !before[i] ? [i] : []))];
    }
  } finally {
    audit.close();
  }
  return { hidden, unprotected, gaveUp: false };
}

function membersOf(r: Relation): number[] {
  return r.kind === 'sum' ? [...r.members, r.total] : [...r.parts, r.whole];
}

/** Rule 2, until nothing changes. */
function close(hidden: boolean[], counts: readonly number[], relations: readonly Relation[]): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const r of relations) {
      if (r.kind === 'atMost' && hidden[r.whole]) {
        for (const p of r.parts) if (!hidden[p]) changed = hidden[p] = true;
      }
      if (r.kind === 'sum' && hidden[r.total]) {
        for (const m of r.members) if (!hidden[m] && counts[m] === 0) changed = hidden[m] = true;
      }
    }
  }
}

/**
 * Rule 3, a cheap necessary condition before the audit: in a line whose total is shown, each
 * hidden member lies between its lower bound and the hidden sum less the others' lower bounds.
 */
function lineMass(
  hidden: boolean[],
  counts: readonly number[],
  relations: readonly Relation[],
  threshold: number,
  totals: ReadonlySet<number>,
  hide: (i: number) => void,
): void {
  for (let changed = true; changed;) {
    changed = false;
    const lower = publicLowerBounds(hidden, relations);
    for (const r of relations) {
      if (r.kind !== 'sum' || hidden[r.total]) continue;
      const inside = r.members.filter((m) => hidden[m]);
      if (inside.length === 0) continue;
      const spread = inside.reduce((s, m) => s + counts[m] - lower[m], 0);
      if (spread >= threshold) continue;
      const next = smallest(
        r.members.filter((m) => !hidden[m] && counts[m] > 0),
        counts,
        totals,
      );
      const target = next ?? (counts[r.total] > 0 ? r.total : undefined);
      if (target === undefined) continue;
      hide(target);
      changed = true;
      break;
    }
  }
}

/** The smallest count, members before totals, earlier before later. */
function smallest(
  candidates: readonly number[],
  counts: readonly number[],
  totals: ReadonlySet<number>,
): number | undefined {
  return [...candidates].sort(
    (a, b) => counts[a] - counts[b] || +totals.has(a) - +totals.has(b) || a - b,
  )[0];
}

/**
 * The visible non-zero count to hide for an exposed one: the smallest tied to it by a relation,
 * else the smallest tied to the hidden counts it is tied to, and so on outwards.
 */
function nearestVisible(
  start: number,
  counts: readonly number[],
  hidden: readonly boolean[],
  relationsOf: readonly Relation[][],
  totals: ReadonlySet<number>,
): number | undefined {
  const seen = new Set([start]);
  let frontier = [start];
  while (frontier.length > 0) {
    const candidates = new Set<number>();
    const next: number[] = [];
    for (const c of frontier) {
      for (const r of relationsOf[c]) {
        for (const m of membersOf(r)) {
          if (seen.has(m)) continue;
          seen.add(m);
          if (!hidden[m] && counts[m] > 0) candidates.add(m);
          else if (hidden[m]) next.push(m);
        }
      }
    }
    const best = smallest([...candidates], counts, totals);
    if (best !== undefined) return best;
    frontier = next;
  }
  return undefined;
}

/**
 * Step 4. Hidden counts fall into independent groups (tied through relations); each group's
 * programme is kept open while the group is unchanged. Every integer point a solve returns is
 * kept as a witness: hiding more only adds tables, so a witness stays valid, and a count whose
 * witnesses already span the threshold needs no solve.
 */
class Audit {
  private readonly low: number[];
  private readonly high: number[];
  private readonly sessions = new Map<string, { session: ProblemSession; among: number[] }>();
  private groups: Map<number, number[]> | undefined;
  private readonly cap: number;

  constructor(
    private readonly counts: readonly number[],
    private readonly relations: readonly Relation[],
    private readonly hidden: readonly boolean[],
    private readonly threshold: number,
    private readonly solver: LpSolver,
  ) {
    this.low = counts.slice();
    this.high = counts.slice();
    // No range needs to reach beyond this; a cap keeps every programme bounded, and a smaller
    // set of tables can only understate a range.
    this.cap = 2 * Math.max(0, ...counts) + 2 * threshold;
  }

  /**
   * Whether two integer tables consistent with what is published put the count at least the
   * threshold apart. The relaxation's optimum bounds what integer tables can reach; its optimal
   * point, when integral, is such a table; otherwise a table reaching far enough is sought as an
   * integer programme.
   */
  protects(count: number): boolean {
    if (this.spans(count)) return true;
    const { session, among } = this.sessionFor(count);
    const variable = among.indexOf(count);
    const objective = new Map([[variable, 1]]);
    const bounds: Record<'max' | 'min', number> = { max: Infinity, min: -Infinity };
    for (const direction of ['max', 'min'] as const) {
      const { value, point } = session.relaxed(objective, direction);
      if (point !== null) this.witness(among, point);
      if (this.spans(count)) return true;
      bounds[direction] = direction === 'max' ? Math.floor(value + 1e-6) : Math.ceil(value - 1e-6);
    }
    if (bounds.max - bounds.min < this.threshold) return false;
    for (const [direction, target] of [
      ['max', this.low[count] + this.threshold],
      ['min', this.high[count] - this.threshold],
    ] as const) {
      const point = session.integerPointBeyond(variable, direction, target);
      if (point !== null) this.witness(among, point);
      if (this.spans(count)) return true;
    }
    for (const direction of ['max', 'min'] as const) {
      const { point } = session.extreme(variable, direction);
      if (point !== null) this.witness(among, point);
    }
    return this.spans(count);
  }

  changed(): void {
    this.groups = undefined;
  }

  close(): void {
    for (const { session } of this.sessions.values()) session.close();
    this.sessions.clear();
  }

  /**
   * A few tables pulled in random directions before any count is examined: each moves many
   * hidden counts at once, so most counts are already proved protected by them.
   */
  private spread(session: ProblemSession, among: readonly number[]): void {
    let seed = among.length * 7919 + among[0];
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 4; round++) {
      const objective = new Map(
        among.map((_, v) => [v, random() < 0.5 ? -1 : 1] as [number, number]),
      );
      const { point } = session.relaxed(objective, 'max');
      if (point !== null) this.witness(among, point);
    }
  }

  private spans(count: number): boolean {
    return this.high[count] - this.low[count] >= this.threshold;
  }

  private witness(among: readonly number[], point: readonly number[]): void {
    among.forEach((count, v) => {
      this.low[count] = Math.min(this.low[count], point[v]);
      this.high[count] = Math.max(this.high[count], point[v]);
    });
  }

  private sessionFor(count: number): { session: ProblemSession; among: number[] } {
    this.groups ??= this.group();
    const among = this.groups.get(count) as number[];
    const key = among.join(',');
    let entry = this.sessions.get(key);
    if (entry === undefined) {
      const published = this.counts.map((c, i) => (this.hidden[i] ? null : c));
      const lower = publicLowerBounds(this.hidden, this.relations);
      const { problem } = intruderProblem(published, this.relations, lower, among, this.cap);
      entry = { session: this.solver.open(problem), among };
      this.sessions.set(key, entry);
      this.spread(entry.session, among);
    }
    return entry;
  }

  /** Hidden counts grouped by the relations that tie them (union–find). */
  private group(): Map<number, number[]> {
    const parent = this.counts.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    for (const r of this.relations) {
      const inside = membersOf(r).filter((c) => this.hidden[c]);
      for (const c of inside.slice(1)) parent[find(c)] = find(inside[0]);
    }
    const byRoot = new Map<number, number[]>();
    this.hidden.forEach((h, i) => {
      if (!h) return;
      const root = find(i);
      const members = byRoot.get(root);
      if (members === undefined) byRoot.set(root, [i]);
      else members.push(i);
    });
    const groups = new Map<number, number[]>();
    for (const members of byRoot.values()) for (const m of members) groups.set(m, members);
    const live = new Set([...byRoot.values()].map((m) => m.join(',')));
    for (const [key, { session }] of this.sessions) {
      if (!live.has(key)) {
        session.close();
        this.sessions.delete(key);
      }
    }
    return groups;
  }
}
