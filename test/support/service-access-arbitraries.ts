import fc from 'fast-check';
import type { Dimension } from '../../src/reports/service-access/dimensions';
import type { Referrals } from './service-access-intruder';

const CHANNELS = ['gp_practice', 'self', 'police'];
const STATUSES = ['refugee', 'uk_born'];
const NEEDS = ['housing', 'money', 'food'];
const MONTHS = ['2025-01', '2025-02'];

/** A fraction of `n`, rounded: how many went on to the next stage. */
const share = (n: number, fraction: number) => Math.round(n * fraction);

/** Often all of them, so that later stages reach the threshold too. */
const fraction = fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));

/**
 * A group of alike referrals with every stage of the funnel, first contacts, SWEMWBS changes and
 * one to three needs: small counts more often than large, so that suppression has work to do.
 */
const referralGroup: fc.Arbitrary<Referrals> = fc
  .record({
    channel: fc.constantFrom(...CHANNELS),
    migrantStatus: fc.constantFrom(...STATUSES),
    month: fc.constantFrom(...MONTHS),
    needs: fc.subarray(NEEDS, { minLength: 1 }),
    referrals: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) },
      fc.integer({ min: 1, max: 14 }),
    ),
    stages: fc.tuple(fraction, fraction, fraction, fraction, fraction, fraction),
  })
  .map(({ channel, migrantStatus, month, needs, referrals, stages }) => {
    const [a, p, t, c, w, f] = stages;
    const accepted = share(referrals, a);
    const placed = share(accepted, p);
    return {
      key: { channel, migrantStatus },
      month,
      needs,
      referrals,
      accepted,
      placed,
      attended: share(placed, t),
      completed: share(accepted, c),
      swemwbs: share(accepted, w),
      contacted: share(referrals, f),
    };
  });

/** A service-access report's input: its breakdowns (need among them or not), threshold and data. */
export const serviceAccessData = fc.record({
  dimensions: fc.constantFrom<Dimension[]>(
    ['channel'],
    ['channel', 'migrantStatus'],
    ['need'],
    ['need', 'channel'],
  ),
  threshold: fc.integer({ min: 3, max: 5 }),
  data: fc.array(referralGroup, { minLength: 1, maxLength: 8 }),
});
