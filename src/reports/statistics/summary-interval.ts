import { tCritical95, type MeanWithInterval } from './descriptive';

/**
 * A mean with its 95% t interval from summary statistics (as SQL's avg, stddev_samp and
 * count give them), so values never leave the database. No interval below two values.
 */
export function meanIntervalFromSummary(
  mean: number | null,
  sd: number | null,
  n: number,
): MeanWithInterval {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a count, got ${n}`);
  if (n === 0 || mean === null) return { mean: null, lower: null, upper: null, n };
  if (n < 2 || sd === null) return { mean, lower: null, upper: null, n };
  const half = (tCritical95(n - 1) * sd) / Math.sqrt(n);
  return { mean, lower: mean - half, upper: mean + half, n };
}
