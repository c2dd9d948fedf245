import type { PersonDetails } from '../casework/person.types';
import { ukDate } from '../common/uk-date';
import type {
  NeedsDomain,
  ReferralChannel,
  ReferralDeclineReason,
  ReferralStatus,
  Urgency,
} from '../common/vocabulary';
import type { ContactAttemptView } from './contact-attempt.views';
import type { Referral } from './referral.entity';
import type { ConsentGiver, StoredDuplicate } from './referral.types';

/** The answer to a successful intake, kept verbatim for idempotent replays. */
export interface CreatedReferral {
  id: string;
  reference: string;
  status: 'received';
  receivedAt: string;
}

export interface ReferralOutcome {
  result: 'accepted' | 'declined';
  reason: ReferralDeclineReason | null;
  at: string;
}

/** All a referrer ever sees of a referral: where it is, never the case (closed loop). */
export interface ReferrerReferralView {
  id: string;
  reference: string;
  status: ReferralStatus;
  receivedAt: string;
  updatedAt: string;
  outcome: ReferralOutcome | null;
}

/** What link workers and admins see while triaging. */
export interface StaffReferralView extends ReferrerReferralView {
  /** The service the referral was routed to. */
  serviceId: string;
  channel: ReferralChannel;
  organisationId: string | null;
  referrerName: string | null;
  referrerContact: string | null;
  personId: string;
  person: PersonDetails;
  reasons: NeedsDomain[];
  summary: string | null;
  urgency: Urgency;
  consent: {
    referralDiscussed: boolean;
    date: string;
    shareWithProviders: boolean;
    givenBy: ConsentGiver;
    recordedById: string | null;
  };
  possibleDuplicates: StoredDuplicate[];
  assignedLinkWorkerId: string | null;
  assignedAt: string | null;
  firstContactAt: string | null;
  acceptedAt: string | null;
  caseId: string | null;
  declinedAt: string | null;
  declineReason: ReferralDeclineReason | null;
  declineNote: string | null;
  contactAttempts?: ContactAttemptView[];
}

/** A row of the triage list: no free text, and only what is needed of the person. */
export type StaffReferralListItem = Omit<
  StaffReferralView,
  'person' | 'summary' | 'declineNote' | 'contactAttempts'
> & {
  person: Pick<PersonDetails, 'givenName'> & {
    familyName: string | null;
    preferredLanguage: string | null;
    interpreterNeeded: boolean | null;
    /** Whole years today (UK date), from the date of birth as referred; null when none was given. */
    age: number | null;
  };
  /** Whole days from receipt to acceptance or decline, or to today while it waits. */
  waitedDays: number;
};

/** Whole years between a date of birth and a UK date, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string | null | undefined, today: string): number | null {
  if (!dateOfBirth || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) return null;
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** Whole UK calendar days from one instant to another. */
export function daysBetween(from: Date, to: Date): number {
  const day = (d: Date) => Date.parse(`${ukDate(d)}T00:00:00Z`);
  return Math.max(0, Math.round((day(to) - day(from)) / 86_400_000));
}

export const iso = (d: Date | null) => d?.toISOString() ?? null;

export function outcomeOf(r: Referral): ReferralOutcome | null {
  if (r.status === 'accepted' && r.acceptedAt)
    return { result: 'accepted', reason: null, at: r.acceptedAt.toISOString() };
  if (r.status === 'declined' && r.declinedAt)
    return { result: 'declined', reason: r.declineReason, at: r.declinedAt.toISOString() };
  return null;
}

export function toReferrerView(r: Referral): ReferrerReferralView {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    receivedAt: r.receivedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    outcome: outcomeOf(r),
  };
}

/** A triage list row; the person's details come in decrypted from the service. */
export function toStaffListItem(
  r: Referral,
  person: PersonDetails,
  now = new Date(),
): StaffReferralListItem {
  return {
    ...toReferrerView(r),
    serviceId: r.serviceId,
    channel: r.channel,
    organisationId: r.organisationId,
    referrerName: r.referrerName,
    referrerContact: r.referrerContact,
    personId: r.personId,
    person: {
      givenName: person.givenName,
      familyName: person.familyName ?? null,
      preferredLanguage: person.preferredLanguage ?? null,
      interpreterNeeded: person.interpreterNeeded ?? null,
      age: ageOn(person.dateOfBirth, ukDate(now)),
    },
    waitedDays: daysBetween(r.receivedAt, r.acceptedAt ?? r.declinedAt ?? now),
    reasons: r.reasons,
    urgency: r.urgency,
    consent: {
      referralDiscussed: r.consentReferralDiscussed,
      date: r.consentDate,
      shareWithProviders: r.consentShareWithProviders,
      givenBy: r.consentGivenBy,
      recordedById: r.consentRecordedById,
    },
    possibleDuplicates: r.possibleDuplicates,
    assignedLinkWorkerId: r.assignedLinkWorkerId,
    assignedAt: iso(r.assignedAt),
    firstContactAt: iso(r.firstContactAt),
    acceptedAt: iso(r.acceptedAt),
    caseId: r.caseId,
    declinedAt: iso(r.declinedAt),
    declineReason: r.declineReason,
  };
}

/** The full view, with the decrypted free text. */
export function toStaffView(
  r: Referral,
  decrypted: { person: PersonDetails; summary: string | null; declineNote: string | null },
): StaffReferralView {
  return {
    ...toStaffListItem(r, decrypted.person),
    person: decrypted.person,
    summary: decrypted.summary,
    declineNote: decrypted.declineNote,
  };
}
