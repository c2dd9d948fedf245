/**
 * Events referrals publishes for modules above it (notifications tells the referrer). Handlers
 * run inside the publishing transaction (emitInTurn with its EntityManager), so a message is
 * queued if and only if the change commits.
 */
import type { EntityManager } from 'typeorm';
import type { ReferralDeclineReason } from '../common/vocabulary';

export const REFERRAL_RECEIVED = 'referrals.referral.received';
export const REFERRAL_ACCEPTED = 'referrals.referral.accepted';
export const REFERRAL_DECLINED = 'referrals.referral.declined';

/** Who sent a referral: the closed loop's addressee. */
export interface ReferralSender {
  referralId: string;
  reference: string;
  serviceId: string;
  /** The referring organisation (null for a self-referral). */
  organisationId: string | null;
  /** The signed-in user who sent it (null for a self-referral). */
  createdById: string | null;
}

export interface ReferralEvent extends ReferralSender {
  manager: EntityManager;
}

export interface ReferralDeclinedEvent extends ReferralEvent {
  reason: ReferralDeclineReason;
}
