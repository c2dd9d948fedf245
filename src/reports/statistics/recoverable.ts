const EPSILON = 1e-9;

/**
 * Which unknowns a reader could solve for exactly, given linear equations whose
 * coefficients over the unknowns are `coefficients` (one row per equation; the known
 * terms do not matter). Unknown j is fixed iff every null-space vector is zero at j.
 * Ignores the non-negativity of counts, so it finds exact recovery, not narrow bounds.
 */
export function determinedUnknowns(
  coefficients: readonly (readonly number[])[],
  unknownCount: number,
): number[] {
  const m = coefficients.map((row) => Array.from({ length: unknownCount }, (_, j) => row[j] ?? 0));
  const pivotRowOf = new Map<number, number>();
  let row = 0;
  for (let col = 0; col < unknownCount && row < m.length; col++) {
    const pivot = m.findIndex((r, i) => i >= row && Math.abs(r[col]) > EPSILON);
    if (pivot === -1) continue;
    [m[row], m[pivot]] = [m[pivot], m[row]];
    const scale = m[row][col];
    m[row] = m[row].map((v) => v / scale);
    for (let i = 0; i < m.length; i++) {
      const factor = m[i][col];
      if (i === row || Math.abs(factor) <= EPSILON) continue;
      m[i] = m[i].map((v, j) => v - factor * m[row][j]);
    }
    pivotRowOf.set(col, row);
    row++;
  }
  const free = Array.from({ length: unknownCount }, (_, j) => j).filter((j) => !pivotRowOf.has(j));
  const determined: number[] = [];
  for (const [col, r] of pivotRowOf) {
    if (free.every((f) => Math.abs(m[r][f]) <= EPSILON)) determined.push(col);
  }
  return determined.sort((a, b) => a - b);
}
