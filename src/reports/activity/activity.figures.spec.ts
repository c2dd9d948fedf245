import { loadLpSolver, type LpSolver } from '../statistics/lp-solver';
import { publishActivity } from './activity.figures';
import type { ActivityMonthRow, ActivitySummaryRow } from './activity.sql';

const SUMMARY: ActivitySummaryRow = {
  people_contacted: 12,
  placed_cases: 6,
  median_sessions: 3,
  mean_sessions: 3.4,
  first_contact_n: 9,
  median_days_to_first_contact: 4.25,
};

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

const publish = (months: ActivityMonthRow[], summary: Partial<ActivitySummaryRow> = {}) =>
  publishActivity(
    {
      period: { from: '2026-01-01', to: '2026-03-31' },
      threshold: 5,
      generatedAt: new Date('2026-04-01T09:00:00Z'),
      months,
      summary: { ...SUMMARY, ...summary },
    },
    solver,
  );

describe('publishActivity', () => {
  it('publishes large counts with contacts per person, the did-not-attend rate and medians', () => {
    const a = publish([
      { month: '2026-01', contacts: 20, appointments: 10, did_not_attend: 5 },
      { month: '2026-02', contacts: 16, appointments: 10, did_not_attend: 5 },
    ]);
    expect(a).toMatchObject({
      contacts: 36,
      peopleContacted: 12,
      contactsPerPerson: 3,
      appointments: 20,
      didNotAttend: 10,
      sessionsBeforeFirstGroupPlace: { cases: 6, median: 3, mean: 3.4 },
      daysToFirstContact: { n: 9, median: 4.3 },
      suppressed: [],
    });
    expect(a.didNotAttendRate.status).toBe('shown');
    expect(a.didNotAttendRate.value).toBeCloseTo(0.5);
    expect(a.didNotAttendRate.lower).toBeLessThan(0.5);
  });

  it('hides a small month and another beside it, so neither is the total less the rest', () => {
    const a = publish([
      // One attended appointment in January and March (each also a contact), ten in February.
      { month: '2026-01', contacts: 3, appointments: 10, did_not_attend: 9 },
      { month: '2026-02', contacts: 30, appointments: 10, did_not_attend: 0 },
      { month: '2026-03', contacts: 12, appointments: 10, did_not_attend: 9 },
    ]);
    expect(a.trend.map((m) => m.contacts)).toEqual([null, 30, null]);
    expect(a.contacts).toBe(45);
    expect(a.suppressed).toEqual([
      { row: '2026-01', measure: 'contacts' },
      { row: '2026-03', measure: 'contacts' },
    ]);
  });

  it('hides a month’s did-not-attend when its appointments are hidden, and the rate with its parts', () => {
    const a = publish([
      { month: '2026-01', contacts: 10, appointments: 2, did_not_attend: 0 },
      { month: '2026-02', contacts: 10, appointments: 2, did_not_attend: 1 },
    ]);
    expect(a.trend.map((m) => [m.appointments, m.didNotAttend])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(a.appointments).toBeNull();
    expect(a.didNotAttendRate.status).toBe('suppressed');
    expect(a.didNotAttendRate.value).toBeNull();
  });

  it('withholds medians and ratios that rest on fewer cases than the threshold', () => {
    const a = publish([{ month: '2026-01', contacts: 8, appointments: 0, did_not_attend: 0 }], {
      people_contacted: 2,
      placed_cases: 3,
      first_contact_n: 0,
    });
    expect(a.peopleContacted).toBeNull();
    expect(a.contactsPerPerson).toBeNull();
    expect(a.sessionsBeforeFirstGroupPlace).toEqual({ cases: null, median: null, mean: null });
    expect(a.daysToFirstContact).toEqual({ n: 0, median: null });
    expect(a.didNotAttendRate.status).toBe('not_applicable');
  });
});
