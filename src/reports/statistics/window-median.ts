import quickselect from 'quickselect';

/**
 * Exact medians from a window of a group's values around its middle, picked by selection rather
 * than sorting. The window `[lo, hi]` comes from a sample; the group's values below `lo` are only
 * counted, those inside it are kept. When the group's middle ranks fall inside, they are picked
 * from the kept values; otherwise the group "misses" and its median needs all its values.
 */

/** What is known of a group's values: how many, and how many lie below and inside the window. */
export interface WindowCounts {
  readonly n: number;
  readonly below: number;
  readonly inside: number;
}

/** Does a group's middle fall outside its window values? (The service-access statement asks the same.) */
export function missesWindow({ n, below, inside }: WindowCounts): boolean {
  return n > 0 && !(below <= Math.floor((n - 1) / 2) && Math.floor(n / 2) < below + inside);
}

/**
 * `percentile_cont(0.5)` of a group of `n` values, from `values` that hold the group's ranks from
 * `offset` on: the value at rank ⌊(n−1)/2⌋, or for an even count that one and the next,
 * interpolated as PostgreSQL does (lo + (hi − lo) × 0.5). Reorders `values`.
 */
export function medianFrom(values: Float64Array, n: number, offset: number): number {
  const k = Math.floor((n - 1) / 2) - offset;
  quickselect(values, k);
  const lo = values[k];
  if (n % 2 === 1) return lo;
  let hi = Infinity;
  for (let i = k + 1; i < values.length; i++) if (values[i] < hi) hi = values[i];
  return lo + (hi - lo) * 0.5;
}
