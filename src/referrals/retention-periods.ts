import type { RetentionConfig } from '../config/configuration';

export const RETENTION_KINDS = ['declined_referral', 'undecided_referral', 'closed_case'] as const;
/**
 * Why a person's details are due for anonymisation: a declined referral, a referral never
 * accepted or declined and left untouched, or a closed case, each past its retention period.
 */
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** Records from before these moments are past their retention period. */
export interface RetentionCutoffs {
  declinedReferral: Date;
  undecidedReferral: Date;
  closedCase: Date;
}

/**
 * The same moment `months` calendar months earlier (UTC), on the last day of the month when that
 * month is shorter: 31 March less one month is 28 or 29 February, never 3 March.
 */
export function monthsBefore(moment: Date, months: number): Date {
  const target = new Date(moment.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(moment.getUTCDate(), lastDay));
  return target;
}

export function retentionCutoffs(periods: RetentionConfig, now: Date): RetentionCutoffs {
  return {
    declinedReferral: monthsBefore(now, periods.declinedReferralMonths),
    undecidedReferral: monthsBefore(now, periods.undecidedReferralMonths),
    closedCase: monthsBefore(now, periods.closedCaseMonths),
  };
}
