import type { EntityManager } from 'typeorm';

/**
 * Published when a contact is recorded on a case, in its transaction, so the referral that opened
 * the case can note when the person was first reached (reports' days to first contact).
 */
export const CASE_CONTACT_RECORDED = 'casework.contact.recorded';

export interface CaseContactRecordedEvent {
  caseId: string;
  referralId: string | null;
  at: Date;
  manager: EntityManager;
}
