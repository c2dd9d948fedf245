import { createHash } from 'node:crypto';
import { CheapestPerturbation } from './cheapest-perturbation';
import { assertRelationsHold, membersOf, publicLowerBounds, type Relation } from './intruder-model';
import { OutOfWork, WorkBudget, type LpSolver } from './lp-solver';
import { ProtectionAudit } from './protection-audit';
import { assertCount, assertThreshold } from './suppression';

export interface ProtectionInput {
  /** Every count one response publishes, true values. */
  readonly counts: readonly number[];
  /** Every tie between them a reader knows of. */
  readonly relations: readonly Relation[];
  /** Non-zero counts to hide whatever their size (many needs of a few people); zeros are shown. */
  readonly alsoHidden?: readonly boolean[];
  /**
   * Counts that are not of people (a group's places): never hidden for being small, but hidden
   * where that protects a count of people tied to them (reserved ≤ places).
   */
  readonly notPeople?: readonly boolean[];
}

export interface Protection {
  /** One per count: true when it is published as suppressed. */
  readonly hidden: readonly boolean[];
  /**
   * Hidden counts whose range could not be made the threshold wide, because nothing left to hide
   * would widen it. Empty for counts tied only by sums and funnels; a report that still gets
   * one must not publish.
   */
  readonly unprotected: readonly number[];
  /**
   * True when the method ran out of its work budget and everything was suppressed instead (always
   * safe: a reader could add referrals to any figure). The report should say the breakdown is too sparse
   * to publish at this threshold and suggest fewer breakdowns or a longer period.
   */
  readonly gaveUp: boolean;
}

export interface ProtectionOptions {
  /**
   * The solver work (simplex iterations, and branch-and-bound nodes at a fixed price) the method
   * may spend before everything is suppressed instead. Counted, not timed, so that the same tables
   * always get the same suppression, however loaded the machine.
   */
  readonly workLimit?: number;
  /**
   * A last-resort safety against a solver that stalls: after this many milliseconds everything is
   * suppressed. Set far beyond what the work limit allows, so that no report should reach it.
   */
  readonly timeLimitMs?: number;
}

/**
 * The last few results, per solver (in the app, one solver and so one set for the process, every
 * service's reports). The same input always gets the same suppression (the work is counted, not
 * timed), so a report shown and then downloaded, or shown again, is protected once while it is
 * among the last 16 tables protected: on the demo a two-way breakdown takes seconds of solving.
 */
const recentResults = new WeakMap<LpSolver, Map<string, Protection>>();
const RECENT_RESULTS = 16;

/** Keeps `result` as the most recent, forgetting the oldest beyond RECENT_RESULTS. */
function remember(recent: Map<string, Protection>, key: string, result: Protection): void {
  recent.delete(key);
  recent.set(key, result);
  if (recent.size > RECENT_RESULTS) recent.delete(recent.keys().next().value as string);
}

/**
 * Enough for a two-way breakdown of a few thousand referrals with every funnel stage (the demo's
 * channel × migrant status takes about 160,000); about ten seconds of solving on a small server.
 */
export const DEFAULT_WORK_LIMIT = 250_000;
const SAFETY_TIME_LIMIT_MS = 120_000;

/**
 * Protection-interval suppression with an audit, after tau-Argus: every hidden count's feasible
 * range — over all tables of whole numbers consistent with everything published (the shown
 * counts, every relation, and what the rules say about hidden counts) — is at least `threshold`
 * wide (max − min ≥ threshold).
 *
 * 1. Counts from 1 to threshold − 1 are hidden, and `alsoHidden` non-zero counts.
 * 2. The parts of a hidden whole (later funnel stages) are hidden whatever their value, and the
 *    zero members of a hidden total, so that neither shows what a small group is made of.
 * 3. The audit (`ProtectionAudit`): for each hidden count, a linear programme finds the integer
 *    tables consistent with what is published that push it highest and lowest. Those two tables
 *    are the proof.
 * 4. Secondary suppression by cost (`CheapestPerturbation`): where a count's two tables are less
 *    than `threshold` apart, the cheapest set of shown non-zero counts whose hiding lets a table
 *    move it far enough is hidden, and the count is audited again.
 *
 * Secondary suppression never hides a zero, so the rules stay what `publicLowerBounds` says.
 */
