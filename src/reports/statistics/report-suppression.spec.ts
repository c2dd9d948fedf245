import { publishedRate, suppressReportRows, type CountRow } from './report-suppression';

type Measure = 'referrals' | 'accepted' | 'placed' | 'attended' | 'completed';
const MEASURES: readonly Measure[] = ['referrals', 'accepted', 'placed', 'attended', 'completed'];

const row = (migrantStatus: string | null, ...n: number[]): CountRow<Measure> => ({
  key: { migrantStatus },
  counts: { referrals: n[0], accepted: n[1], placed: n[2], attended: n[3], completed: n[4] },
});

describe('suppressReportRows', () => {
  const rows = [
    row('uk_born', 40, 30, 20, 15, 10),
    row('refugee', 12, 9, 3, 2, 0),
    row('asylum_seeker', 25, 20, 11, 8, 6),
    row(null, 4, 4, 4, 3, 1),
  ];

  it('suppresses each measure as a line of its own', () => {
    const result = suppressReportRows(rows, MEASURES, 5);
    expect(result.rows.map((r) => r.counts)).toEqual([
      { referrals: 40, accepted: 30, placed: 20, attended: 15, completed: 10 },
      // 12 and 9 hide the not-recorded 4s; 3 and 2 are small themselves; 0 stays visible.
      { referrals: null, accepted: null, placed: null, attended: null, completed: 0 },
      // 6 hides the not-recorded 1 (the zero above cannot).
      { referrals: 25, accepted: 20, placed: 11, attended: 8, completed: null },
      { referrals: null, accepted: null, placed: null, attended: null, completed: null },
    ]);
    expect(result.rows.map((r) => r.key)).toEqual(rows.map((r) => r.key));
    expect(result.totals).toEqual({
      referrals: 81,
      accepted: 63,
      placed: 38,
      attended: 28,
      completed: 17,
    });
  });

  it('names every suppressed cell with its reason, row by row', () => {
    const { suppressed } = suppressReportRows(rows, MEASURES, 5);
    expect(suppressed).toEqual([
      { row: { migrantStatus: 'refugee' }, measure: 'referrals', reason: 'secondary' },
      { row: { migrantStatus: 'refugee' }, measure: 'accepted', reason: 'secondary' },
      { row: { migrantStatus: 'refugee' }, measure: 'placed', reason: 'primary' },
      { row: { migrantStatus: 'refugee' }, measure: 'attended', reason: 'primary' },
      { row: { migrantStatus: 'asylum_seeker' }, measure: 'completed', reason: 'secondary' },
      { row: { migrantStatus: null }, measure: 'referrals', reason: 'primary' },
      { row: { migrantStatus: null }, measure: 'accepted', reason: 'primary' },
      { row: { migrantStatus: null }, measure: 'placed', reason: 'primary' },
      { row: { migrantStatus: null }, measure: 'attended', reason: 'primary' },
      { row: { migrantStatus: null }, measure: 'completed', reason: 'primary' },
    ]);
  });

  it('hides small totals and names them as the totals row', () => {
    const result = suppressReportRows([row('refugee', 3, 2, 0, 0, 0)], MEASURES, 5);
    expect(result.totals).toEqual({
      referrals: null,
      accepted: null,
      placed: 0,
      attended: 0,
      completed: 0,
    });
    expect(result.suppressed).toContainEqual({
      row: 'totals',
      measure: 'referrals',
      reason: 'primary',
    });
    expect(result.suppressed).toHaveLength(4);
  });

  it('shows zero totals for an empty report', () => {
    const result = suppressReportRows([], MEASURES, 5);
    expect(result.rows).toEqual([]);
    expect(result.totals.referrals).toBe(0);
    expect(result.suppressed).toEqual([]);
  });

  it('follows a configured threshold', () => {
    const result = suppressReportRows(rows, ['referrals'], 13);
    expect(result.rows.map((r) => r.counts.referrals)).toEqual([40, null, 25, null]);
    expect(result.suppressed.map((s) => s.reason)).toEqual(['primary', 'primary']);
  });

  it('uses given totals when rows overlap (people with several needs)', () => {
    const needs: CountRow<'referrals'>[] = [
      { key: { need: 'housing' }, counts: { referrals: 30 } },
      { key: { need: 'money' }, counts: { referrals: 3 } },
    ];
    const result = suppressReportRows(needs, ['referrals'], 5, { referrals: 31 });
    expect(result.rows.map((r) => r.counts.referrals)).toEqual([null, null]);
    expect(result.totals.referrals).toBe(31);
  });
});

describe('publishedRate', () => {
  it('gives the rate with its Wilson interval', () => {
    const rate = publishedRate(81, 263);
    expect(rate.status).toBe('shown');
    expect(rate.value).toBeCloseTo(0.307985, 6);
    expect(rate.lower).toBeCloseTo(0.255289, 6);
    expect(rate.upper).toBeCloseTo(0.36621, 6);
  });

  it('is suppressed with its numerator or its denominator', () => {
    const hidden = { status: 'suppressed', value: null, lower: null, upper: null };
    expect(publishedRate(null, 40)).toEqual(hidden);
    expect(publishedRate(20, null)).toEqual(hidden);
    expect(publishedRate(null, null)).toEqual(hidden);
  });

  it('is not applicable with no denominator', () => {
    expect(publishedRate(0, 0)).toEqual({
      status: 'not_applicable',
      value: null,
      lower: null,
      upper: null,
    });
  });

  it('shows a zero numerator', () => {
    expect(publishedRate(0, 10)).toMatchObject({ status: 'shown', value: 0, lower: 0 });
  });
});
