/**
 * PostgreSQL's float8 `avg`/`stddev_samp` state, {N, Σx, Σ(x−x̄)²}, updated and merged with the
 * same arithmetic as its `float8_accum` (Youngs–Cramer) and `float8_combine`, so that a mean and
 * standard deviation added up here are those the database would give for the same values.
 *
 * States sit side by side in one Float64Array, three numbers each (state k at 3k), so that many
 * of them are one allocation off the JavaScript heap rather than an array each.
 */
export const MOMENTS_WIDTH = 3;

/** Room for `count` empty states. */
export const momentsStates = (count: number): Float64Array =>
  new Float64Array(count * MOMENTS_WIDTH);

/** Adds one value to state k (float8_accum). */
export function accumulate(states: Float64Array, k: number, value: number): void {
  const at = k * MOMENTS_WIDTH;
  const n = states[at] + 1;
  const sum = states[at + 1] + value;
  if (states[at] > 0) {
    const tmp = value * n - sum;
    states[at + 2] += (tmp * tmp) / (n * states[at]);
  } else {
    states[at + 2] = 0;
  }
  states[at] = n;
  states[at + 1] = sum;
}

/** Merges state j of `others` into state k of `states` (float8_combine). */
export function combine(states: Float64Array, k: number, others: Float64Array, j: number): void {
  const at = k * MOMENTS_WIDTH;
  const from = j * MOMENTS_WIDTH;
  if (others[from] === 0) return;
  if (states[at] === 0) {
    states[at] = others[from];
    states[at + 1] = others[from + 1];
    states[at + 2] = others[from + 2];
    return;
  }
  const n = states[at] + others[from];
  const tmp = states[at + 1] / states[at] - others[from + 1] / others[from];
  states[at + 2] = states[at + 2] + others[from + 2] + (states[at] * others[from] * tmp * tmp) / n;
  states[at + 1] += others[from + 1];
  states[at] = n;
}

/** The count of values in state k. */
export const momentsCount = (states: Float64Array, k: number): number => states[k * MOMENTS_WIDTH];

/** float8_avg of state k: NULL for no values. */
export function momentsMean(states: Float64Array, k: number): number | null {
  const n = states[k * MOMENTS_WIDTH];
  return n === 0 ? null : states[k * MOMENTS_WIDTH + 1] / n;
}

/** float8_stddev_samp of state k: NULL below two values. */
export function momentsSd(states: Float64Array, k: number): number | null {
  const n = states[k * MOMENTS_WIDTH];
  const squares = states[k * MOMENTS_WIDTH + 2];
  if (n <= 1) return null;
  return squares <= 0 ? 0 : Math.sqrt(squares / (n - 1));
}
