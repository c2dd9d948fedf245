import { countCell, NOT_APPLICABLE, SUPPRESSED, toCsv, type CsvValue } from '../output/csv-writer';
import type { ActivityFigures } from './activity.figures';

const figure = (value: number | null, shown: boolean): CsvValue =>
  !shown ? SUPPRESSED : value === null ? NOT_APPLICABLE : value;

/** The activity figures as measure/value lines, then contacts and appointments by month. */
export function activityCsv(a: ActivityFigures): string {
  const rate = a.didNotAttendRate;
  const rateShown = rate.status !== 'suppressed';
  return toCsv(
    ['section', 'measure', 'value', 'lower', 'upper'],
    [
      ['total', 'contacts', countCell(a.contacts), null, null],
      ['total', 'people_contacted', countCell(a.peopleContacted), null, null],
      [
        'total',
        'contacts_per_person',
        figure(a.contactsPerPerson, a.contacts !== null && a.peopleContacted !== null),
        null,
        null,
      ],
      ['total', 'cases_first_placed', countCell(a.sessionsBeforeFirstGroupPlace.cases), null, null],
      [
        'total',
        'median_sessions_before_first_group_place',
        figure(
          a.sessionsBeforeFirstGroupPlace.median,
          a.sessionsBeforeFirstGroupPlace.cases !== null,
        ),
        null,
        null,
      ],
      ['total', 'appointments_with_outcome', countCell(a.appointments), null, null],
      ['total', 'did_not_attend', countCell(a.didNotAttend), null, null],
      [
        'total',
        'did_not_attend_rate',
        figure(rate.value, rateShown),
        rateShown ? rate.lower : null,
        rateShown ? rate.upper : null,
      ],
      [
        'total',
        'median_days_to_first_contact',
        figure(a.daysToFirstContact.median, a.daysToFirstContact.n !== null),
        null,
        null,
      ],
      ...a.trend.flatMap((m) => [
        [`month ${m.month}`, 'contacts', countCell(m.contacts), null, null],
        [`month ${m.month}`, 'appointments_with_outcome', countCell(m.appointments), null, null],
        [`month ${m.month}`, 'did_not_attend', countCell(m.didNotAttend), null, null],
      ]),
    ],
  );
}
