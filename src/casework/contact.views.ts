import type { ContactMode } from '../common/vocabulary';
import type { ContactInitiator, InterpreterMode } from './casework.vocabulary';
import type { CaseContact, CaseContactAmendment } from './contact.entity';

export interface AmendmentView {
  id: string;
  note: string | null;
  writtenBy: string;
  writtenAt: string;
}

/** A contact on the case, after the referral was accepted. */
export interface ContactView {
  kind: 'contact';
  id: string;
  caseId: string;
  at: string;
  mode: ContactMode;
  initiatedBy: ContactInitiator;
  durationMinutes: number | null;
  interpreter: { language: string; mode: InterpreterMode } | null;
  /** Null for a reader who may not see case notes (a team lead). */
  note: string | null;
  noteCorrectedAt: string | null;
  amendments: AmendmentView[];
  appointmentId: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** A try at reaching the person before the referral was accepted (kept on the referral). */
export interface ReferralAttemptView {
  kind: 'referral_attempt';
  id: string;
  at: string;
  method: string;
  outcome: string;
  note: string | null;
  recordedBy: string;
}

export type ContactHistoryItem = ContactView | ReferralAttemptView;

export function contactView(
  c: CaseContact,
  amendments: CaseContactAmendment[],
  withNotes: boolean,
): ContactView {
  return {
    kind: 'contact',
    id: c.id,
    caseId: c.caseId,
    at: c.at.toISOString(),
    mode: c.mode,
    initiatedBy: c.initiatedBy,
    durationMinutes: c.durationMinutes,
    interpreter:
      c.interpreterLanguage && c.interpreterMode
        ? { language: c.interpreterLanguage, mode: c.interpreterMode }
        : null,
    note: withNotes ? c.note : null,
    noteCorrectedAt: c.noteCorrectedAt?.toISOString() ?? null,
    amendments: amendments.map((a) => ({
      id: a.id,
      note: withNotes ? a.note : null,
      writtenBy: a.writtenBy,
      writtenAt: a.writtenAt.toISOString(),
    })),
    appointmentId: c.appointmentId,
    recordedBy: c.recordedBy,
    recordedAt: c.recordedAt.toISOString(),
  };
}