export function protectCounts(
  input: ProtectionInput,
  threshold: number,
  solver: LpSolver,
  options: ProtectionOptions = {},
): Protection {
  // Checked before the kept results are looked in, so that bad input is refused every time.
  assertThreshold(threshold);
  input.counts.forEach((c) => assertCount(c));
  assertRelationsHold(input.counts, input.relations);
  const recent = recentResults.get(solver) ?? new Map<string, Protection>();
  recentResults.set(solver, recent);
  const key = createHash('sha256')
    .update(
      JSON.stringify(
        [
          threshold,
          options.workLimit ?? null,
          options.timeLimitMs ?? null,
          input.counts,
          input.relations,
          input.alsoHidden ?? null,
          input.notPeople ?? null,
        ],
        // JSON writes Infinity and NaN alike as null; a bound of either must not share a key.
        (_, value: unknown) =>
          typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
      ),
    )
    .digest('base64');
  let result = recent.get(key);
  if (result === undefined) {
    const { protection, timedOut } = protect(input, threshold, solver, options);
    // A result cut short by the clock is safe but not the tables' own: it is not kept.
    if (timedOut) return protection;
    result = protection;
  }
  remember(recent, key, result);
  // Copies, so that a caller cannot change what the next one is given.
  return {
    hidden: [...result.hidden],
    unprotected: [...result.unprotected],
    gaveUp: result.gaveUp,
  };
}

/**
 * The method itself (see protectCounts), on input already checked; `timedOut` when the safety
 * time limit cut it short.
 */
function protect(
  input: ProtectionInput,
  threshold: number,
  solver: LpSolver,
  options: ProtectionOptions,
): { protection: Protection; timedOut: boolean } {
  const { counts, relations } = input;
  const deadline = Date.now() + (options.timeLimitMs ?? SAFETY_TIME_LIMIT_MS);
  const work = new WorkBudget(options.workLimit ?? DEFAULT_WORK_LIMIT);
  const everything = { hidden: counts.map(() => true), unprotected: [], gaveUp: true };
  const outOfTime = { protection: everything, timedOut: true };
  const hidden = counts.map(
    (c, i) =>
      (c >= 1 && c < threshold && input.notPeople?.[i] !== true) ||
      (c > 0 && input.alsoHidden?.[i] === true),
  );
  const totals = new Set(relations.flatMap((r) => (r.kind === 'sum' ? [r.total] : [])));
  const relationsOf = counts.map((): Relation[] => []);
  for (const r of relations) for (const c of membersOf(r)) relationsOf[c].push(r);
  const shownZeros = new Set<number>();
  close(hidden, counts, relations, shownZeros);
  if (!hidden.some(Boolean)) {
    return { protection: { hidden, unprotected: [], gaveUp: false }, timedOut: false };
  }

  const cap = 2 * Math.max(0, ...counts) + 2 * threshold;
  const audit = new ProtectionAudit(counts, relations, hidden, threshold, solver, work);
  const perturbation = new CheapestPerturbation(counts, relations, threshold, cap, solver, work);
  const unprotected: number[] = [];
  try {
    // In passes: every pending count is audited against the same hidden set; then, exposed count
    // by exposed count, the cheapest counts to hide are chosen against the hidden set as it grows
    // (so that one choice can serve several exposed counts), and the counts are audited again.
    let pending = hidden.flatMap((h, i) => (h ? [i] : []));
    while (pending.length > 0) {
      const exposed: number[] = [];
      for (const count of pending) {
        if (Date.now() > deadline) return outOfTime;
        if (!audit.protects(count)) exposed.push(count);
      }
      if (exposed.length === 0) break;
      const before = hidden.slice();
      const retry: number[] = [];
      let hiddenThisPass = 0;
      for (const count of exposed) {
        if (Date.now() > deadline) return outOfTime;
        const lower = publicLowerBounds(hidden, relations);
        const cheapest = perturbation.cheapest(count, audit.reached(count), hidden, lower);
        if (cheapest === undefined && counts[count] === 0 && audit.determined(count)) {
          // A zero hidden with its total that what is published pins at 0 anyway: showing it
          // tells nothing, and no hiding could widen it.
          hidden[count] = false;
          shownZeros.add(count);
          continue;
        }
        const chosen = cheapest ?? [];
        if (chosen.length === 0 && hiddenThisPass > 0) {
          // What was hidden for another count may be enough: the next audit will tell.
          retry.push(count);
          continue;
        }
        if (chosen.length === 0) {
          // The relaxation reaches far enough but whole-number tables do not (or nothing shown
          // could help): widen by the nearest shown count, as a last resort.
          const next = nearestVisible(count, counts, hidden, relationsOf, totals);
          if (next === undefined) {
            unprotected.push(count);
            continue;
          }
          chosen.push(next);
        }
        for (const c of chosen) hidden[c] = true;
        close(hidden, counts, relations, shownZeros);
        hiddenThisPass += chosen.length;
        retry.push(count);
      }
      audit.changed();
      pending = [...retry, ...hidden.flatMap((h, i) => (h && !before[i] ? [i] : []))];
    }
  } catch (error) {
    if (error instanceof OutOfWork) return { protection: everything, timedOut: false };
    throw error;
  } finally {
    audit.close();
    perturbation.close();
  }
  return { protection: { hidden, unprotected, gaveUp: false }, timedOut: false };
}

