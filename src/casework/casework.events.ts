/**
 * Events casework publishes for higher modules (placements) to act on. Handlers run inside the
 * publishing transaction when given its EntityManager (emitInTurn awaits them), so a crisis that
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

/**
 * Data protection: a person is being erased (by request or by retention). Modules that keep
 * details about the person clear them inside the erasing transaction (`manager`). It is emitted
 * before casework clears the person, so a listener can still read what it must keep in a
 * generalised form (referrals freeze their report facts).
 */
export const PERSON_ERASING = 'casework.person.erasing';

export interface PersonErasingEvent {
  personId: string;
  manager: EntityManager;
}

/**
 * Data protection: a subject access export is being assembled. Each module that keeps records
 * about the person answers with its own section (handlers' return values are collected).
 */
export const PERSON_EXPORTING = 'casework.person.exporting';

export interface PersonExportingEvent {
  personId: string;
  manager: EntityManager;
}

export interface PersonExportSection {
  /** The key the records appear under in the export, e.g. `referrals`. */
  section: string;
  records: unknown[];
}

/**
 * Cases changed link worker (reassignment, one case or a leaver's caseload). Modules that keep the
 * case's link worker beside their own records (placements, the referral that opened the case)
 * follow, inside the reassigning transaction.
 */
export const CASES_REASSIGNED = 'casework.cases.reassigned';

export interface CasesReassignedEvent {
  caseIds: string[];
  toLinkWorkerId: string;
  actorId: string;
  manager: EntityManager;
}

/**
 * Two records turned out to be one person: `mergedPersonId` is merged into `keptPersonId`.
 * Modules that keep rows by person (referrals, placements, texts) move them to the kept person
 * inside the merging transaction (`manager`); both people are locked until it ends.
 */
export const PERSON_MERGING = 'casework.person.merging';

export interface PersonMergingEvent {
  mergedPersonId: string;
  keptPersonId: string;
  actorId: string;
  manager: EntityManager;
}

/**
 * Two people flagged as possible duplicates are not the same person: modules that show the flag
 * (referrals) stop showing it, inside the dismissing transaction.
 */
export const PERSON_DUPLICATE_DISMISSED = 'casework.person.duplicate_dismissed';

export interface PersonDuplicateDismissedEvent {
  personId: string;
  otherPersonId: string;
  manager: EntityManager;
}
