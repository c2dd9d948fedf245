import fc from 'fast-check';
import { feasibleRanges, narrowerThan } from '../../../test/support/intruder';
import { serviceAccessData } from '../../../test/support/service-access-arbitraries';
import {
  aggregatesOf,
  serviceAccessIntruderView,
  type Referrals,
} from '../../../test/support/service-access-intruder';
import { loadLpSolver, type LpSolver } from '../statistics/lp-solver';
import type { Dimension } from './dimensions';
import { buildServiceAccessReport } from './service-access.report';
import { emptyCompleteness } from './service-access.rows';

/**
 * Issue 19's two attacks, replayed by the intruder (test/support/intruder.ts) against the
 * service-access report as the app assembles it, with everything it publishes: rows, margins,
 * the monthly trend, the totals and every funnel stage.
 */
const THRESHOLD = 5;
const MONTHS = ['2025-01', '2025-02', '2025-03'];

function report(
  dimensions: Dimension[],
  data: Referrals[],
  workLimit?: number,
  threshold = THRESHOLD,
) {
  return buildServiceAccessReport(
    {
      dimensions,
      period: { from: '2025-01-01', to: '2025-03-31' },
      threshold,
      generatedAt: new Date('2025-04-01T09:00:00Z'),
      aggregates: aggregatesOf(dimensions, data),
      completeness: emptyCompleteness(),
    },
    solver,
    { workLimit },
  );
}

const monthly = (key: Referrals['key'], counts: number[], accepted = counts.map(() => 0)) =>
  counts.map((referrals, i) => ({ key, month: MONTHS[i], referrals, accepted: accepted[i] }));

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

describe('attack 1: a total of 37, gp_practice 17, self 17 and three hidden channels', () => {
  const data = [
    ...monthly({ channel: 'gp_practice' }, [6, 6, 5], [5, 4, 4]),
    ...monthly({ channel: 'self' }, [6, 6, 5], [4, 5, 3]),
    ...monthly({ channel: 'fire_service' }, [1, 0, 0]),
    ...monthly({ channel: 'police' }, [0, 1, 0]),
    ...monthly({ channel: 'library' }, [0, 0, 1]),
  ];

  it('no longer gives away the hidden channels: each could be any of at least six values', async () => {
    const published = report(['channel'], data);
    expect(published.totals.referrals).toBe(37);
    const ranges = await feasibleRanges(serviceAccessIntruderView(published));
    for (const channel of ['fire_service', 'police', 'library']) {
      const range = ranges.get(`row[channel=${channel}]:referrals`);
      expect(range).toBeDefined();
      expect((range?.max ?? 0) - (range?.min ?? 0)).toBeGreaterThanOrEqual(THRESHOLD);
    }
    expect(narrowerThan(ranges, THRESHOLD)).toEqual([]);
  });
});

describe('attack 2: the one fire-service referral, a refused asylum seeker', () => {
  const data = [
    ...monthly({ channel: 'gp_practice', migrantStatus: 'uk_born' }, [3, 3, 2], [2, 2, 2]),
    ...monthly({ channel: 'gp_practice', migrantStatus: 'refugee' }, [2, 2, 2], [1, 2, 1]),
    ...monthly({ channel: 'gp_practice', migrantStatus: 'asylum_seeker' }, [1, 1, 1]),
    ...monthly({ channel: 'self', migrantStatus: 'uk_born' }, [3, 3, 3], [3, 2, 2]),
    ...monthly({ channel: 'self', migrantStatus: 'refugee' }, [2, 2, 1], [1, 1, 1]),
    ...monthly({ channel: 'self', migrantStatus: 'asylum_seeker' }, [1, 1, 0]),
    ...monthly({ channel: 'self', migrantStatus: 'refused_asylum_seeker' }, [0, 0, 1]),
    ...monthly({ channel: 'fire_service', migrantStatus: 'refused_asylum_seeker' }, [1, 0, 0]),
    ...monthly({ channel: 'police', migrantStatus: 'asylum_seeker' }, [0, 1, 0]),
    ...monthly({ channel: 'library', migrantStatus: 'uk_born' }, [0, 0, 1]),
  ];

  it('lists every combination and no longer tells the fire-service referral’s status', async () => {
    const published = report(['channel', 'migrantStatus'], data);
    expect(published.rows).toHaveLength(5 * 4);
    const ranges = await feasibleRanges(serviceAccessIntruderView(published));
    const fire = (status: string) =>
      ranges.get(`row[channel=fire_service|migrantStatus=${status}]:referrals`);
    expect(fire('refused_asylum_seeker')?.min).toBe(0);
    const others = ['uk_born', 'refugee', 'asylum_seeker'].map((s) => fire(s)?.max ?? 0);
    expect(Math.max(...others)).toBeGreaterThanOrEqual(1);
    expect(narrowerThan(ranges, THRESHOLD)).toEqual([]);
  });

  it('publishes only the margins when the cross-tabulation needs more work than allowed, and says so', async () => {
    // A budget the margins fit in but the full grid does not (counted, so the same on any machine).
    const published = report(['channel', 'migrantStatus'], data, 400);
    expect(published.rows).toEqual([]);
    expect(published.totals.referrals).toBe(37);
    expect(published.notes.join(' ')).toContain('too sparse to protect within the work');
    const ranges = await feasibleRanges(serviceAccessIntruderView(published));
    expect(narrowerThan(ranges, THRESHOLD)).toEqual([]);
    // With less still, nothing is published.
    const nothing = report(['channel', 'migrantStatus'], data, 20);
    expect(nothing.totals.referrals).toBeNull();
    expect(nothing.notes.join(' ')).toContain('Every figure is suppressed');
  });

  it('names the method in the notes', () => {
    const published = report(['channel', 'migrantStatus'], data);
    expect(published.notes.join(' ')).toContain(
      'protection intervals with an audit (as tau-Argus does)',
    );
  });
});

