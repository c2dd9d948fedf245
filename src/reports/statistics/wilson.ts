/** Two-sided 95% normal critical value. */
export const Z_95 = 1.959964;

export interface Proportion {
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export const NO_PROPORTION: Proportion = { value: null, lower: null, upper: null };

/**
 * Wilson score interval for a binomial proportion (raw, unrounded, 0..1).
 * Unlike the Wald interval it stays inside 0..1 and behaves at 0/n and n/n,
 * which is where small service counts live.
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): Proportion {
  assertCount(successes, 'successes');
  assertCount(trials, 'trials');
  if (successes > trials) {
    throw new RangeError(`successes (${successes}) exceed trials (${trials})`);
  }
  if (!(Number.isFinite(z) && z > 0)) throw new RangeError(`z must be positive, got ${z}`);
  if (trials === 0) return NO_PROPORTION;

  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // The bounds are exactly 0 and 1 at the extremes; pin them against rounding error.
  const lower = successes === 0 ? 0 : Math.max(0, centre - half);
  const upper = successes === trials ? 1 : Math.min(1, centre + half);
  return { value: p, lower, upper };
}

function assertCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  }
}
