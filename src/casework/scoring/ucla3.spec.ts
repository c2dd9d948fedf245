import { scoreUcla3, ucla3Band } from './ucla3';

describe('ucla3Band', () => {
  it.each([
    [3, 'not_lonely'],
    [5, 'not_lonely'],
    [6, 'lonely'],
    [9, 'lonely'],
  ])('bands total %i as %s', (total, band) => {
    expect(ucla3Band(total)).toBe(band);
  });
});

describe('scoreUcla3', () => {
  it('totals the three items', () => {
    expect(scoreUcla3([1, 1, 1])).toEqual({ total: 3, band: 'not_lonely' });
    expect(scoreUcla3([1, 2, 2])).toEqual({ total: 5, band: 'not_lonely' });
    expect(scoreUcla3([2, 2, 2])).toEqual({ total: 6, band: 'lonely' });
    expect(scoreUcla3([3, 3, 3])).toEqual({ total: 9, band: 'lonely' });
  });

  it('throws on invalid answers', () => {
    expect(() => scoreUcla3([1, 1])).toThrow(RangeError);
    expect(() => scoreUcla3([0, 1, 1])).toThrow(RangeError);
  });
});
