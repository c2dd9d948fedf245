import type { ContactMethod, ContactOutcome } from './referral.types';

export interface ContactAttemptView {
  id: string;
  referralId: string;
  method: ContactMethod;
  outcome: ContactOutcome;
  note: string | null;
  actorId: string;
  attemptedAt: string;
}
