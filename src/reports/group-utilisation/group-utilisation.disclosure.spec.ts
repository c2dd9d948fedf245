import { feasibleRanges, narrowerThan, type IntruderView } from '../../../test/support/intruder';
import { loadLpSolver, type LpSolver } from '../statistics/lp-solver';
import {
  buildGroupUtilisation,
  DECLINE_MEASURES,
  UTILISATION_MEASURES,
  type GroupUtilisationReport,
  type UtilisationMeasure,
} from './group-utilisation.service';

/** Groups with their activity types, capacity now and the offers of the period. */
function group(
  id: string,
  types: string[],
  places: number,
  counts: Partial<Record<UtilisationMeasure, number>>,
) {
  return {
    id,
    name: `Group ${id}`,
    activity_types: types,
    places,
    ...Object.fromEntries(UTILISATION_MEASURES.map((m) => [m, counts[m] ?? 0])),
  } as Parameters<typeof buildGroupUtilisation>[0][number];
}

const GROUPS = [
  group('a', ['walking'], 20, {
    reserved: 14,
    waitlisted: 6,
    offered: 30,
    accepted: 22,
    declined: 7,
    declined_no_capacity: 5,
    declined_person_declined: 2,
  }),
  group('b', ['walking', 'arts'], 12, {
    reserved: 9,
    waitlisted: 2,
    offered: 14,
    accepted: 10,
    declined: 3,
    declined_no_capacity: 1,
    declined_other: 2,
  }),
  // Three places, two reserved: shown, the places would say the hidden reserved is 1 to 3.
  group('d', ['arts'], 3, { reserved: 2, offered: 6, accepted: 6 }),
  group('c', ['arts'], 15, {
    reserved: 11,
    waitlisted: 0,
    offered: 18,
    accepted: 12,
    declined: 6,
    declined_no_capacity: 6,
  }),
];

/**
 * What a reader can write down about the published report, from its meaning: the groups add up
 * to the totals, each activity type is its groups added up, the decline reasons add up to the
 * declines, accepted and declined offers are at most the offers made; a suppressed count is at
 * least 1 unless a total, type or whole it belongs to is suppressed too.
 */
function intruderView(report: GroupUtilisationReport): IntruderView {
  const rows = [
    ...report.groups.map((r) => ({
      name: `group/${GROUPS.findIndex((g) => g.id === r.key.groupId)}`,
      r,
    })),
    ...report.activityTypes.map((r) => ({ name: `type/${r.key.activityType}`, r })),
    { name: 'totals', r: report.totals },
  ];
  const shown = (name: string, m: UtilisationMeasure) =>
    rows.find((x) => x.name === name)?.r.counts[m] ?? null;
  const places = rows.map(({ name, r }) => ({
    name: `${name}:places`,
    value: r.places,
    // Places are shown whatever their size: a suppressed figure may be 0 or more.
    atLeast: 0,
  }));
  const typesOf = (i: number) => GROUPS[i].activity_types.map((t) => `type/${t}`);
  const wholes = (m: UtilisationMeasure): UtilisationMeasure[] =>
    (DECLINE_MEASURES as readonly string[]).includes(m)
      ? ['declined']
      : m === 'accepted' || m === 'declined'
        ? ['offered']
        : [];
  return {
    cells: [
      ...places,
      ...rows.flatMap(({ name, r }) =>
        UTILISATION_MEASURES.map((m) => {
          const totals = name.startsWith('group/')
            ? ['totals', ...typesOf(Number(name.split('/')[1]))]
            : [];
          const mayBeZero =
            totals.some((t) => shown(t, m) === null) ||
            wholes(m).some((w) => shown(name, w) === null);
          const value = r.counts[m];
          return { name: `${name}:${m}`, value, atLeast: value === null && !mayBeZero ? 1 : 0 };
        }),
      ),
    ],
    equations: [...UTILISATION_MEASURES, 'places' as const]
      .flatMap((m) => [
        { plus: GROUPS.map((_, i) => `group/${i}:${m}`), minus: [`totals:${m}`] },
        ...report.activityTypes.map((t) => ({
          plus: GROUPS.flatMap((g, i) =>
            g.activity_types.includes(t.key.activityType) ? [`group/${i}:${m}`] : [],
          ),
          minus: [`type/${t.key.activityType}:${m}`],
        })),
      ])
      .concat(
        rows.map(({ name }) => ({
          plus: DECLINE_MEASURES.map((m) => `${name}:${m}`),
          minus: [`${name}:declined`],
        })),
      ),
    inequalities: rows.flatMap(({ name }) => [
      { small: [`${name}:accepted`, `${name}:declined`], large: [`${name}:offered`] },
      { small: [`${name}:reserved`], large: [`${name}:places`] },
    ]),
  };
}

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

it('leaves every suppressed count of group utilisation a range at least the threshold wide', async () => {
  const report = buildGroupUtilisation(
    GROUPS,
    { from: '2026-01-01', to: '2026-03-31' },
    5,
    new Date('2026-04-01T09:00:00Z'),
    solver,
  );
  expect(report.suppressed.length).toBeGreaterThan(0);
  const ranges = await feasibleRanges(intruderView(report));
  expect(narrowerThan(ranges, 5)).toEqual([]);
  expect(report.notes.join(' ')).toContain(
    'protection intervals with an audit (as tau-Argus does)',
  );
});

/** A collation unlike any machine's: every comparison reversed. */
function reversedCollation() {
  return jest.spyOn(String.prototype, 'localeCompare').mockImplementation(function (
    this: string,
    that: string,
  ) {
    return this < that ? 1 : this > that ? -1 : 0;
  });
}

it('publishes the same report whatever order the groups come in and whatever the locale', () => {
  const build = (groups: typeof GROUPS) =>
    buildGroupUtilisation(
      groups,
      { from: '2026-01-01', to: '2026-03-31' },
      5,
      new Date('2026-04-01T09:00:00Z'),
      solver,
    );
  const report = build(GROUPS);
  // Shown by name, in code-point order.
  expect(report.groups.map((g) => g.key.group)).toEqual([
    'Group a',
    'Group b',
    'Group c',
    'Group d',
  ]);
  expect(report.activityTypes.map((t) => t.key.activityType)).toEqual(['arts', 'walking']);
  const collation = reversedCollation();
  try {
    expect(build([...GROUPS].reverse())).toEqual(report);
    expect(build([GROUPS[2], GROUPS[0], GROUPS[3], GROUPS[1]])).toEqual(report);
  } finally {
    collation.mockRestore();
  }
  // Ids are random: the same groups under other ids are suppressed alike.
  const ids = ['d', 'c', 'b', 'a'];
  const relabelled = build(GROUPS.map((g, i) => ({ ...g, id: ids[i] })));
  const byName = (r: GroupUtilisationReport) => r.groups.map((g) => [g.key.group, g.counts]);
  expect(byName(relabelled)).toEqual(byName(report));
  expect(relabelled.totals).toEqual(report.totals);
});
