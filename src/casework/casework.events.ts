/**
 * Events casework publishes for higher modules (placements) to act on. Handlers run inside the
 * publishing transaction when given its EntityManager (emitAsync awaits them), so a crisis that
 * pauses placements commits or rolls back as one.
 */
import type { EntityManager } from 'typeorm';

export const CASE_PLACEMENTS_PAUSE = 'casework.placements.pause';
export const CASE_PLACEMENTS_RESUME = 'casework.placements.resume';
export const CASE_CLOSED = 'casework.case.closed';

export interface CaseEvent {
  caseId: string;
  actorId: string;
  manager: EntityManager;
}

export interface CaseClosedEvent extends CaseEvent {
  reason: string;
}
