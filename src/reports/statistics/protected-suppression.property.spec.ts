import fc from 'fast-check';
import {
  intruderView,
  slotCounts,
  slotLabel,
  type CrossTabData,
  type PublishedShare,
  type PublishedSlot,
} from '../../../test/support/cross-tab-report';
import { feasibleRanges, narrowerThan } from '../../../test/support/intruder';
import { protectedMayHideZero, publishProtected } from '../../../test/support/publish-cross-tab';
import { publishedShare } from './completeness';
import { loadLpSolver, type LpSolver } from './lp-solver';

/**
 * The guarantee, tested by the intruder: for generated reports (one or two breakdowns, a monthly
 * trend, funnel stages, a completeness share), every figure the protected method suppresses has a
 * feasible range — over all whole-number tables consistent with everything the report publishes
 * — at least the threshold wide.
 */
const STAGES = ['referrals', 'accepted', 'placed'];
const NOT_RECORDED = 'a_not_recorded';

/** Counts for one combination and month: referrals, then how many of them went on each stage. */
const funnel = (stages: number) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 4 }) },
        fc.integer({ min: 0, max: 12 }),
      ),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
    )
    .map(([referrals, a, p]) => {
      const accepted = Math.round(referrals * a);
      const placed = Math.round(accepted * p);
      return [referrals, accepted, placed].slice(0, stages);
    });

const reports = fc
  .record({
    dimensions: fc.integer({ min: 1, max: 2 }),
    first: fc.integer({ min: 2, max: 4 }),
    second: fc.integer({ min: 2, max: 3 }),
    months: fc.integer({ min: 1, max: 3 }),
    stages: fc.integer({ min: 1, max: 3 }),
    threshold: fc.integer({ min: 3, max: 5 }),
    withNotRecorded: fc.boolean(),
  })
  .chain((shape) => {
    const first = [
      ...Array.from({ length: shape.first }, (_, i) => `a${i + 1}`),
      ...(shape.withNotRecorded ? [NOT_RECORDED] : []),
    ];
    const second = Array.from({ length: shape.second }, (_, i) => `b${i + 1}`);
    const dimensions = shape.dimensions === 1 ? ['a'] : ['a', 'b'];
    const keys =
      shape.dimensions === 1
        ? first.map((a) => `a=${a}`)
        : first.flatMap((a) => second.map((b) => `a=${a}|b=${b}`));
    return fc
      .array(fc.array(funnel(shape.stages), { minLength: shape.months, maxLength: shape.months }), {
        minLength: keys.length,
        maxLength: keys.length,
      })
      .map((perKey) => ({
        threshold: shape.threshold,
        withNotRecorded: shape.withNotRecorded,
        data: {
          dimensions,
          categories: { a: first, b: second },
          months: Array.from({ length: shape.months }, (_, i) => `2025-0${i + 1}`),
          stages: STAGES.slice(0, shape.stages),
          counts: new Map(keys.map((key, i) => [key, perKey[i]])),
        } satisfies CrossTabData,
      }));
  });

/** The completeness share of breakdown `a`, published as service-access's rule allows. */
function share(data: CrossTabData, published: readonly PublishedSlot[], threshold: number) {
  const slot =
    data.dimensions.length === 1
      ? ({ kind: 'cell', key: { a: NOT_RECORDED } } as const)
      : ({ kind: 'margin', dimension: 'a', category: NOT_RECORDED } as const);
  const notRecorded = slotCounts(data, slot)[0];
  const people = slotCounts(data, { kind: 'total' })[0];
  const hidden = (label: string) =>
    published.find((p) => slotLabel(data.dimensions, p.slot) === label)?.values[0] === null;
  const value = publishedShare(
    people - notRecorded,
    people,
    threshold,
    hidden(slotLabel(data.dimensions, slot)) || hidden('total'),
  );
  return value === null
    ? []
    : [{ dimension: 'a', notRecorded: NOT_RECORDED, share: value } satisfies PublishedShare];
}

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

it('leaves every suppressed figure a feasible range at least the threshold wide', async () => {
  await fc.assert(
    fc.asyncProperty(reports, async ({ data, threshold, withNotRecorded }) => {
      const published = publishProtected(data, threshold, solver);
      const view = intruderView(
        data,
        published,
        { listedOnly: false, mayHideZero: protectedMayHideZero(data) },
        withNotRecorded ? share(data, published, threshold) : [],
      );
      const narrow = narrowerThan(await feasibleRanges(view), threshold);
      expect(narrow).toEqual([]);
    }),
    { numRuns: 40, seed: 19 },
  );
});
