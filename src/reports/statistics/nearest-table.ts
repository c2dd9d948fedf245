import type { LinearProblem, LinearRow, ProblemSession } from './lp-solver';

/**
 * Tables near the true one: each variable is written y = truth + rise − fall (variable 2v is
 * the rise of y[v], 2v + 1 its fall), and a solve minimises the total movement Σ (rise + fall).
 * The nearest table that moves one count far enough changes few others, along a short cycle of
 * the table's sums, by whole numbers: it is nearly always a whole-number table itself, where the
 * extreme point of the same programme often is not.
 */
export function nearestTableProblem(
  problem: LinearProblem,
  truth: readonly number[],
): LinearProblem {
  const rows: LinearRow[] = problem.rows.map((row) => {
    const shift = row.terms.reduce((sum, [v, c]) => sum + c * truth[v], 0);
    return {
      terms: row.terms.flatMap(([v, c]) => [[2 * v, c] as const, [2 * v + 1, -c] as const]),
      lower: row.lower - shift,
      upper: row.upper - shift,
    };
  });
  return {
    variables: 2 * problem.variables,
    lower: truth.flatMap(() => [0, 0]),
    upper: truth.flatMap((a, v) => [problem.upper[v] - a, a - problem.lower[v]]),
    rows,
  };
}

/**
 * The whole-number table nearest the truth with y[variable] within `range`, found on a session of
 * `nearestTableProblem`: null when no table (whole or not) has it there; undefined when the
 * nearest one is fractional.
 */
export function nearestTable(
  session: ProblemSession,
  problem: LinearProblem,
  truth: readonly number[],
  variable: number,
  range: readonly [number, number],
): number[] | null | undefined {
  const a = truth[variable];
  const [low, high] = [
    Math.max(range[0], problem.lower[variable]),
    Math.min(range[1], problem.upper[variable]),
  ];
  if (low > high) return null;
  const bounds = new Map<number, readonly [number, number]>([
    [2 * variable, [Math.max(0, low - a), Math.max(0, high - a)]],
    [2 * variable + 1, [Math.max(0, a - high), Math.max(0, a - low)]],
  ]);
  const objective = new Map(
    truth.flatMap((_, v) => [[2 * v, 1] as const, [2 * v + 1, 1] as const]),
  );
  const result = session.optimum(objective, 'min', bounds);
  if (result.status === 'infeasible') return null;
  if (result.status !== 'optimal') return undefined;
  const point = truth.map((t, v) => t + result.values[2 * v] - result.values[2 * v + 1]);
  const whole = point.map(Math.round);
  if (whole.some((w, v) => Math.abs(w - point[v]) > 1e-6)) return undefined;
  if (whole.some((w, v) => w < problem.lower[v] || w > problem.upper[v])) return undefined;
  for (const row of problem.rows) {
    const activity = row.terms.reduce((sum, [v, c]) => sum + c * whole[v], 0);
    if (activity < row.lower - 1e-6 || activity > row.upper + 1e-6) return undefined;
  }
  return whole;
}
