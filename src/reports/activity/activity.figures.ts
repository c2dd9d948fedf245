import type { LinearRelation, Relation } from '../statistics/intruder-model';
import type { LpSolver } from '../statistics/lp-solver';
import { protectCounts, type ProtectionOptions } from '../statistics/protected-suppression';
import { publishedRate, type PublishedRate } from '../statistics/report-suppression';
import type {
  ActivityCasesRow,
  ActivityMonthRow,
  ActivitySummaryRow,
  FirstContactFigures,
} from './activity.sql';

export type ActivityMeasure =
  | 'contacts'
  | 'peopleContacted'
  | 'appointments'
  | 'didNotAttend'
  | 'placedCases'
  | 'firstContactN';

export interface ActivityMonth {
  month: string;
  contacts: number | null;
  appointments: number | null;
  didNotAttend: number | null;
}

export interface ActivityFigures {
  report: 'activity';
  period: { from: string; to: string };
  threshold: number;
  generatedAt: string;
  /** Contacts recorded in the period, and the people they were with. */
  contacts: number | null;
  peopleContacted: number | null;
  contactsPerPerson: number | null;
  /** Cases first given a group place in the period, and the one-to-one sessions before it. */
  sessionsBeforeFirstGroupPlace: {
    cases: number | null;
    median: number | null;
    mean: number | null;
  };
  /** Appointments in the period whose outcome is recorded, and those the person did not attend. */
  appointments: number | null;
  didNotAttend: number | null;
  didNotAttendRate: PublishedRate;
  /** Referrals received in the period with a first contact, and the median days to it. */
  daysToFirstContact: { n: number | null; median: number | null };
  trend: ActivityMonth[];
  suppressed: { row: string; measure: ActivityMeasure }[];
  notes: string[];
}

/** appointments − did-not-attend − contacts ≤ 0. */
const attendedAtMostContacts = (
  appointments: number,
  didNotAttend: number,
  contacts: number,
): LinearRelation => ({
  kind: 'linear',
  terms: [
    [appointments, 1],
    [didNotAttend, -1],
    [contacts, -1],
  ],
  atMost: 0,
});

const round = (v: number | null, places: number) =>
  v === null ? null : Number(Number(v).toFixed(places));

/** The activity's figures before suppression, as read from the database. */
export interface ActivityInput {
  period: { from: string; to: string };
  threshold: number;
  generatedAt: Date;
  months: ActivityMonthRow[];
  summary: ActivitySummaryRow;
}

/** The activity read beside the service-access report: all but the days to first contact. */
export interface ActivityCasesInput extends Omit<ActivityInput, 'summary'> {
  summary: ActivityCasesRow;
}

/** The activity's figures completed with days to first contact read elsewhere. */
export const withFirstContact = (
  input: ActivityCasesInput,
  firstContact: FirstContactFigures,
): ActivityInput => ({ ...input, summary: { ...input.summary, ...firstContact } });

/**
 * Publishes the activity figures under the same disclosure control as every report, protection
 * intervals with an audit (`protectCounts`): counts from 1 to threshold − 1 are hidden, and
 * further counts until every hidden one keeps a range at least the threshold wide given what is
 * published — the months of a measure add up to its total, a month's did-not-attend count is at
 * most its appointments, its attended appointments (the rest) are at most its contacts, and the
 * people contacted are at most the contacts. A rate, a ratio or a median is shown only when what
 * it is made of is shown and counts at least the threshold.
 */
