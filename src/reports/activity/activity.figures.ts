import { suppressLinked } from '../statistics/linked-suppression';
import { primaryReason } from '../statistics/suppression';
import { publishedRate, type PublishedRate } from '../statistics/report-suppression';
import type { ActivityMonthRow, ActivitySummaryRow } from './activity.sql';

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

const round = (v: number | null, places: number) =>
  v === null ? null : Number(Number(v).toFixed(places));

/**
 * Publishes the activity figures under the same disclosure rules as every report: counts from 1
 * to threshold − 1 are hidden; the months of a measure sum to its total, so they are suppressed
 * together (secondary suppression, checked for exact recovery); a month whose appointments are
 * hidden hides its did-not-attend count too (a stage of the same count), and a rate, a ratio or
 * a median is shown only when what it is made of is shown and counts at least the threshold.
 */
export function publishActivity(input: {
  period: { from: string; to: string };
  threshold: number;
  generatedAt: Date;
  months: ActivityMonthRow[];
  summary: ActivitySummaryRow;
}): ActivityFigures {
  const { months, summary, threshold } = input;
  const suppressed: ActivityFigures['suppressed'] = [];
  const line = (values: number[]) => ({
    members: values.slice(0, -1).map((_, i) => i),
    total: values.length - 1,
  });
  const column = (
    measure: ActivityMeasure,
    values: number[],
    alsoHidden: boolean[] = [],
  ): (number | null)[] => {
    const all = [...values, values.reduce((a, b) => a + b, 0)];
    const reasons = suppressLinked(all, [line(all)], threshold, alsoHidden);
    reasons.forEach((r, i) => {
      if (r) suppressed.push({ row: i < values.length ? months[i].month : 'totals', measure });
    });
    return all.map((v, i) => (reasons[i] === null ? v : null));
  };

  const contacts = column(
    'contacts',
    months.map((m) => m.contacts),
  );
  const appointments = column(
    'appointments',
    months.map((m) => m.appointments),
  );
  const didNotAttend = column(
    'didNotAttend',
    months.map((m) => m.did_not_attend),
    appointments.map((v) => v === null),
  );
  const single = (measure: ActivityMeasure, count: number): number | null => {
    if (primaryReason(count, threshold) === null) return count;
    suppressed.push({ row: 'totals', measure });
    return null;
  };
  const total = months.length;
  const contactsTotal = contacts[total];
  const people = single('peopleContacted', summary.people_contacted);
  const placed = single('placedCases', summary.placed_cases);
  const firstContactN = single('firstContactN', summary.first_contact_n);
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
    `Counts from 1 to ${threshold - 1} are shown as [c], and so is any figure that would let one be worked out; medians and rates are shown only when they rest on at least ${threshold} cases.`,
  ];
}
