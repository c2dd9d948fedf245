import loadHighs, { type Highs, type Model } from 'highs';

/**
 * Linear programmes for disclosure control, solved by HiGHS (the `highs` package: HiGHS compiled
 * to WebAssembly, MIT-licensed, LP and mixed-integer). Loading takes a fraction of a second, once;
 * each solve after that is synchronous.
 */

/** lower ≤ Σ coefficient·x[variable] ≤ upper. */
export interface LinearRow {
  readonly terms: readonly (readonly [variable: number, coefficient: number])[];
  readonly lower: number;
  readonly upper: number;
}

export interface LinearProblem {
  readonly variables: number;
  readonly lower: readonly number[];
  /** Infinity for no upper bound. */
  readonly upper: readonly number[];
  readonly rows: readonly LinearRow[];
}

export type Direction = 'max' | 'min';

/** One end of a variable's range over the integer points of a problem. */
export interface Extreme {
  /** ±Infinity when unbounded. */
  readonly value: number;
  /** An integer point of the problem attaining it, checked against every row; null if unbounded. */
  readonly point: readonly number[] | null;
}

export interface ProblemSession {
  /** The largest or smallest integer value the variable takes at a point of the problem. */
  extreme(variable: number, direction: Direction): Extreme;
  close(): void;
}

export interface LpSolver {
  open(problem: LinearProblem): ProblemSession;
}

let loading: Promise<LpSolver> | undefined;

/** The shared solver; the WebAssembly module is loaded on first use. */
export function loadLpSolver(): Promise<LpSolver> {
  loading ??= loadHighs().then((highs) => new HighsSolver(highs));
  return loading;
}

const OPTIMAL = 7;
const UNBOUNDED = 10;
const UNBOUNDED_OR_INFEASIBLE = 9;
const TOLERANCE = 1e-6;

class HighsSolver implements LpSolver {
  constructor(private readonly highs: Highs) {}

  open(problem: LinearProblem): ProblemSession {
    return new HighsSession(this.highs, problem);
  }
}

/**
 * Solves the LP relaxation first, from the previous basis. Its optimum is the integer optimum
 * whenever the optimal vertex is integral, which it is for most tables (their sums form network
 * matrices); otherwise the same objective is solved as an integer programme, to optimality.
 */
class HighsSession implements ProblemSession {
  private readonly lp: Model;
  private mip: Model | undefined;
  /** The variable each model's objective currently has a cost on. */
  private readonly costed = new Map<Model, number>();

  constructor(
    private readonly highs: Highs,
    private readonly problem: LinearProblem,
  ) {
    this.lp = this.model(false);
  }

  extreme(variable: number, direction: Direction): Extreme {
    const relaxed = this.solve(this.lp, variable, direction);
    if (relaxed === 'unbounded')
      return { value: direction === 'max' ? Infinity : -Infinity, point: null };
    const point = this.integral(relaxed);
    if (point !== null) return { value: point[variable], point };
    this.mip ??= this.model(true);
    const exact = this.solve(this.mip, variable, direction);
    const integer = exact === 'unbounded' ? null : this.integral(exact);
    if (integer === null) throw new Error('the integer programme gave no integer point');
    return { value: integer[variable], point: integer };
  }

  close(): void {
    this.lp.dispose();
    this.mip?.dispose();
  }

  private model(integer: boolean): Model {
    const { problem, highs } = this;
    const model = highs.createModel();
    model.options.set({ output_flag: false });
    if (integer) model.options.set({ mip_rel_gap: 0, mip_abs_gap: 0 });
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const row of problem.rows) {
      for (const [variable, coefficient] of [...row.terms].sort((a, b) => a[0] - b[0])) {
        indices.push(variable);
        values.push(coefficient);
      }
      starts.push(indices.length);
    }
    const finite = (n: number) =>
      Number.isFinite(n) ? n : n > 0 ? highs.infinity : -highs.infinity;
    model.passModel({
      numCols: problem.variables,
      numRows: problem.rows.length,
      colCost: new Array<number>(problem.variables).fill(0),
      colLower: problem.lower.map(finite),
      colUpper: problem.upper.map(finite),
      rowLower: problem.rows.map((r) => finite(r.lower)),
      rowUpper: problem.rows.map((r) => finite(r.upper)),
      matrix: {
        format: 'csr',
        numRows: problem.rows.length,
        numCols: problem.variables,
        starts,
        indices,
        values,
      },
      ...(integer
        ? { integrality: new Array(problem.variables).fill(highs.constants.variableType.integer) }
        : {}),
    });
    return model;
  }

  private solve(model: Model, variable: number, direction: Direction): Float64Array | 'unbounded' {
    const { highs } = this;
    const previous = this.costed.get(model);
    if (previous !== variable) {
      if (previous !== undefined) model.changeColCost(previous, 0);
      model.changeColCost(variable, 1);
      this.costed.set(model, variable);
    }
    model.changeObjectiveSense(
      direction === 'max'
        ? highs.constants.objectiveSense.maximize
        : highs.constants.objectiveSense.minimize,
    );
    model.run();
    let status = model.getModelStatus();
    if (status === UNBOUNDED_OR_INFEASIBLE) {
      // Presolve cannot tell the two apart; without it the simplex can.
      model.options.set({ presolve: 'off' });
      model.run();
      status = model.getModelStatus();
      model.options.set({ presolve: 'choose' });
    }
    if (status === UNBOUNDED) return 'unbounded';
    if (status !== OPTIMAL) throw new Error(`the linear programme ended with status ${status}`);
    return model.getSolution().colValue;
  }

  /** The point rounded to integers, if it is integral and still satisfies every row exactly. */
  private integral(values: Float64Array): number[] | null {
    const point = Array.from(values, Math.round);
    if (point.some((v, i) => Math.abs(v - values[i]) > TOLERANCE)) return null;
    const { problem } = this;
    if (point.some((v, i) => v < problem.lower[i] || v > problem.upper[i])) return null;
    for (const row of problem.rows) {
      const activity = row.terms.reduce((sum, [j, c]) => sum + c * point[j], 0);
      if (activity < row.lower - TOLERANCE || activity > row.upper + TOLERANCE) return null;
    }
    return point;
  }
}
