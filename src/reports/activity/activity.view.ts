import {
  countCell,
  notApplicableCell,
  numberCell,
  percentCell,
  suppressedCell,
  type Cell,
} from '../output/view-cells';
import type { ActivityFigures } from './activity.figures';

const monthName = (month: string) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T12:00:00Z`),
  );

/** The activity figures as rows of cells, for the printable report and the team lead's page. */
export function activityView(a: ActivityFigures) {
  const rate = a.didNotAttendRate;
  const rateCell: Cell =
    rate.status === 'suppressed'
      ? suppressedCell
      : rate.status === 'not_applicable' || rate.value === null
        ? notApplicableCell
        : {
            text: `${percentCell(rate.value).text} (${percentCell(rate.lower).text} to ${percentCell(rate.upper).text})`,
            numeric: true,
          };
  const withN = (value: number | null, n: number | null): Cell =>
    n === null ? suppressedCell : numberCell(value, 1, notApplicableCell);
  return {
    summary: [
      { label: 'Contacts', cell: countCell(a.contacts) },
      { label: 'People contacted', cell: countCell(a.peopleContacted) },
      {
        label: 'Contacts per person',
        cell:
          a.contactsPerPerson === null
            ? a.contacts === null || a.peopleContacted === null
              ? suppressedCell
              : notApplicableCell
            : numberCell(a.contactsPerPerson, 1, notApplicableCell),
      },
      {
        label: 'Cases given a first group place',
        cell: countCell(a.sessionsBeforeFirstGroupPlace.cases),
      },
      {
        label: 'One-to-one sessions before the first group place (median)',
        cell: withN(a.sessionsBeforeFirstGroupPlace.median, a.sessionsBeforeFirstGroupPlace.cases),
      },
      {
        label: 'One-to-one sessions before the first group place (mean)',
        cell: withN(a.sessionsBeforeFirstGroupPlace.mean, a.sessionsBeforeFirstGroupPlace.cases),
      },
      { label: 'Appointments with an outcome', cell: countCell(a.appointments) },
      { label: 'Did not attend', cell: countCell(a.didNotAttend) },
      { label: 'Did-not-attend rate (95% CI)', cell: rateCell },
      {
        label: 'Median days from referral to first contact',
        cell: withN(a.daysToFirstContact.median, a.daysToFirstContact.n),
      },
    ],
    trend: a.trend.map((m) => ({
      month: monthName(m.month),
      cells: [countCell(m.contacts), countCell(m.appointments), countCell(m.didNotAttend)],
    })),
    notes: a.notes,
  };
}
