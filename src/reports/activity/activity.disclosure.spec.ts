import { feasibleRanges, narrowerThan, type IntruderView } from '../../../test/support/intruder';
import { loadLpSolver } from '../statistics/lp-solver';
import { publishActivity, type ActivityFigures } from './activity.figures';

// Every attended appointment is also a contact of its month, so attended ≤ contacts.
const MONTHS = [
  { month: '2026-01', contacts: 2, appointments: 9, did_not_attend: 7 },
  { month: '2026-02', contacts: 40, appointments: 12, did_not_attend: 6 },
  { month: '2026-03', contacts: 3, appointments: 8, did_not_attend: 5 },
];

const SUMMARY = {
  people_contacted: 3,
  placed_cases: 6,
  median_sessions: 3,
  mean_sessions: 3.4,
  first_contact_n: 9,
  median_days_to_first_contact: 4,
};

/**
 * What a reader can write down about the published figures: each measure's months add up to its
 * total, a month's did-not-attend count is at most its appointments, its attended appointments
 * (appointments less did-not-attend) are at most its contacts, since each is recorded as a contact
 * of the same month; the people contacted are at most the contacts; a suppressed count is at least 1 unless its total or its appointments are
 * suppressed too.
 */
function intruderView(a: ActivityFigures): IntruderView {
  const measures = ['contacts', 'appointments', 'didNotAttend'] as const;
  const rows = [
    ...a.trend.map((t) => ({ name: t.month, shown: t })),
    {
      name: 'totals',
      shown: { contacts: a.contacts, appointments: a.appointments, didNotAttend: a.didNotAttend },
    },
  ];
  const cell = (name: string, m: (typeof measures)[number], value: number | null) => {
    const mayBeZero =
      (name !== 'totals' && a[m] === null) ||
      (m === 'didNotAttend' && rows.find((r) => r.name === name)?.shown.appointments === null);
    return { name: `${name}:${m}`, value, atLeast: value === null && !mayBeZero ? 1 : 0 };
  };
  return {
    cells: [
      ...rows.flatMap((r) => measures.map((m) => cell(r.name, m, r.shown[m]))),
      { name: 'people', value: a.peopleContacted, atLeast: a.peopleContacted === null ? 1 : 0 },
    ],
    equations: measures.map((m) => ({
      plus: a.trend.map((t) => `${t.month}:${m}`),
      minus: [`totals:${m}`],
    })),
    inequalities: [
      ...rows.map((r) => ({
        small: [`${r.name}:didNotAttend`],
        large: [`${r.name}:appointments`],
      })),
      ...rows.map((r) => ({
        small: [`${r.name}:appointments`],
        large: [`${r.name}:contacts`, `${r.name}:didNotAttend`],
      })),
      { small: ['people'], large: ['totals:contacts'] },
    ],
  };
}

const publish = async (months: typeof MONTHS) =>
  publishActivity(
    {
      period: { from: '2026-01-01', to: `${months[months.length - 1].month}-28` },
      threshold: 5,
      generatedAt: new Date('2026-05-01T09:00:00Z'),
      months,
      summary: SUMMARY,
    },
    await loadLpSolver(),
  );

it('leaves every suppressed activity count a range at least the threshold wide', async () => {
  const figures = await publish(MONTHS);
  expect(figures.suppressed.length).toBeGreaterThan(0);
  const ranges = await feasibleRanges(intruderView(figures));
  expect(narrowerThan(ranges, 5)).toEqual([]);
  expect(figures.notes.join(' ')).toContain(
    'protection intervals with an audit (as tau-Argus does)',
  );
});

it('does not let attended appointments, shown as appointments less did-not-attend, pin hidden contacts', async () => {
  // Attended: 3, 2, 28 and 0. Without the tie, hiding March's contacts beside January's and
  // February's would do; with it, a reader knows January has at least 3 contacts, February 2 and
  // March 28, which leaves 35 − 33 = 2 to share out.
  const figures = await publish([
    { month: '2026-01', contacts: 3, appointments: 10, did_not_attend: 7 },
    { month: '2026-02', contacts: 2, appointments: 9, did_not_attend: 7 },
    { month: '2026-03', contacts: 30, appointments: 40, did_not_attend: 12 },
    { month: '2026-04', contacts: 30, appointments: 0, did_not_attend: 0 },
  ]);
  expect(figures.suppressed.length).toBeGreaterThan(0);
  const ranges = await feasibleRanges(intruderView(figures));
  expect(narrowerThan(ranges, 5)).toEqual([]);
});
