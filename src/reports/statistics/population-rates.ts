/**
 * Population rates as OHID Fingertips computes them (Fingertips public health technical guidance,
 * "Rates" and "Confidence intervals"; the same formulas as UKHSA's PHEindicatormethods package).
 */

/** qnorm(0.975), to full precision: the published reference figures use it. */
export const Z_95_EXACT = 1.959963984540054;

export type CountMethod = 'byar' | 'exact';

export interface CountInterval {
  readonly lower: number;
  readonly upper: number;
  readonly method: CountMethod;
}

export interface RateWithInterval {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
  readonly method: CountMethod;
}

/** Below this many events the exact (χ²) limits are used, above it Byar's approximation. */
export const BYAR_MINIMUM_COUNT = 10;

/**
 * 95% limits for an observed Poisson count: Byar's approximation for 10 events or more, the exact
 * limits (through the link between the Poisson and χ² distributions) below 10, as the guidance says.
 */
export function poissonCountInterval(observed: number): CountInterval {
  assertCount(observed, 'observed');
  if (observed >= BYAR_MINIMUM_COUNT) return { ...byarInterval(observed), method: 'byar' };
  return { ...exactPoissonInterval(observed), method: 'exact' };
}

/** Byar's approximation to the Poisson limits (Breslow and Day, 1987). */
export function byarInterval(
  observed: number,
  z: number = Z_95_EXACT,
): { lower: number; upper: number } {
  const o = observed;
  const lower = o === 0 ? 0 : o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3;
  const upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3;
  return { lower, upper };
}

/**
 * Exact Poisson limits: χ²(α/2; 2O)/2 and χ²(1−α/2; 2O+2)/2, found as the means μ at which
 * P(X ≥ O | μ) = α/2 (lower) and P(X ≤ O | μ) = α/2 (upper), by bisection on the Poisson sum.
 */
export function exactPoissonInterval(
  observed: number,
  alpha = 0.05,
): { lower: number; upper: number } {
  const o = observed;
  const lower = o === 0 ? 0 : solveDecreasing((mu) => poissonCdf(o - 1, mu), 1 - alpha / 2, o);
  const upper = solveDecreasing((mu) => poissonCdf(o, mu), alpha / 2, o + 1);
  return { lower, upper };
}

/**
 * A crude rate per `per` people (1,000 by default) with its 95% interval: the count's limits
 * divided by the population.
 */
export function crudeRate(count: number, population: number, per = 1000): RateWithInterval {
  assertCount(count, 'count');
  assertPositive(population, 'population');
  const limits = poissonCountInterval(count);
  return {
    value: (count / population) * per,
    lower: (limits.lower / population) * per,
    upper: (limits.upper / population) * per,
    method: limits.method,
  };
}

export interface RateRatio {
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * The ratio of a group's rate to the rate in the rest of the population, with its interval by the
 * conditional method: given all O₁ + O₂ events, O₁ is binomial with p = O₁/(O₁ + O₂); the Wilson
 * score limits of p, turned into odds p/(1 − p) ("Wilson score method transformed for odds" in
 * PHE's Technical Guide to confidence intervals), are scaled by n₂/n₁. Unlike the log-normal
 * interval it needs no event in either group; the ratio is null when the rest has none.
 */
export function rateRatio(
  count: number,
  population: number,
  restCount: number,
  restPopulation: number,
  z: number = Z_95_EXACT,
): RateRatio {
  assertCount(count, 'count');
  assertCount(restCount, 'restCount');
  assertPositive(population, 'population');
  assertPositive(restPopulation, 'restPopulation');
  const events = count + restCount;
  if (restCount === 0) return { value: null, lower: null, upper: null };
  const scale = restPopulation / population;
  const p = count / events;
  const z2 = z * z;
  const denominator = 1 + z2 / events;
  const centre = (p + z2 / (2 * events)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / events + z2 / (4 * events * events))) / denominator;
  const odds = (q: number) => q / (1 - q);
  return {
    value: (count / restCount) * scale,
    lower: count === 0 ? 0 : odds(Math.max(0, centre - half)) * scale,
    upper: odds(Math.min(1, centre + half)) * scale,
  };
}

/** P(X ≤ k) for X ~ Poisson(mu); k < 0 gives 0. */
function poissonCdf(k: number, mu: number): number {
  if (k < 0) return 0;
  let term = Math.exp(-mu);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= mu / i;
    sum += term;
  }
  return sum;
}

/** The μ ≥ 0 where a function decreasing in μ crosses `target`, to machine precision. */
function solveDecreasing(f: (mu: number) => number, target: number, start: number): number {
  let low = 0;
  let high = Math.max(1, start);
  while (f(high) > target) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-14 * high; i++) {
    const mid = (low + high) / 2;
    if (f(mid) > target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

function assertCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  }
}

function assertPositive(n: number, name: string): void {
  if (!(Number.isFinite(n) && n > 0)) throw new RangeError(`${name} must be positive, got ${n}`);
}
