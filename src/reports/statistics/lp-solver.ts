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

/** The optimum of the relaxation (fractional values allowed). */
export interface Relaxed {
  /** ±Infinity when unbounded. */
  readonly value: number;
  /** The optimal point when it is integral (then it is also the integer optimum), else null. */
  readonly point: readonly number[] | null;
}

/** The relaxation's optimum with some variables' bounds changed for one solve. */
export type Optimum =
  | { readonly status: 'optimal'; readonly value: number; readonly values: Float64Array }
  | { readonly status: 'infeasible' | 'unbounded' };

export interface ProblemSession {
  /** Optimises Σ coefficient·x over the relaxation (warm-started from the previous basis). */
  relaxed(objective: ReadonlyMap<number, number>, direction: Direction): Relaxed;
  /**
   * Optimises Σ coefficient·x over the relaxation with `bounds` replacing some variables' bounds
   * for this solve only; the point is returned as it is, fractional or not.
   */
  optimum(
    objective: ReadonlyMap<number, number>,
    direction: Direction,
    bounds: ReadonlyMap<number, readonly [number, number]>,
  ): Optimum;
  /** Changes a variable's bounds for every later solve of the relaxation. */
  setBounds(variable: number, lower: number, upper: number): void;
  /** An integer point with x[variable] ≥ `target` ('max') or ≤ `target` ('min'), if any. */
  integerPointBeyond(
    variable: number,
    direction: Direction,
    target: number,
  ): readonly number[] | null;
  /** The largest or smallest integer value the variable takes at a point of the problem. */
  extreme(variable: number, direction: Direction): Extreme;
  close(): void;
}

export interface LpSolver {
  /** Every solve of the session is charged to `work`, when given. */
  /**
   * `changing` says what changes between solves: the objective (the primal simplex carries on
   * from the last basis) or variables' bounds (the dual simplex does).
   */
  open(
    problem: LinearProblem,
    work?: WorkBudget,
    changing?: 'objective' | 'bounds',
  ): ProblemSession;
}

/** Thrown when a solve would take the work budget past its limit. */
export class OutOfWork extends Error {
  constructor() {
    super('the disclosure audit ran out of its work budget');
  }
}

/**
 * A budget of solver work counted in simplex iterations and branch-and-bound nodes, not time, so
 * that the same tables always get the same answer on any machine, however loaded. Each solve is
 * capped at what is left, and charged what it took.
 */
export class WorkBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  get spent(): number {
    return this.used;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }

  /** Charges one solve: at least one unit, so that a zero budget allows none. */
  charge(units: number): void {
    this.used += Math.max(1, units);
    if (this.used > this.limit) throw new OutOfWork();
  }
}

/** Work charged for one branch-and-bound node, on top of its simplex iterations. */
const NODE_COST = 20;
/**
 * Work charged per variable for each integer programme, for its presolve and set-up, which take
 * about as long as this many simplex iterations each.
 */
const MIP_SETUP_COST = 3;
/** Nodes one integer programme may take: tables' programmes need few, when they need any. */
const MAX_NODES = 500;

let loading: Promise<LpSolver> | undefined;

/** The shared solver; the WebAssembly module is loaded on first use. */
export function loadLpSolver(): Promise<LpSolver> {
  loading ??= loadHighs().then((highs) => new HighsSolver(highs));
  return loading;
}

const OPTIMAL = 7;
const INFEASIBLE = 8;
const UNBOUNDED = 10;
const UNBOUNDED_OR_INFEASIBLE = 9;
const TOLERANCE = 1e-6;

class HighsSolver implements LpSolver {
  constructor(private readonly highs: Highs) {}

