import { monthsBefore, retentionCutoffs } from './retention-periods';

describe('monthsBefore', () => {
  it('keeps the day and time of day', () => {
    expect(monthsBefore(new Date('2026-11-23T11:30:00Z'), 24).toISOString()).toBe(
      '2024-11-23T11:30:00.000Z',
    );
  });

  it('ends on the last day of a shorter month', () => {
    expect(monthsBefore(new Date('2026-03-31T08:00:00Z'), 1).toISOString()).toBe(
      '2026-02-28T08:00:00.000Z',
    );
    expect(monthsBefore(new Date('2028-03-31T08:00:00Z'), 1).toISOString()).toBe(
      '2028-02-29T08:00:00.000Z',
    );
  });

  it('crosses years', () => {
    expect(monthsBefore(new Date('2026-01-15T00:00:00Z'), 96).toISOString()).toBe(
      '2018-01-15T00:00:00.000Z',
    );
  });
});

describe('retentionCutoffs', () => {
  it('gives each kind its own period', () => {
    const cutoffs = retentionCutoffs(
      {
        declinedReferralMonths: 24,
        undecidedReferralMonths: 6,
        closedCaseMonths: 96,
        jobEnabled: true,
      },
      new Date('2026-11-23T00:00:00Z'),
    );
    expect(cutoffs.declinedReferral.toISOString().slice(0, 10)).toBe('2024-11-23');
    expect(cutoffs.undecidedReferral.toISOString().slice(0, 10)).toBe('2026-05-23');
    expect(cutoffs.closedCase.toISOString().slice(0, 10)).toBe('2018-11-23');
  });
});
