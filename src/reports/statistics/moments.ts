/**
 * PostgreSQL's float8 `avg`/`stddev_samp` state, {N, Σx, Σ(x−x̄)²}, updated and merged with the
 * same arithmetic as its `float8_accum` (Youngs–Cramer) and `float8_combine`, so that a mean and
 * standard deviation added up here are those the database would give for the same values.
 */
export type Moments = [n: number, sum: number, squares: number];

export const emptyMoments = (): Moments => [0, 0, 0];

/** Adds one value (float8_accum). */
export function accumulate(state: Moments, value: number): void {
  const n = state[0] + 1;
  const sum = state[1] + value;
  if (state[0] > 0) {
    const tmp = value * n - sum;
    state[2] += (tmp * tmp) / (n * state[0]);
  } else {
    state[2] = 0;
  }
  state[0] = n;
  state[1] = sum;
}

/** Merges `other` into `state` (float8_combine). */
export function combine(state: Moments, other: Moments): void {
  if (other[0] === 0) return;
  if (state[0] === 0) {
    state[0] = other[0];
    state[1] = other[1];
    state[2] = other[2];
    return;
  }
  const n = state[0] + other[0];
  const tmp = state[1] / state[0] - other[1] / other[0];
  state[2] = state[2] + other[2] + (state[0] * other[0] * tmp * tmp) / n;
  state[1] += other[1];
  state[0] = n;
}

/** float8_avg: NULL for no values. */
export const momentsMean = ([n, sum]: Moments): number | null => (n === 0 ? null : sum / n);

/** float8_stddev_samp: NULL below two values. */
export function momentsSd([n, , squares]: Moments): number | null {
  if (n <= 1) return null;
  return squares <= 0 ? 0 : Math.sqrt(squares / (n - 1));
}
