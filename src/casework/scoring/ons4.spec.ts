import { ons4AnxietyBand, ons4PositiveBand, scoreOns4 } from './ons4';

describe('ons4PositiveBand', () => {
  it.each([
    [0, 'low'],
    [4, 'low'],
    [5, 'medium'],
    [6, 'medium'],
    [7, 'high'],
    [8, 'high'],
    [9, 'very_high'],
    [10, 'very_high'],
  ])('bands %i as %s', (score, band) => {
    expect(ons4PositiveBand(score)).toBe(band);
  });
});

describe('ons4AnxietyBand', () => {
  it.each([
    [0, 'very_low'],
    [1, 'very_low'],
    [2, 'low'],
    [3, 'low'],
    [4, 'medium'],
    [5, 'medium'],
    [6, 'high'],
    [10, 'high'],
  ])('bands %i as %s', (score, band) => {
    expect(ons4AnxietyBand(score)).toBe(band);
  });
});

describe('scoreOns4', () => {
  it('returns each item in questionnaire order with its band', () => {
    expect(scoreOns4([3, 6, 8, 9])).toEqual({
      lifeSatisfaction: 3,
      lifeSatisfactionBand: 'low',
      worthwhile: 6,
      worthwhileBand: 'medium',
      happiness: 8,
      happinessBand: 'high',
      anxiety: 9,
      anxietyBand: 'high',
    });
  });

  it('does not reverse anxiety: a low score is a good result', () => {
    expect(scoreOns4([10, 10, 10, 0])).toMatchObject({ anxiety: 0, anxietyBand: 'very_low' });
  });

  it('throws on invalid answers', () => {
    expect(() => scoreOns4([5, 5, 5])).toThrow(RangeError);
    expect(() => scoreOns4([5, 5, 5, 11])).toThrow(RangeError);
  });
});
