import { determinedUnknowns } from './recoverable';

describe('determinedUnknowns', () => {
  it('finds nothing when one equation holds two unknowns', () => {
    expect(determinedUnknowns([[1, 1]], 2)).toEqual([]);
  });

  it('finds an unknown alone in an equation', () => {
    expect(
      determinedUnknowns(
        [
          [0, 1, 1],
          [1, 0, 0],
        ],
        3,
      ),
    ).toEqual([0]);
  });

  it('solves through a chain of equations', () => {
    // x + y = a, y = b ⇒ both known.
    expect(
      determinedUnknowns(
        [
          [1, 1],
          [0, 1],
        ],
        2,
      ),
    ).toEqual([0, 1]);
  });

  it('finds nothing in a rectangle of hidden cells', () => {
    // a + b = r0, c + d = r1, a + c = k0, b + d = k1: one degree of freedom remains.
    const rectangle = [
      [1, 1, 0, 0],
      [0, 0, 1, 1],
      [1, 0, 1, 0],
      [0, 1, 0, 1],
    ];
    expect(determinedUnknowns(rectangle, 4)).toEqual([]);
  });

  it('solves an unknown joined to a rectangle by one equation', () => {
    // x0 + x1 + x4, x2 + x3, x0 + x2, x1 + x3: the first two minus the last two leave x4.
    const equations = [
      [1, 1, 0, 0, 1],
      [0, 0, 1, 1, 0],
      [1, 0, 1, 0, 0],
      [0, 1, 0, 1, 0],
    ];
    expect(determinedUnknowns(equations, 5)).toEqual([4]);
  });

  it('handles no equations and no unknowns', () => {
    expect(determinedUnknowns([], 2)).toEqual([]);
    expect(determinedUnknowns([[], []], 0)).toEqual([]);
  });
});
