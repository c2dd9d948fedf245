import { linearForm, type Relation } from './intruder-model';
import type { LinearRow, LpSolver, ProblemSession, WorkBudget } from './lp-solver';
import type { Reached } from './protection-audit';

/**
 * Secondary suppression by cost, after tau-Argus's optimal method (Fischetti and Salazar's
 * "attacker" model). When a hidden count's range is too narrow, a reader's table must be found
 * that moves it far enough while agreeing with what stays published: the counts that table has
 * to change are the ones to hide. The linear programme below finds the cheapest such table.
 *
 * One pair of variables per count, its rise and fall from the true value (y = a + p − n). Every
 * relation holds for the moved table; a shown zero cannot move (secondary suppression never hides
 * a zero); a hidden count moves freely down to what a reader knows of it; a shown count may move
 * at a price, down to 1 (hidden, a reader takes it as at least 1). The price of moving a count is
 * what hiding it costs: its value, times ten for each level of totals it sits above, so that
 * inner cells go before margins and margins before the grand total.
 */
export class CheapestPerturbation {
  private readonly session: ProblemSession;
  private readonly cost: number[];

  constructor(
    private readonly counts: readonly number[],
    relations: readonly Relation[],
    private readonly threshold: number,
    private readonly cap: number,
    solver: LpSolver,
    work?: WorkBudget,
  ) {
    this.cost = costs(counts, relations);
    // Σ k·y within [lower, upper] with y = a + rise − fall: Σ k·(rise − fall) within the same
    // bounds less Σ k·a.
    const rows: LinearRow[] = relations.map((r) => {
      const { terms: form, lower, upper } = linearForm(r);
      const terms = new Map<number, number>();
      let truth = 0;
      for (const [count, k] of form) {
        terms.set(2 * count, (terms.get(2 * count) ?? 0) + k);
        terms.set(2 * count + 1, (terms.get(2 * count + 1) ?? 0) - k);
        truth += k * counts[count];
      }
      return {
        terms: [...terms].filter(([, k]) => k !== 0),
        lower: lower - truth,
        upper: upper - truth,
      };
    });
    // As if every count were shown; the hidden ones are freed solve by solve.
    const lower = counts.flatMap(() => [0, 0]);
    const upper = counts.flatMap((a) => (a === 0 ? [0, 0] : [cap - a, a - 1]));
    this.session = solver.open(
      { variables: 2 * counts.length, lower, upper, rows },
      work,
      'bounds',
    );
  }

  /**
   * The shown counts to hide so that `count` could be `threshold` apart from a value whole-number
   * tables already reach (`reached`): an empty list when the relaxation says nothing more is
   * needed, undefined when no choice of shown non-zero counts would do.
   */
  cheapest(
    count: number,
    reached: Reached,
    hidden: readonly boolean[],
    lowerBounds: readonly number[],
  ): number[] | undefined {
    const { counts, cap, threshold } = this;
    const objective = new Map<number, number>();
    counts.forEach((a, c) => {
      if (hidden[c]) {
        this.session.setBounds(2 * c, 0, cap - a);
        this.session.setBounds(2 * c + 1, 0, a - lowerBounds[c]);
      } else {
        this.session.setBounds(2 * c, 0, a === 0 ? 0 : cap - a);
        this.session.setBounds(2 * c + 1, 0, a === 0 ? 0 : a - 1);
      }
      if (!hidden[c] && a > 0) {
        objective.set(2 * c, this.cost[c]);
        objective.set(2 * c + 1, this.cost[c]);
      }
    });
    const a = counts[count];
    // Each option moves the count one way only: its other variable is held at 0, or the
    // programme could raise and lower it at once, move nothing, and understate what is needed.
    const [rises, falls] = [2 * count, 2 * count + 1];
    const options: Map<number, readonly [number, number]>[] = [];
    // Up: to `threshold` above the lowest value reached; down: below the highest.
    const rise = reached.low + threshold - a;
    if (rise <= cap - a) {
      options.push(
        new Map([
          [rises, [Math.max(0, rise), cap - a]],
          [falls, [0, 0]],
        ]),
      );
    }
    const fall = a - (reached.high - threshold);
    if (reached.high - threshold >= lowerBounds[count]) {
      options.push(
        new Map([
          [falls, [Math.max(0, fall), a - lowerBounds[count]]],
          [rises, [0, 0]],
        ]),
      );
    }
    let best: { value: number; values: Float64Array } | undefined;
    for (const bounds of options) {
      const result = this.session.optimum(objective, 'min', bounds);
      if (result.status !== 'optimal') continue;
      if (best === undefined || result.value < best.value - 1e-9) best = result;
    }
    if (best === undefined) return undefined;
    const moved = best.values;
    return counts.flatMap((value, c) =>
      !hidden[c] && value > 0 && moved[2 * c] + moved[2 * c + 1] > 1e-7 ? [c] : [],
    );
  }

  close(): void {
    this.session.close();
  }
}

/**
 * What hiding each count costs: its value (plus one, so that hiding anything costs something),
 * times ten for each level of totals below it.
 */
function costs(counts: readonly number[], relations: readonly Relation[]): number[] {
  const level = counts.map(() => 0);
  for (let changed = true, rounds = 0; changed && rounds <= counts.length; rounds++) {
    changed = false;
    for (const r of relations) {
      if (r.kind !== 'sum') continue;
      const above = 1 + Math.max(...r.members.map((m) => level[m]));
      if (above > level[r.total]) {
        level[r.total] = above;
        changed = true;
      }
    }
  }
  return counts.map((a, c) => (a + 1) * 10 ** Math.min(level[c], 4));
}
