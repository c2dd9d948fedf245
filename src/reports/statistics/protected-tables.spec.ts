import fc from 'fast-check';
import { feasibleRanges, narrowerThan, type IntruderView } from '../../../test/support/intruder';
import { loadLpSolver, type LpSolver } from './lp-solver';
import {
  crossTabCovers,
  crossTabSums,
  fullGrid,
  protectSlots,
  protectTables,
  type CrossTabSlot,
} from './protected-tables';

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

describe('fullGrid', () => {
  it('lists every combination of the categories, in order', () => {
    expect(fullGrid(['a', 'b'], { a: ['x', 'y'], b: ['1', '2', '3'] })).toEqual([
      { a: 'x', b: '1' },
      { a: 'x', b: '2' },
      { a: 'x', b: '3' },
      { a: 'y', b: '1' },
      { a: 'y', b: '2' },
      { a: 'y', b: '3' },
    ]);
  });
});

describe('crossTabSums', () => {
  const slots: CrossTabSlot[] = [
    { section: 'rows', key: { a: 'x', b: '1' } },
    { section: 'rows', key: { a: 'x', b: '2' } },
    { section: 'rows', key: { a: 'y', b: '1' } },
    { section: 'breakdowns', dimension: 'a', key: { a: 'x' } },
    { section: 'breakdowns', dimension: 'a', key: { a: 'y' } },
    { section: 'breakdowns', dimension: 'b', key: { b: '1' } },
    { section: 'breakdowns', dimension: 'b', key: { b: '2' } },
    { section: 'trend', key: { month: '2025-01' } },
    { section: 'totals', key: {} },
  ];

  it('ties margins to the total, rows to their margins, and months to the total', () => {
    expect(crossTabSums(slots, ['a', 'b'])).toEqual([
      { members: [3, 4], total: 8 },
      { members: [0, 1], total: 3 },
      { members: [2], total: 4 },
      { members: [5, 6], total: 8 },
      { members: [0, 2], total: 5 },
      { members: [1], total: 6 },
      { members: [7], total: 8 },
    ]);
  });

  it('leaves out the sums a non-additive breakdown (needs) does not have', () => {
    expect(crossTabSums(slots, ['a', 'b'], new Set(['b']))).toEqual([
      { members: [3, 4], total: 8 },
      { members: [0, 2], total: 5 },
      { members: [1], total: 6 },
      { members: [7], total: 8 },
    ]);
  });
});

describe('crossTabCovers', () => {
  const slots: CrossTabSlot[] = [
    { section: 'rows', key: { need: 'housing', channel: 'fire' } },
    { section: 'rows', key: { need: 'housing', channel: 'gp' } },
    { section: 'rows', key: { need: 'money', channel: 'fire' } },
    { section: 'rows', key: { need: 'money', channel: 'gp' } },
    { section: 'breakdowns', dimension: 'need', key: { need: 'housing' } },
    { section: 'breakdowns', dimension: 'need', key: { need: 'money' } },
    { section: 'breakdowns', dimension: 'channel', key: { channel: 'fire' } },
    { section: 'breakdowns', dimension: 'channel', key: { channel: 'gp' } },
    { section: 'totals', key: {} },
  ];

  it('has the needs cover the total, and the needs of a channel cover its margin', () => {
    expect(crossTabCovers(slots, ['need', 'channel'], new Set(['need']))).toEqual([
      { parts: [4, 5], whole: 8 },
      { parts: [0, 2], whole: 6 },
      { parts: [1, 3], whole: 7 },
    ]);
  });

  it('has the need rows cover the total on their own, and nothing without needs', () => {
    const oneWay: CrossTabSlot[] = [
      { section: 'rows', key: { need: 'housing' } },
      { section: 'rows', key: { need: 'money' } },
      { section: 'totals', key: {} },
    ];
    expect(crossTabCovers(oneWay, ['need'], new Set(['need']))).toEqual([
      { parts: [0, 1], whole: 2 },
    ]);
    expect(crossTabCovers(slots, ['need', 'channel'])).toEqual([]);
  });

  it('knows that what reached a stage but not the next, with a need, is at most that in its channel', () => {
    // Fire: 9 referrals, all accepted; housing 9 of them, money 7, whose accepted must be hidden.
    // Money's accepted is at most its 7 referrals and at least 1; but every fire referral was
    // accepted, so every money one was: 7 − accepted ≤ 9 − 9 pins it to 7. Something more must go.
    const counts = [
      { referrals: 9, accepted: 9 },
      { referrals: 7, accepted: 7 },
      { referrals: 9, accepted: 9 },
    ];
    const { published } = protectSlots(
      counts.map((c, i) => ({ counts: c, alsoHidden: i === 1 ? { accepted: true } : {} })),
      ['referrals', 'accepted'],
      [],
      [{ parts: ['accepted'], whole: 'referrals', exact: false }],
      5,
      solver,
      { covers: [{ parts: [0, 1], whole: 2 }] },
    );
    expect(published[1].accepted).toBeNull();
    expect(
      published.flatMap((p) => [p.referrals, p.accepted]).filter((v) => v === null).length,
    ).toBeGreaterThan(1);
  });
});