export function publishActivity(
  input: ActivityInput,
  solver: LpSolver,
  options: ProtectionOptions = {},
): ActivityFigures {
  const { months, summary, threshold } = input;
  const n = months.length;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  // Counts in order: each monthly measure's months then its total, then the single counts.
  const monthly: { measure: ActivityMeasure; values: number[] }[] = [
    { measure: 'contacts', values: months.map((m) => m.contacts) },
    { measure: 'appointments', values: months.map((m) => m.appointments) },
    { measure: 'didNotAttend', values: months.map((m) => m.did_not_attend) },
  ];
  const counts = monthly.flatMap((m) => [...m.values, sum(m.values)]);
  const at = (measure: number, month: number) => measure * (n + 1) + month;
  const singles: { measure: ActivityMeasure; value: number }[] = [
    { measure: 'peopleContacted', value: summary.people_contacted },
    { measure: 'placedCases', value: summary.placed_cases },
    { measure: 'firstContactN', value: summary.first_contact_n },
  ];
  const singleAt = counts.length;
  counts.push(...singles.map((s) => s.value));
  const relations: Relation[] = [
    ...monthly.map((_, m) => ({
      kind: 'sum' as const,
      members: months.map((__, i) => at(m, i)),
      total: at(m, n),
    })),
    ...Array.from({ length: n + 1 }, (_, i) => ({
      kind: 'atMost' as const,
      parts: [at(2, i)],
      whole: at(1, i),
    })),
    { kind: 'atMost', parts: [singleAt], whole: at(0, n) },
    // An attended appointment is recorded as a contact at its start (AppointmentService
    // .recordOutcome), so it falls in the same month: appointments − did-not-attend ≤ contacts.
    // A tie the data does not keep (appointments marked attended outside the app) is left out
    // rather than failing the report.
    ...Array.from({ length: n + 1 }, (_, i) =>
      attendedAtMostContacts(at(1, i), at(2, i), at(0, i)),
    ).filter((r) => r.terms.reduce((s, [c, k]) => s + k * counts[c], 0) <= r.atMost),
  ];
  const protection = protectCounts({ counts, relations }, threshold, solver, options);
  const hidden = protection.unprotected.length > 0 ? counts.map(() => true) : protection.hidden;
  const suppressed: ActivityFigures['suppressed'] = [];
  const shown = (i: number, measure: ActivityMeasure, row: string) => {
    if (!hidden[i]) return counts[i];
    suppressed.push({ row, measure });
    return null;
  };
  const [contacts, appointments, didNotAttend] = monthly.map(({ measure }, m) =>
    Array.from({ length: n + 1 }, (_, i) =>
      shown(at(m, i), measure, i < n ? months[i].month : 'totals'),
    ),
  );
  const [people, placed, firstContactN] = singles.map((s, k) =>
    shown(singleAt + k, s.measure, 'totals'),
  );
  const total = n;
  const contactsTotal = contacts[total];
  const enough = (n: number | null) => n !== null && n >= threshold;

  return {
    report: 'activity',
    period: input.period,
    threshold,
    generatedAt: input.generatedAt.toISOString(),
    contacts: contactsTotal,
    peopleContacted: people,
    contactsPerPerson:
      contactsTotal !== null && people !== null && people > 0
        ? round(contactsTotal / people, 1)
        : null,
    sessionsBeforeFirstGroupPlace: {
      cases: placed,
      median: enough(placed) ? round(summary.median_sessions, 1) : null,
      mean: enough(placed) ? round(summary.mean_sessions, 1) : null,
    },
    appointments: appointments[total],
    didNotAttend: didNotAttend[total],
    didNotAttendRate: publishedRate(didNotAttend[total], appointments[total]),
    daysToFirstContact: {
      n: firstContactN,
      median: enough(firstContactN) ? round(summary.median_days_to_first_contact, 1) : null,
    },
    trend: months.map((m, i) => ({
      month: m.month,
      contacts: contacts[i],
      appointments: appointments[i],
      didNotAttend: didNotAttend[i],
    })),
    suppressed,
    notes: activityNotes(threshold),
  };
}

export function activityNotes(threshold: number): string[] {
  return [
    'Contacts: contacts recorded on cases (calls, visits, messages, one-to-one sessions, attended appointments) that happened in the period; tries at reaching a person before their referral was accepted are not counted.',
    'Contacts per person: contacts divided by the number of people they were with.',
    'Sessions before the first group place: for each case whose first group place (a placement a group accepted) came in the period, the one-to-one contacts before it (face to face, phone, video, home visit or drop-in; not texts or emails). Median and mean over those cases.',
    'Did-not-attend rate: of the appointments in the period whose outcome is recorded, the share the person did not attend, with a 95% Wilson interval. Cancelled appointments and those without an outcome are left out.',
    'Days from referral to first contact: for referrals received in the period, the median days until the person was first reached (a successful contact attempt, or the first contact recorded on the case).',
    `Disclosure control: protection intervals with an audit (as tau-Argus does). Counts from 1 to ${threshold - 1} are shown as [c], and further counts are suppressed until every suppressed one could, given the totals and the other months, be any of at least ${threshold + 1} whole numbers — a linear programme checks each one. Medians and rates are shown only when they rest on at least ${threshold} cases.`,
  ];
}
