/** percentile_cont(0.5) as PostgreSQL computes it, by sorting: the reference for medians in Node. */
export function percentileCont(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = 0.5 * (sorted.length - 1);
  const lo = sorted[Math.floor(at)];
  const hi = sorted[Math.ceil(at)];
  return lo + (hi - lo) * (at - Math.floor(at));
}
