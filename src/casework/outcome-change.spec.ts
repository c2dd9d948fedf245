import { outcomeChanges, type OutcomeRecord } from './outcome-change';

const rec = (over: Partial<OutcomeRecord>): OutcomeRecord => ({
  id: 'x',
  instrument: 'SWEMWBS',
  timepoint: 'baseline',
  scores: {},
  recordedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('outcomeChanges', () => {
  it('gives the SWEMWBS raw and metric change between consecutive time points', () => {
    const changes = outcomeChanges([
      rec({ timepoint: 'review', scores: { raw: 21, metric: 20.73 }, recordedAt: '2026-03-01' }),
      rec({ timepoint: 'baseline', scores: { raw: 14, metric: 15.84 }, recordedAt: '2026-01-01' }),
      rec({ timepoint: 'exit', scores: { raw: 20, metric: 19.98 }, recordedAt: '2026-06-01' }),
    ]);
    expect(changes).toEqual([
      expect.objectContaining({
        from: { timepoint: 'baseline', recordedAt: '2026-01-01' },
        to: { timepoint: 'review', recordedAt: '2026-03-01' },
        difference: { raw: 7, metric: 4.89 },
        swemwbs: 'improved',
      }),
      expect.objectContaining({
        from: { timepoint: 'review', recordedAt: '2026-03-01' },
        difference: { raw: -1, metric: -0.75 },
        swemwbs: 'no_meaningful_change',
      }),
    ]);
  });

  it('compares each instrument only with itself and ignores text bands', () => {
    const changes = outcomeChanges([
      rec({ instrument: 'UCLA3', scores: { total: 8, band: 'lonely' }, recordedAt: '2026-01-01' }),
      rec({ instrument: 'ONS4', scores: { anxiety: 7 }, recordedAt: '2026-01-02' }),
      rec({
        instrument: 'UCLA3',
        timepoint: 'exit',
        scores: { total: 4, band: 'not_lonely' },
        recordedAt: '2026-02-01',
      }),
    ]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ instrument: 'UCLA3', difference: { total: -4 } });
    expect(changes[0].swemwbs).toBeUndefined();
  });
});
