import type { EntityManager } from 'typeorm';

/** What retention needs to know about a person's casework. */
export interface CaseRetentionState {
  personId: string;
  /** Whether the person ever had a case (then the closed-case period governs them). */
  hadCase: boolean;
  /** When the last of their cases closed; null when they had none. */
  lastClosedAt: Date | null;
}

/**
 * Of these people, those casework may let go of: not erased already, and every case closed
 * before `closedBefore` (people without a case qualify). With `lock`, locks the people (in id
 * order), so that nobody else erases or changes them before the caller's transaction ends;
 * a closed case is read-only, so its closure date cannot move meanwhile.
 */
export async function peoplePastCaseRetention(
  em: EntityManager,
  personIds: readonly string[],
  closedBefore: Date,
  lock: boolean,
): Promise<CaseRetentionState[]> {
  if (personIds.length === 0) return [];
  if (lock)
    await em.query('SELECT id FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [
      personIds,
    ]);
  const rows: { person_id: string; had_case: boolean; last_closed_at: Date | null }[] =
    await em.query(
      `SELECT p.id AS person_id, count(c.id) > 0 AS had_case, max(c.closed_at) AS last_closed_at
         FROM person p
         LEFT JOIN support_case c ON c.person_id = p.id
        WHERE p.id = ANY($1::uuid[]) AND p.erased_at IS NULL
        GROUP BY p.id
       HAVING bool_and(c.id IS NULL OR (c.status = 'closed' AND c.closed_at < $2))`,
      [personIds, closedBefore],
    );
  return rows.map((r) => ({
    personId: r.person_id,
    hadCase: r.had_case,
    lastClosedAt: r.last_closed_at,
  }));
}