  open(
    problem: LinearProblem,
    work?: WorkBudget,
    changing: 'objective' | 'bounds' = 'objective',
  ): ProblemSession {
    return new HighsSession(this.highs, problem, work, changing);
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
  /** Each model's current objective. */
  private readonly costed = new Map<Model, ReadonlyMap<number, number>>();

  private readonly lower: number[];
  private readonly upper: number[];

  constructor(
    private readonly highs: Highs,
    private readonly problem: LinearProblem,
    private readonly work: WorkBudget | undefined,
    private readonly changing: 'objective' | 'bounds',
  ) {
    this.lp = this.model(false);
    this.lower = [...problem.lower];
    this.upper = [...problem.upper];
  }

  setBounds(variable: number, lower: number, upper: number): void {
    if (this.lower[variable] === lower && this.upper[variable] === upper) return;
    this.lower[variable] = lower;
    this.upper[variable] = upper;
    this.lp.changeColBounds(variable, this.finite(lower), this.finite(upper));
  }

  optimum(
    objective: ReadonlyMap<number, number>,
    direction: Direction,
    bounds: ReadonlyMap<number, readonly [number, number]>,
  ): Optimum {
    const { lower, upper } = this;
    for (const [v, [low, high]] of bounds) {
      this.lp.changeColBounds(v, this.finite(low), this.finite(high));
    }
    try {
      const solution = this.solve(this.lp, objective, direction);
      if (solution === 'infeasible' || solution === 'unbounded') return { status: solution };
      const value = [...objective].reduce((sum, [v, c]) => sum + c * solution[v], 0);
      return { status: 'optimal', value, values: solution };
    } finally {
      for (const v of bounds.keys()) {
        this.lp.changeColBounds(v, this.finite(lower[v]), this.finite(upper[v]));
      }
    }
  }

  relaxed(objective: ReadonlyMap<number, number>, direction: Direction): Relaxed {
    const solution = this.solve(this.lp, objective, direction);
    // The true table is a point of every problem here, so the relaxation is never infeasible.
    if (solution === 'infeasible') throw new Error('the linear programme has no feasible point');
    if (solution === 'unbounded') {
      return { value: direction === 'max' ? Infinity : -Infinity, point: null };
    }
    const value = [...objective].reduce((sum, [v, c]) => sum + c * solution[v], 0);
    return { value, point: this.integral(solution) };
  }

  integerPointBeyond(
    variable: number,
    direction: Direction,
    target: number,
  ): readonly number[] | null {
    this.mip ??= this.model(true);
    const { lower, upper } = this.problem;
    const [low, high] =
      direction === 'max'
        ? [Math.max(lower[variable], target), upper[variable]]
        : [lower[variable], Math.min(upper[variable], target)];
    if (low > high) return null;
    this.mip.changeColBounds(variable, low, this.finite(high));
    try {
      const solution = this.solve(this.mip, new Map(), 'max');
      return solution === 'unbounded' || solution === 'infeasible' ? null : this.integral(solution);
    } finally {
      this.mip.changeColBounds(variable, lower[variable], this.finite(upper[variable]));
    }
  }

  extreme(variable: number, direction: Direction): Extreme {
    const objective = new Map([[variable, 1]]);
    const relaxed = this.relaxed(objective, direction);
    if (!Number.isFinite(relaxed.value)) return { value: relaxed.value, point: null };
    if (relaxed.point !== null) return { value: relaxed.point[variable], point: relaxed.point };
    this.mip ??= this.model(true);
    const exact = this.solve(this.mip, objective, direction);
    const integer = exact === 'unbounded' || exact === 'infeasible' ? null : this.integral(exact);
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
    // Only the objective changes between solves: the previous optimal basis stays feasible, so
    // the primal simplex carries on from it (without presolve, which would discard it).
    if (!integer) {
      model.options.set({ presolve: 'off', simplex_strategy: this.changing === 'bounds' ? 1 : 4 });
    }
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

  private finite(n: number): number {
    return Number.isFinite(n) ? n : n > 0 ? this.highs.infinity : -this.highs.infinity;
  }

  private solve(
    model: Model,
    objective: ReadonlyMap<number, number>,
    direction: Direction,
  ): Float64Array | 'unbounded' | 'infeasible' {
    const { highs } = this;
    const previous = this.costed.get(model) ?? new Map<number, number>();
    for (const v of previous.keys()) if (!objective.has(v)) model.changeColCost(v, 0);
    for (const [v, c] of objective) if (previous.get(v) !== c) model.changeColCost(v, c);
    this.costed.set(model, objective);
    model.changeObjectiveSense(
      direction === 'max'
        ? highs.constants.objectiveSense.maximize
        : highs.constants.objectiveSense.minimize,
    );
    let status = this.run(model);
    if (status === UNBOUNDED_OR_INFEASIBLE) {
      // Presolve cannot tell the two apart; without it the simplex can.
      model.options.set({ presolve: 'off' });
      status = this.run(model);
      model.options.set({ presolve: 'choose' });
    }
    if (status === UNBOUNDED) return 'unbounded';
    if (status === INFEASIBLE) return 'infeasible';
    // A limit reached: the work budget is spent (or a programme needs more nodes than any
    // table's should), and the caller falls back to what is always safe.
    if (status !== OPTIMAL) throw new OutOfWork();
    return model.getSolution().colValue;
  }

  /** Runs one solve within what is left of the budget, and charges it. */
  private run(model: Model): number {
    const { work } = this;
    if (work !== undefined) {
      model.options.set({
        simplex_iteration_limit: Math.min(work.remaining + 1, 2147483647),
        mip_max_nodes: MAX_NODES,
      });
    }
    model.run();
    if (work !== undefined) {
      const iterations = Number(model.info.get('simplex_iteration_count'));
      const integer = this.mip === model;
      const nodes = integer ? Number(model.info.get('mip_node_count')) : 0;
      const setup = integer ? MIP_SETUP_COST * this.problem.variables : 0;
      work.charge(Math.max(0, iterations) + NODE_COST * Math.max(0, nodes) + setup);
    }
    return model.getModelStatus();
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
