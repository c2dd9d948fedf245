import { determinedUnknowns } from './recoverable';
import {
  assertCount,
  assertThreshold,
  primaryReason,
  secondaryCandidate,
  type LineMember,
  type SuppressionReason,
} from './suppression';

/** `total` is the sum of `members` (indexes into the counts). */
export interface SumLine {
  readonly members: readonly number[];
  readonly total: number;
}

/**
 * Suppression of any set of published counts that are linked by sums — a cross-tabulation
 * with its one-way margins, a trend by month and the grand total all at once, which is what a
 * report with several breakdowns publishes. Counts 1..threshold−1 are hidden; then any line
 * with one hidden member hides its smallest visible non-zero member until stable; then, as a
 * reader could combine several lines, hidden small counts are checked for exact recovery from
 * all the equations together and more are hidden until none can be solved.
 * `alsoHidden` marks counts to hide whatever their size (an earlier stage of the same funnel is
 * hidden, or the count is large but about a few people); like small counts, none of them may be
 * left for a reader to solve.
 * Returns each count's reason (null when published).
 */
export function suppressLinked(
  counts: readonly number[],
  lines: readonly SumLine[],
  threshold: number,
  alsoHidden: readonly boolean[] = [],
): (SuppressionReason | null)[] {
  assertThreshold(threshold);
  counts.forEach((c) => assertCount(c));
  for (const line of lines) {
    const sum = line.members.reduce((s, i) => s + counts[i], 0);
    if (sum !== counts[line.total]) {
      throw new RangeError(
        `line total ${counts[line.total]} is not the sum of its members (${sum})`,
      );
    }
  }
  const reasons = counts.map(
    (c, i) => primaryReason(c, threshold) ?? (alsoHidden[i] ? ('secondary' as const) : null),
  );
  const memberLists = lines.map((l) => [...l.members, l.total]);

  const stabilise = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const list of memberLists) {
        const members: LineMember[] = list.map((index, i) => ({
          count: counts[index],
          reason: reasons[index],
          isTotal: i === list.length - 1,
        }));
        const next = secondaryCandidate(members);
        if (next !== null) {
          reasons[list[next]] = 'secondary';
          changed = true;
        }
      }
    }
  };

  const smallestVisible = (indexes: readonly number[]): number | undefined =>
    indexes
      .filter((i) => reasons[i] === null && counts[i] > 0)
      .sort((a, b) => counts[a] - counts[b] || a - b)[0];

  const protectedCount = reasons.map((reason, i) => reason === 'primary' || !!alsoHidden[i]);
  stabilise();
  for (let exposed = recoverable(memberLists, reasons, protectedCount); exposed !== undefined;) {
    const crossing = memberLists.filter((list) => list.includes(exposed as number)).flat();
    const next = smallestVisible(crossing) ?? smallestVisible(counts.map((_, i) => i));
    if (next === undefined) break;
    reasons[next] = 'secondary';
    stabilise();
    exposed = recoverable(memberLists, reasons, protectedCount);
  }
  return reasons;
}

/** The first protected count a reader could solve for exactly, if any. */
function recoverable(
  memberLists: readonly (readonly number[])[],
  reasons: readonly (SuppressionReason | null)[],
  protectedCount: readonly boolean[],
): number | undefined {
  const unknowns = reasons.flatMap((reason, i) => (reason === null ? [] : [i]));
  if (unknowns.length === 0) return undefined;
  const column = new Map(unknowns.map((index, j) => [index, j]));
  const equations = memberLists.map((list) => {
    const coefficients = new Array<number>(unknowns.length).fill(0);
    list.forEach((index, i) => {
      const j = column.get(index);
      if (j !== undefined) coefficients[j] = i === list.length - 1 ? -1 : 1;
    });
    return coefficients;
  });
  return determinedUnknowns(equations, unknowns.length)
    .map((j) => unknowns[j])
    .find((index) => protectedCount[index]);
}
