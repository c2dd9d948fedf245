import { feasibleRanges, narrowerThan } from '../../../test/support/intruder';
import { unmetNeedIntruderView } from '../../../test/support/unmet-need-intruder';
import { loadLpSolver, type LpSolver } from '../statistics/lp-solver';
import { buildUnmetNeed, UNMET_MEASURES, type UnmetNeedReport } from './unmet-need.service';

/**
 * The unmet-need report of the demo's two years of synthetic referrals (the statement's rows, as
 * the demo database gave them): needs by domain, by language and by area over the same totals.
 * Each row: table, key, then needs, unmet and the three reasons, then the people behind each.
 */
const DEMO: readonly (readonly [string, string, ...number[]])[] = [
  ['domain', 'caring_responsibilities', 273, 273, 273, 0, 0, 273, 273, 273, 0, 0],
  ['domain', 'culture_faith', 275, 275, 275, 0, 0, 275, 275, 275, 0, 0],
  ['domain', 'digital_transport', 244, 244, 244, 0, 0, 244, 244, 244, 0, 0],
  ['domain', 'education', 266, 266, 266, 0, 0, 266, 266, 266, 0, 0],
  ['domain', 'employment', 267, 267, 267, 0, 0, 267, 267, 267, 0, 0],
  ['domain', 'food', 273, 99, 0, 87, 12, 273, 99, 0, 87, 12],
  ['domain', 'healthcare_access', 281, 281, 281, 0, 0, 281, 281, 281, 0, 0],
  ['domain', 'housing', 231, 231, 231, 0, 0, 231, 231, 231, 0, 0],
  ['domain', 'immigration_legal', 267, 267, 267, 0, 0, 267, 267, 267, 0, 0],
  ['domain', 'language', 284, 0, 0, 0, 0, 284, 0, 0, 0, 0],
  ['domain', 'mental_health', 259, 0, 0, 0, 0, 259, 0, 0, 0, 0],
  ['domain', 'money', 241, 82, 0, 68, 14, 241, 82, 0, 68, 14],
  ['domain', 'physical_health', 274, 93, 0, 93, 0, 274, 93, 0, 93, 0],
  ['domain', 'safety', 283, 283, 283, 0, 0, 283, 283, 283, 0, 0],
  ['domain', 'social_connection', 249, 0, 0, 0, 0, 249, 0, 0, 0, 0],
  ['domain', 'volunteering_skills', 261, 103, 0, 88, 15, 261, 103, 0, 88, 15],
  ['totals', '', 4228, 2764, 2387, 336, 41, 2371, 1942, 1777, 312, 40],
  ['language', 'ar', 295, 211, 163, 48, 0, 175, 149, 127, 47, 0],
  ['language', 'en', 2454, 1429, 1393, 0, 36, 1374, 1053, 1034, 0, 35],
  ['language', 'fa', 135, 112, 83, 29, 0, 73, 71, 61, 28, 0],
  ['language', 'ku', 160, 133, 93, 40, 0, 86, 80, 65, 34, 0],
  ['language', 'pa', 119, 99, 65, 34, 0, 67, 64, 49, 31, 0],
  ['language', 'pl', 156, 94, 86, 8, 0, 83, 69, 64, 8, 0],
  ['language', 'ps', 114, 95, 74, 21, 0, 65, 59, 53, 19, 0],
  ['language', 'ro', 138, 87, 73, 10, 4, 85, 65, 58, 10, 4],
  ['language', 'so', 122, 98, 70, 28, 0, 66, 64, 50, 26, 0],
  ['language', 'ti', 150, 120, 80, 40, 0, 82, 78, 58, 38, 0],
  ['language', 'uk', 135, 106, 68, 38, 0, 74, 67, 51, 31, 0],
  ['language', 'ur', 124, 83, 75, 7, 1, 72, 60, 57, 7, 1],
  ['language', 'zh', 126, 97, 64, 33, 0, 69, 63, 50, 33, 0],
  ['area', 'Broxtowe', 361, 240, 205, 27, 8, 203, 171, 155, 27, 8],
  ['area', 'Gedling', 355, 238, 202, 34, 2, 200, 165, 150, 31, 2],
  ['area', 'Nottingham', 2818, 1838, 1586, 226, 26, 1576, 1282, 1172, 206, 25],
  ['area', 'Rushcliffe', 177, 121, 105, 14, 2, 102, 87, 81, 14, 2],
  ['area', 'unknown', 517, 327, 289, 35, 3, 290, 237, 219, 34, 3],
];

/** The demo's domains no offerable group serves: every need in them is unmet for that reason. */
const UNCOVERED = DEMO.filter(
  ([table, , needs, , noGroup]) => table === 'domain' && needs === noGroup,
).map(([, domain]) => domain);