/**
 * Rule 2, until nothing changes; except that a zero a shown zero pins (a part of a whole shown
 * as 0, a member of a total shown as 0), or one the audit found pinned (`shownZeros`), stays
 * shown: it tells nothing a reader does not know.
 */
function close(
  hidden: boolean[],
  counts: readonly number[],
  relations: readonly Relation[],
  shownZeros: ReadonlySet<number>,
): void {
  let pinned = new Set<number>();
  const hideZero = (m: number) => {
    if (hidden[m] || pinned.has(m)) return false;
    return (hidden[m] = true);
  };
  for (let changed = true; changed;) {
    changed = false;
    pinned = new Set(shownZeros);
    for (const r of relations) {
      if (r.kind === 'linear') continue;
      const [members, whole] = r.kind === 'sum' ? [r.members, r.total] : [r.parts, r.whole];
      if (counts[whole] === 0 && !hidden[whole]) for (const m of members) pinned.add(m);
    }
    for (const r of relations) {
      if (r.kind === 'atMost' && hidden[r.whole]) {
        for (const p of r.parts) {
          if (counts[p] === 0 ? hideZero(p) : !hidden[p] && (hidden[p] = true)) changed = true;
        }
      }
      if (r.kind === 'sum' && hidden[r.total]) {
        for (const m of r.members) if (counts[m] === 0 && hideZero(m)) changed = true;
      }
    }
  }
}

/** The smallest count, members before totals, earlier before later. */
function smallest(
  candidates: readonly number[],
  counts: readonly number[],
  totals: ReadonlySet<number>,
): number | undefined {
  return [...candidates].sort(
    (a, b) => counts[a] - counts[b] || +totals.has(a) - +totals.has(b) || a - b,
  )[0];
}

/**
 * The visible non-zero count to hide for an exposed one: the smallest tied to it by a relation,
 * else the smallest tied to the hidden counts it is tied to, and so on outwards.
 */
function nearestVisible(
  start: number,
  counts: readonly number[],
  hidden: readonly boolean[],
  relationsOf: readonly Relation[][],
  totals: ReadonlySet<number>,
): number | undefined {
  const seen = new Set([start]);
  let frontier = [start];
  while (frontier.length > 0) {
    const candidates = new Set<number>();
    const next: number[] = [];
    for (const c of frontier) {
      for (const r of relationsOf[c]) {
        for (const m of membersOf(r)) {
          if (seen.has(m)) continue;
          seen.add(m);
          if (!hidden[m] && counts[m] > 0) candidates.add(m);
          else if (hidden[m]) next.push(m);
        }
      }
    }
    const best = smallest([...candidates], counts, totals);
    if (best !== undefined) return best;
    frontier = next;
  }
  return undefined;
}
