/**
 * What the case's one contact history needs from referrals. Before a referral is accepted, its
 * link worker's tries at reaching the person are recorded on the referral (referrals owns them);
 * after acceptance, contacts are recorded on the case (casework owns them). Referrals uses
 * casework, never the reverse, so casework declares this port and referrals provides it (a
 * @Global provider bound to REFERRAL_HISTORY). Without a provider a case shows its own contacts.
 */
import type { EntityManager } from 'typeorm';

export const REFERRAL_HISTORY = Symbol('REFERRAL_HISTORY');

/** One try at reaching the person before the referral was accepted. */
export interface EarlierContactAttempt {
  id: string;
  at: string;
  /** The referral's contact method code (phone, sms, letter, in_person, interpreter_call…). */
  method: string;
  /** reached, no_answer, left_message, wrong_number. */
  outcome: string;
  note: string | null;
  recordedBy: string;
}

export interface ReferralHistoryReader {
  /** The attempts on this referral, oldest first, read in the caller's transaction. */
  attemptsOn(referralId: string, em: EntityManager): Promise<EarlierContactAttempt[]>;
  /** Each referral's human reference (LW-2026-000123), for the calendar feed. */
  referencesOf(referralIds: readonly string[], em: EntityManager): Promise<Map<string, string>>;
}
