/** Two-sided 95% critical values of Student's t for 1 to 29 degrees of freedom. */
const T_95: readonly number[] = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788,
  2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639,
  2.0595, 2.0555, 2.0518, 2.0484, 2.0452,
];

const Z_95 = 1.96;

/** The t critical value while the table covers the degrees of freedom, the normal one beyond. */
export function tCritical95(degreesOfFreedom: number): number {
  if (!Number.isSafeInteger(degreesOfFreedom) || degreesOfFreedom < 1) {
    throw new RangeError(`degrees of freedom must be a positive integer, got ${degreesOfFreedom}`);
  }
  return T_95[degreesOfFreedom - 1] ?? Z_95;
}

export function median(values: readonly number[]): number | null {
  assertFinite(values);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface MeanWithInterval {
  readonly mean: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly n: number;
}

/** Mean with a 95% confidence interval from the sample standard deviation. */
export function meanWithInterval(values: readonly number[]): MeanWithInterval {
  assertFinite(values);
  const n = values.length;
  if (n === 0) return { mean: null, lower: null, upper: null, n };
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  if (n < 2) return { mean, lower: null, upper: null, n };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  const half = (tCritical95(n - 1) * Math.sqrt(variance)) / Math.sqrt(n);
  return { mean, lower: mean - half, upper: mean + half, n };
}

function assertFinite(values: readonly number[]): void {
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`values must be finite numbers, got ${bad}`);
}