describe('attack 3: a median beside a suppressed count of placements', () => {
  // Police's 2 placements are hidden, and a partner with them so that the total of 18 cannot
  // give them back: GP practice's 7. Days to placement is a median over the placed referrals,
  // shown only where at least the threshold of them contribute: beside GP practice's hidden 7 it
  // would say "at least 5", and then police's could only be 1 to 4.
  const data: Referrals[] = [
    { key: { channel: 'gp_practice' }, month: MONTHS[0], referrals: 12, accepted: 9, placed: 7 },
    { key: { channel: 'police' }, month: MONTHS[0], referrals: 10, accepted: 6, placed: 2 },
    { key: { channel: 'charity' }, month: MONTHS[0], referrals: 14, accepted: 11, placed: 9 },
  ];

  it('shows a median only beside the count it is computed over', async () => {
    const published = report(['channel'], data);
    for (const row of [...published.rows, ...published.trend, published.totals]) {
      if (row.placed === null) expect(row.medianDaysToPlacement).toBeNull();
      if (row.referrals === null) expect(row.medianDaysToFirstContact).toBeNull();
      if (row.swemwbsChange.n === null) expect(row.swemwbsChange.mean).toBeNull();
    }
    const ranges = await feasibleRanges(serviceAccessIntruderView(published));
    expect(narrowerThan(ranges, THRESHOLD)).toEqual([]);
  });
});

describe('attack 4: needs crossed with channel', () => {
  // Five fire-service referrals, all for housing, two of them also for money. Money's hidden 2
  // with the fire service is at most the fire service's 5 referrals: 1 to 5 is not wide enough.
  const data: Referrals[] = [
    { key: { channel: 'fire_service' }, month: MONTHS[0], referrals: 3, needs: ['housing'] },
    {
      key: { channel: 'fire_service' },
      month: MONTHS[0],
      referrals: 2,
      needs: ['housing', 'money'],
    },
    { key: { channel: 'gp_practice' }, month: MONTHS[0], referrals: 8, needs: ['housing'] },
    {
      key: { channel: 'gp_practice' },
      month: MONTHS[0],
      referrals: 6,
      needs: ['housing', 'money'],
    },
    { key: { channel: 'gp_practice' }, month: MONTHS[0], referrals: 7, needs: ['money'] },
  ];

  for (const dimensions of [['need', 'channel'], ['channel', 'need'], ['need']] as Dimension[][]) {
    it(`leaves every hidden cell of ${dimensions.join(' × ')} at least the threshold wide`, async () => {
      const published = report(dimensions, data);
      expect(published.totals.referrals).toBe(26);
      const ranges = await feasibleRanges(serviceAccessIntruderView(published));
      expect(narrowerThan(ranges, THRESHOLD)).toEqual([]);
    });
  }

  it('leaves the fire service’s needs on their own at least the threshold wide', async () => {
    // Five referrals, all for housing: money's hidden 2 is at most the total of 5.
    const fire = data.filter((r) => r.key.channel === 'fire_service');
    const published = report(['need'], fire);
    const ranges = await feasibleRanges(serviceAccessIntruderView(published));
    expect(narrowerThan(ranges, THRESHOLD)).toEqual([]);
  });
});

describe('generated reports', () => {
  it('leave every suppressed count a range at least the threshold wide, medians and needs included', async () => {
    await fc.assert(
      fc.asyncProperty(serviceAccessData, async ({ dimensions, threshold, data }) => {
        const published = report(dimensions, data, undefined, threshold);
        const ranges = await feasibleRanges(serviceAccessIntruderView(published));
        expect(narrowerThan(ranges, threshold)).toEqual([]);
      }),
      { numRuns: 40, seed: 1912 },
    );
  });
});

describe('three breakdowns', () => {
  it('publishes only the margins, the trend and the totals, and says so', () => {
    const data = [
      ...monthly({ channel: 'gp_practice', migrantStatus: 'uk_born', ageBand: '18-24' }, [9, 8, 7]),
      ...monthly({ channel: 'self', migrantStatus: 'refugee', ageBand: '25-34' }, [6, 6, 6]),
    ];
    const published = report(['channel', 'migrantStatus', 'ageBand'], data);
    expect(published.rows).toEqual([]);
    expect(published.breakdowns.channel?.map((r) => r.referrals)).toEqual([24, 18]);
    expect(published.notes.join(' ')).toContain('three or more fields is too sparse to protect');
  });
});
