export type SuppressionReason = 'primary' | 'secondary';

/** A count as published: `count` is null when suppressed, and `reason` says why. */
export interface SuppressedCount {
  readonly count: number | null;
  readonly reason: SuppressionReason | null;
}

/** One member of a line: cells whose sum is the line's total, plus that total. */
export interface LineMember {
  readonly count: number;
  readonly reason: SuppressionReason | null;
  /** The line's total; loses ties so that totals stay visible where possible. */
  readonly isTotal: boolean;
}

export function assertThreshold(threshold: number): void {
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  }
}

export function assertCount(count: number, name = 'count'): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${count}`);
  }
}

/** Counts from 1 to threshold − 1 are hidden; zero is shown. */
export function isPrimarySuppressed(count: number, threshold: number): boolean {
  assertCount(count);
  assertThreshold(threshold);
  return count >= 1 && count < threshold;
}

export function primaryReason(count: number, threshold: number): SuppressionReason | null {
  return isPrimarySuppressed(count, threshold) ? 'primary' : null;
}

/**
 * The member to hide next so that a line's lone suppressed member cannot be found by
 * subtraction: the smallest other visible non-zero member (cells before the total, then
 * earlier before later). Null when the line is already safe or nothing can be hidden.
 * Zeros are never hidden: hiding one protects nothing the reader could not bound anyway.
 */
export function secondaryCandidate(line: readonly LineMember[]): number | null {
  if (line.filter((m) => m.reason !== null).length !== 1) return null;
  let best: number | null = null;
  for (let i = 0; i < line.length; i++) {
    const member = line[i];
    if (member.reason !== null || member.count === 0) continue;
    if (best === null || ranksBefore(member, line[best])) best = i;
  }
  return best;
}

function ranksBefore(a: LineMember, b: LineMember): boolean {
  if (a.count !== b.count) return a.count < b.count;
  return !a.isTotal && b.isTotal;
}

export interface BreakdownCell<K extends string = string> {
  readonly key: K;
  readonly count: number;
}

export interface SuppressedBreakdown<K extends string = string> {
  readonly cells: readonly (SuppressedCount & { readonly key: K })[];
  readonly total: SuppressedCount;
}

/**
 * Primary and secondary suppression of a one-way breakdown. `total` defaults to the
 * sum of the cells; pass it when categories overlap (a person with several needs).
 */
export function suppressBreakdown<K extends string>(
  cells: readonly BreakdownCell<K>[],
  threshold: number,
  total: number = cells.reduce((sum, c) => sum + c.count, 0),
): SuppressedBreakdown<K> {
  const reasons = suppressLine(
    cells.map((c) => c.count),
    total,
    threshold,
  );
  const shown = (count: number, reason: SuppressionReason | null): SuppressedCount => ({
    count: reason === null ? count : null,
    reason,
  });
  return {
    cells: cells.map((c, i) => ({ key: c.key, ...shown(c.count, reasons[i]) })),
    total: shown(total, reasons[cells.length]),
  };
}

/** Reasons for each count, then for the total (last). */
export function suppressLine(
  counts: readonly number[],
  total: number,
  threshold: number,
): (SuppressionReason | null)[] {
  assertThreshold(threshold);
  counts.forEach((c) => assertCount(c));
  assertCount(total, 'total');
  const over = counts.find((c) => c > total);
  if (over !== undefined) throw new RangeError(`a count (${over}) exceeds its total (${total})`);

  const line: LineMember[] = [...counts, total].map((count, i) => ({
    count,
    reason: primaryReason(count, threshold),
    isTotal: i === counts.length,
  }));
  for (let next = secondaryCandidate(line); next !== null; next = secondaryCandidate(line)) {
    line[next] = { ...line[next], reason: 'secondary' };
  }
  return line.map((m) => m.reason);
}
