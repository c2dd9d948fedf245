import { intruderProblem, membersOf, publicLowerBounds, type Relation } from './intruder-model';
import type { LinearProblem, LpSolver, ProblemSession, WorkBudget } from './lp-solver';
import { nearestTable, nearestTableProblem } from './nearest-table';

/** What the audit knows of a hidden count's range: whole-number tables reach `low` and `high`. */
export interface Reached {
  readonly low: number;
  readonly high: number;
}

/** One group of hidden counts tied together, with its programmes. */
interface Group {
  readonly among: number[];
  /** Tables consistent with what is published, over the group's counts. */
  readonly session: ProblemSession;
  /** The same, moved from the truth (`nearestTableProblem`). */
  readonly near: ProblemSession;
  /** The programme `session` solves (`nearestTable` checks its points against it). */
  readonly problem: LinearProblem;
  readonly truth: readonly number[];
}

/**
 * The audit of protection intervals. Hidden counts fall into independent groups (tied through relations); each group's
 * programme is kept open while the group is unchanged. Every integer point a solve returns is
 * kept as a witness: hiding more only adds tables, so a witness stays valid, and a count whose
 * witnesses already span the threshold needs no solve.
 */
export class ProtectionAudit {
  private readonly low: number[];
  private readonly high: number[];
  private readonly sessions = new Map<string, Group>();
  private groups: Map<number, number[]> | undefined;
  private readonly cap: number;

  constructor(
    private readonly counts: readonly number[],
    private readonly relations: readonly Relation[],
    private readonly hidden: readonly boolean[],
    private readonly threshold: number,
    private readonly solver: LpSolver,
    private readonly work?: WorkBudget,
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
    const entry = this.sessionFor(count);
    const { session, among } = entry;
    const variable = among.indexOf(count);
    // The nearest whole-number tables that move the count the threshold away from what is
    // reached already, up and then down: usually the proof, at one solve each.
    const near = (range: readonly [number, number]) => {
      const point = nearestTable(entry.near, entry.problem, entry.truth, variable, range);
      if (point) this.witness(among, point);
      return this.spans(count);
    };
    if (near([this.low[count] + this.threshold, Infinity])) return true;
    if (near([-Infinity, this.high[count] - this.threshold])) return true;
    const objective = new Map([[variable, 1]]);
    const bounds: Record<'max' | 'min', number> = { max: Infinity, min: -Infinity };
    for (const direction of ['max', 'min'] as const) {
      const { value, point } = session.relaxed(objective, direction);
      if (point !== null) this.witness(among, point);
      if (this.spans(count)) return true;
      bounds[direction] = direction === 'max' ? Math.floor(value + 1e-6) : Math.ceil(value - 1e-6);
    }
    if (bounds.max - bounds.min < this.threshold) return false;
    if (near([bounds.max, Infinity]) || near([-Infinity, bounds.min])) return true;
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

  /** Whether every table consistent with what is published has the count at its true value. */
  determined(count: number): boolean {
    const { session, among } = this.sessionFor(count);
    const objective = new Map([[among.indexOf(count), 1]]);
    const a = this.counts[count];
    return (
      session.relaxed(objective, 'max').value <= a + 1e-6 &&
      session.relaxed(objective, 'min').value >= a - 1e-6
    );
  }

  /** The values whole-number tables consistent with what is published are known to reach. */
  reached(count: number): Reached {
    return { low: this.low[count], high: this.high[count] };
  }

  changed(): void {
    this.groups = undefined;
  }

  close(): void {
    for (const { session, near } of this.sessions.values()) {
      session.close();
      near.close();
    }
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

  private sessionFor(count: number): Group {
    this.groups ??= this.group();
    const among = this.groups.get(count) as number[];
    const key = among.join(',');
    let entry = this.sessions.get(key);
    if (entry === undefined) {
      const published = this.counts.map((c, i) => (this.hidden[i] ? null : c));
      const lower = publicLowerBounds(this.hidden, this.relations);
      const { problem } = intruderProblem(published, this.relations, lower, among, this.cap);
      const truth = among.map((c) => this.counts[c]);
      const nearProblem = nearestTableProblem(problem, truth);
      entry = {
        session: this.solver.open(problem, this.work),
        near: this.solver.open(nearProblem, this.work, 'bounds'),
        problem,
        truth,
        among,
      };
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
    for (const [key, { session, near }] of this.sessions) {
      if (!live.has(key)) {
        session.close();
        near.close();
        this.sessions.delete(key);
      }
    }
    return groups;
  }
}