/**
 * Unmet need's shape: one-way tables (by domain, by language) over the same totals; in each row
 * the three reasons add up to unmet, and unmet is at most needs.
 */
const MEASURES = ['needs', 'unmet', 'noGroup', 'noLanguage', 'noLevel'] as const;
type Measure = (typeof MEASURES)[number];
const REASONS: Measure[] = ['noGroup', 'noLanguage', 'noLevel'];

const row = fc
  .tuple(
    fc.integer({ min: 0, max: 14 }),
    fc.integer({ min: 0, max: 6 }),
    fc.integer({ min: 0, max: 6 }),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([extra, noGroup, noLanguage, noLevel]) => {
    const unmet = noGroup + noLanguage + noLevel;
    return { needs: unmet + extra, unmet, noGroup, noLanguage, noLevel } as Record<Measure, number>;
  });

/** Needs spread over domains, each also given a language: both tables add up to the same totals. */
const unmetNeed = fc
  .record({
    needs: fc.array(fc.tuple(row, fc.integer({ min: 0, max: 2 })), { minLength: 2, maxLength: 4 }),
    threshold: fc.integer({ min: 3, max: 5 }),
  })
  .map(({ needs, threshold }) => {
    const languages = [0, 1, 2].map(
      (l) =>
        Object.fromEntries(
          MEASURES.map((m) => [
            m,
            needs.filter(([, lang]) => lang === l).reduce((s, [r]) => s + r[m], 0),
          ]),
        ) as Record<Measure, number>,
    );
    const totals = Object.fromEntries(
      MEASURES.map((m) => [m, needs.reduce((s, [r]) => s + r[m], 0)]),
    ) as Record<Measure, number>;
    return { domains: needs.map(([r]) => r), languages, totals, threshold };
  });

it('protects unmet need: every suppressed count keeps a range at least the threshold wide', async () => {
  await fc.assert(
    fc.asyncProperty(unmetNeed, async ({ domains, languages, totals, threshold }) => {
      const result = protectTables(
        [
          {
            name: 'domain',
            additive: true,
            rows: domains.map((counts, i) => ({ key: { domain: `d${i}` }, counts })),
          },
          {
            name: 'language',
            additive: true,
            rows: languages.map((counts, i) => ({ key: { language: `l${i}` }, counts })),
          },
        ],
        MEASURES,
        totals,
        threshold,
        solver,
        [{ parts: REASONS, whole: 'unmet' }],
        undefined,
        [{ part: 'unmet', whole: 'needs' }],
      );
      expect(result.unprotected).toEqual([]);
      // The intruder's view, from the report's meaning.
      const rows = [
        ...result.tables[0].rows.map((r, i) => ({ name: `domain/${i}`, shown: r.counts })),
        ...result.tables[1].rows.map((r, i) => ({ name: `language/${i}`, shown: r.counts })),
        { name: 'totals', shown: result.totals },
      ];
      const hidden = (name: string, m: Measure) =>
        rows.find((r) => r.name === name)?.shown[m] === null;
      const view: IntruderView = {
        cells: rows.flatMap((r) =>
          MEASURES.map((m) => {
            // A suppressed figure may be zero where its table total, or its row's unmet (for a
            // reason) or needs (for unmet) is suppressed; elsewhere zeros are shown.
            const mayBeZero =
              (r.name !== 'totals' && hidden('totals', m)) ||
              (REASONS.includes(m) && hidden(r.name, 'unmet')) ||
              (m === 'unmet' && hidden(r.name, 'needs'));
            return { name: `${r.name}:${m}`, value: r.shown[m], atLeast: mayBeZero ? 0 : 1 };
          }),
        ),
        equations: [
          ...MEASURES.flatMap((m) => [
            { plus: domains.map((_, i) => `domain/${i}:${m}`), minus: [`totals:${m}`] },
            { plus: languages.map((_, i) => `language/${i}:${m}`), minus: [`totals:${m}`] },
          ]),
          ...rows.map((r) => ({
            plus: REASONS.map((m) => `${r.name}:${m}`),
            minus: [`${r.name}:unmet`],
          })),
        ],
        inequalities: rows.map((r) => ({ small: [`${r.name}:unmet`], large: [`${r.name}:needs`] })),
      };
      expect(narrowerThan(await feasibleRanges(view), threshold)).toEqual([]);
    }),
    { numRuns: 25, seed: 7 },
  );
});
