import type { OutcomeInstrument } from '../../common/vocabulary';
import { scoreOutcome } from './score-outcome';

describe('scoreOutcome', () => {
  describe('SWEMWBS', () => {
    it.each([
      [[1, 1, 1, 1, 1, 1, 1], 7, 7],
      [[5, 5, 5, 5, 5, 5, 5], 35, 35],
      [[1, 1, 1, 1, 1, 1, 2], 8, 9.51],
      [[3, 3, 3, 3, 3, 3, 3], 21, 19.25],
      [[4, 4, 4, 4, 4, 4, 4], 28, 25.03],
      [[5, 5, 5, 5, 5, 5, 4], 34, 32.55],
    ])('scores %p as raw %i, metric %d', (answers, raw, metric) => {
      expect(scoreOutcome('SWEMWBS', answers)).toEqual({ ok: true, scores: { raw, metric } });
    });

    it('rejects the wrong number of answers', () => {
      expect(scoreOutcome('SWEMWBS', [3, 3, 3, 3, 3, 3])).toEqual({
        ok: false,
        errors: [{ field: 'answers', message: 'SWEMWBS needs exactly 7 answers (got 6)' }],
      });
      expect(scoreOutcome('SWEMWBS', [3, 3, 3, 3, 3, 3, 3, 3])).toMatchObject({ ok: false });
    });

    it('rejects answers out of range', () => {
      expect(scoreOutcome('SWEMWBS', [0, 3, 3, 3, 3, 3, 6])).toEqual({
        ok: false,
        errors: [
          { field: 'answers[0]', message: 'must be from 1 to 5 (got 0)' },
          { field: 'answers[6]', message: 'must be from 1 to 5 (got 6)' },
        ],
      });
    });

    it('rejects answers that are not whole numbers', () => {
      expect(scoreOutcome('SWEMWBS', [3, 3.5, 3, '3', 3, 3, 3])).toEqual({
        ok: false,
        errors: [
          { field: 'answers[1]', message: 'must be a whole number from 1 to 5' },
          { field: 'answers[3]', message: 'must be a whole number from 1 to 5' },
        ],
      });
    });
  });

  describe('ONS4', () => {
    it('returns items and bands', () => {
      expect(scoreOutcome('ONS4', [7, 9, 5, 2])).toEqual({
        ok: true,
        scores: {
          lifeSatisfaction: 7,
          lifeSatisfactionBand: 'high',
          worthwhile: 9,
          worthwhileBand: 'very_high',
          happiness: 5,
          happinessBand: 'medium',
          anxiety: 2,
          anxietyBand: 'low',
        },
      });
    });

    it('accepts both ends of the 0–10 range', () => {
      expect(scoreOutcome('ONS4', [0, 10, 0, 10])).toMatchObject({ ok: true });
    });

    it('rejects the wrong count, out-of-range and non-integer answers', () => {
      expect(scoreOutcome('ONS4', [5, 5, 5])).toMatchObject({
        ok: false,
        errors: [{ field: 'answers' }],
      });
      expect(scoreOutcome('ONS4', [-1, 5, 11, 5])).toMatchObject({
        ok: false,
        errors: [{ field: 'answers[0]' }, { field: 'answers[2]' }],
      });
      expect(scoreOutcome('ONS4', [5, 5, 5, 4.2])).toMatchObject({
        ok: false,
        errors: [{ field: 'answers[3]' }],
      });
    });
  });

  describe('UCLA3', () => {
    it('returns the total and loneliness band', () => {
      expect(scoreOutcome('UCLA3', [1, 2, 2])).toEqual({
        ok: true,
        scores: { total: 5, band: 'not_lonely' },
      });
      expect(scoreOutcome('UCLA3', [3, 2, 1])).toEqual({
        ok: true,
        scores: { total: 6, band: 'lonely' },
      });
    });

    it('rejects the wrong count, out-of-range and non-integer answers', () => {
      expect(scoreOutcome('UCLA3', [])).toMatchObject({
        ok: false,
        errors: [{ field: 'answers', message: 'UCLA3 needs exactly 3 answers (got 0)' }],
      });
      expect(scoreOutcome('UCLA3', [1, 4, 0])).toMatchObject({
        ok: false,
        errors: [{ field: 'answers[1]' }, { field: 'answers[2]' }],
      });
      expect(scoreOutcome('UCLA3', [1, null, 2])).toMatchObject({
        ok: false,
        errors: [{ field: 'answers[1]' }],
      });
    });
  });

  it('throws on an instrument outside the vocabulary', () => {
    expect(() => scoreOutcome('PHQ9' as OutcomeInstrument, [1])).toThrow(
      /Unknown outcome instrument/,
    );
  });
});