const raw = DEMO.map(([table, key, ...n]) => ({
  g_domain: table === 'domain' ? 0 : 1,
  g_language: table === 'language' ? 0 : 1,
  g_area: table === 'area' ? 0 : 1,
  domain: table === 'domain' ? key : null,
  language: table === 'language' ? key : null,
  area: table === 'area' ? key : null,
  ...Object.fromEntries(UNMET_MEASURES.map((m, i) => [m, n[i]])),
  ...Object.fromEntries(UNMET_MEASURES.map((m, i) => [`people_${m}`, n[5 + i]])),
})) as unknown as Parameters<typeof buildUnmetNeed>[0];

/** Rows of the statement from table, key and the five measures, one need per person. */
const rowsOf = (rows: readonly (readonly [string, string, ...number[]])[]) =>
  rows.map(([table, key, ...n]) => ({
    g_domain: table === 'domain' ? 0 : 1,
    g_language: table === 'language' ? 0 : 1,
    g_area: table === 'area' ? 0 : 1,
    domain: table === 'domain' ? key : null,
    language: table === 'language' ? key : null,
    area: table === 'area' ? key : null,
    ...Object.fromEntries(UNMET_MEASURES.map((m, i) => [m, n[i]])),
    ...Object.fromEntries(UNMET_MEASURES.map((m, i) => [`people_${m}`, n[i]])),
  })) as unknown as Parameters<typeof buildUnmetNeed>[0];

let solver: LpSolver;
let report: UnmetNeedReport;
beforeAll(async () => {
  solver = await loadLpSolver();
  report = buildUnmetNeed(raw, { from: '2024-11-25', to: '2026-12-05' }, 5, new Date(), solver);
});

describe("unmet need on the demo's referrals", () => {
  it('keeps the totals published, suppressing a few inner counts instead', () => {
    expect(report.totals).toEqual({
      needs: 4228,
      unmet: 2764,
      noGroupForNeed: 2387,
      noGroupInLanguage: 336,
      noGroupAtLevel: 41,
    });
    expect(report.suppressed.length).toBeLessThanOrEqual(20);
  });

  it('leaves every suppressed count a range at least the threshold wide, given the whole report', async () => {
    const ranges = await feasibleRanges(unmetNeedIntruderView(report, UNCOVERED));
    expect(ranges.size).toBe(report.suppressed.length);
    expect(narrowerThan(ranges, 5)).toEqual([]);
  });

  it('names the method in its notes', () => {
    expect(report.notes.join(' ')).toContain(
      'protection intervals with an audit (as tau-Argus does)',
    );
  });
});

describe('the order of the rows', () => {
  it('is code-point order, not the machine’s collation, so the suppression is the same anywhere', () => {
    const reversed = jest.spyOn(String.prototype, 'localeCompare').mockImplementation(function (
      this: string,
      that: string,
    ) {
      return this < that ? 1 : this > that ? -1 : 0;
    });
    try {
      const again = buildUnmetNeed(
        [...raw].reverse(),
        { from: '2024-11-25', to: '2026-12-05' },
        5,
        new Date(report.generatedAt),
        solver,
      );
      expect(again).toEqual(report);
    } finally {
      reversed.mockRestore();
    }
    expect(report.byArea.map((r) => r.key.area)).toEqual([
      'Broxtowe',
      'Gedling',
      'Nottingham',
      'Rushcliffe',
      'unknown',
    ]);
  });
});

describe('a domain no group serves', () => {
  it('is known to be unmet for that reason, need by need, and the suppression allows for it', async () => {
    // Food is served (20 needs, 6 unmet for want of a group in Tigrinya), housing is not (7
    // needs, every one unmet for want of a group), social connection only below the level needed
    // (2). A reader of the directory knows which domains no group serves: there, no group for
    // need = needs; in every other domain it is 0. Hiding housing's 7 for no group while its 7
    // needs are shown would hide nothing.
    const report = buildUnmetNeed(
      rowsOf([
        ['domain', 'food', 20, 6, 0, 6, 0],
        ['domain', 'housing', 7, 7, 7, 0, 0],
        ['domain', 'social_connection', 2, 2, 0, 0, 2],
        ['language', 'en', 23, 9, 7, 0, 2],
        ['language', 'ti', 6, 6, 0, 6, 0],
        ['area', 'unknown', 29, 15, 7, 6, 2],
        ['totals', '', 29, 15, 7, 6, 2],
      ]),
      { from: '2026-01-01', to: '2026-12-31' },
      5,
      new Date('2027-01-01T09:00:00Z'),
      solver,
    );
    expect(report.suppressed.length).toBeGreaterThan(0);
    const ranges = await feasibleRanges(unmetNeedIntruderView(report, ['housing']));
    expect(ranges.size).toBe(report.suppressed.length);
    expect(narrowerThan(ranges, 5)).toEqual([]);
  });
});
