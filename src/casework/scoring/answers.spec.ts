import { assertAnswers, checkAnswers, type AnswerSpec } from './answers';

const spec: AnswerSpec = { instrument: 'TEST', count: 3, min: 1, max: 3 };

describe('checkAnswers', () => {
  it('accepts whole numbers in range, including both ends', () => {
    expect(checkAnswers([1, 2, 3], spec)).toEqual([]);
  });

  it('reports a wrong count on the answers field', () => {
    expect(checkAnswers([1, 2], spec)).toEqual([
      { field: 'answers', message: 'TEST needs exactly 3 answers (got 2)' },
    ]);
    expect(checkAnswers([], spec)).toHaveLength(1);
  });

  it('names each bad item by index', () => {
    expect(checkAnswers([0, 2, 4], spec)).toEqual([
      { field: 'answers[0]', message: 'must be from 1 to 3 (got 0)' },
      { field: 'answers[2]', message: 'must be from 1 to 3 (got 4)' },
    ]);
  });

  it.each([[1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ['2'], [null], [undefined], [true]])(
    'rejects %p as not a whole number',
    (bad) => {
      expect(checkAnswers([1, bad, 1], spec)).toEqual([
        { field: 'answers[1]', message: 'must be a whole number from 1 to 3' },
      ]);
    },
  );

  it('reports the count and the bad items together', () => {
    const fields = checkAnswers([9, 1, 1, 1], spec).map((e) => e.field);
    expect(fields).toEqual(['answers', 'answers[0]']);
  });
});

describe('assertAnswers', () => {
  it('returns valid answers unchanged', () => {
    expect(assertAnswers([3, 2, 1], spec)).toEqual([3, 2, 1]);
  });

  it('throws a RangeError naming the faults', () => {
    expect(() => assertAnswers([1, 2], spec)).toThrow(RangeError);
    expect(() => assertAnswers([1, 2, 7], spec)).toThrow(/answers\[2\]/);
  });
});
