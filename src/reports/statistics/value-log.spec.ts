import fc from 'fast-check';
import { ValueLog } from './value-log';
import { percentileCont } from '../../../test/support/percentile-cont';

/** Each group's median from the logged values directly, null for a group with none. */
function expectedMedians(
  logged: readonly (readonly [number, number])[],
  groupOfCell: readonly number[],
  groups: number,
): (number | null)[] {
  return Array.from({ length: groups }, (_, g) => {
    const values = logged.filter(([cell]) => groupOfCell[cell] === g).map(([, v]) => v);
    return values.length === 0 ? null : percentileCont(values);
  });
}

const CELLS = 12;
const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -30, max: 400, noNaN: true }),
  fc.integer({ min: -5, max: 400 }),
  fc.constantFrom(0, -0, 0.5, 1e-300, -1e-300),
);
const logged = fc.array(fc.tuple(fc.integer({ min: 0, max: CELLS - 1 }), value), {
  maxLength: 300,
});
const grouping = fc.integer({ min: 1, max: 5 }).chain((groups) =>
  fc.record({
    groups: fc.constant(groups),
    groupOfCell: fc.array(fc.integer({ min: 0, max: groups - 1 }), {
      minLength: CELLS,
      maxLength: CELLS,
    }),
  }),
);

function logOf(entries: readonly (readonly [number, number])[], capacity?: number): ValueLog {
  const log = new ValueLog(capacity);
  for (const [cell, v] of entries) log.push(cell, v);
  return log;
}

describe('medians of groups of cells from a value log', () => {
  it('gives percentile_cont of each group’s values, for every grouping asked of one log', () => {
    fc.assert(
      fc.property(logged, fc.array(grouping, { minLength: 1, maxLength: 3 }), (entries, sets) => {
        const log = logOf(entries, 4);
        for (const { groupOfCell, groups } of sets) {
          expect(log.groupMedians(Int32Array.from(groupOfCell), groups)).toEqual(
            expectedMedians(entries, groupOfCell, groups),
          );
        }
      }),
    );
  });

  it('takes values logged after a grouping was asked for into the next', () => {
    fc.assert(
      fc.property(logged, logged, grouping, (before, after, { groupOfCell, groups }) => {
        const log = logOf(before);
        log.groupMedians(Int32Array.from(groupOfCell), groups);
        for (const [cell, v] of after) log.push(cell, v);
        expect(log.groupMedians(Int32Array.from(groupOfCell), groups)).toEqual(
          expectedMedians([...before, ...after], groupOfCell, groups),
        );
      }),
    );
  });

  it('orders values that differ only in their last bits, many to a high word', () => {
    // 1 + k·2⁻⁴⁸ share their sign, exponent and first 20 fraction bits: one run to put in order.
    const close = fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: CELLS - 1 }),
        fc.integer({ min: 0, max: 2 ** 16 }).map((k) => 1 + k * 2 ** -48),
      ),
      { minLength: 1, maxLength: 120, size: 'max' },
    );
    fc.assert(
      fc.property(close, grouping, (entries, { groupOfCell, groups }) => {
        expect(logOf(entries).groupMedians(Int32Array.from(groupOfCell), groups)).toEqual(
          expectedMedians(entries, groupOfCell, groups),
        );
      }),
    );
  });
});
