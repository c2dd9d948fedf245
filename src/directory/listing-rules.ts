import { ukDate } from '../common/uk-date';

/** A listing not confirmed for this many months shows as unconfirmed, and its coordinator is reminded. */
export const CONFIRMATION_DUE_MONTHS = 6;
/** A listing not confirmed for this many months is no longer offered or published. */
export const LISTING_LAPSE_MONTHS = 9;

export const LISTING_STATUSES = ['confirmed', 'unconfirmed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export interface ListingState {
  /** `unconfirmed` from the 6-month mark on (a lapsed listing is unconfirmed too). */
  listingStatus: ListingStatus;
  /** From the 9-month mark on: not offerable and gone from the Open Referral feed. */
  listingLapsed: boolean;
  /** The UK date from which the listing shows as unconfirmed (YYYY-MM-DD). */
  confirmationDueOn: string;
  /** The UK date from which the listing is no longer offered (YYYY-MM-DD). */
  listingLapsesOn: string;
}

/**
 * The same day of the month, `months` later, on the calendar: 31 August plus 6 months is the last
 * day of February, as people count months.
 */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const index = month - 1 + months;
  const y = year + Math.floor(index / 12);
  const m = ((index % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return `${y}-${String(m + 1).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/**
 * Where a listing stands on the confirmation schedule. Counted in UK calendar dates: confirmed at
 * any time on 15 March, it is unconfirmed from the first moment of 15 September in the UK and
 * lapses from the first moment of 15 December.
 */
export function listingState(lastConfirmedAt: Date, now: Date): ListingState {
  const confirmedOn = ukDate(lastConfirmedAt);
  const today = ukDate(now);
  const confirmationDueOn = addMonths(confirmedOn, CONFIRMATION_DUE_MONTHS);
  const listingLapsesOn = addMonths(confirmedOn, LISTING_LAPSE_MONTHS);
  return {
    listingStatus: today >= confirmationDueOn ? 'unconfirmed' : 'confirmed',
    listingLapsed: today >= listingLapsesOn,
    confirmationDueOn,
    listingLapsesOn,
  };
}
