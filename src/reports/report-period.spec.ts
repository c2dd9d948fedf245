import { resolvePeriod } from './report-period';

describe('resolvePeriod', () => {
  it('ends a default period on the UK date, which runs a day ahead of UTC late on a summer evening', () => {
    expect(resolvePeriod({}, new Date('2026-07-01T23:30:00Z'))).toEqual({
      from: '2025-07-03',
      to: '2026-07-02',
    });
    expect(resolvePeriod({}, new Date('2026-12-03T23:30:00Z'))).toEqual({
      from: '2025-12-04',
      to: '2026-12-03',
    });
  });

  it('keeps the dates it is given and refuses a period that ends before it starts', () => {
    expect(resolvePeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(() => resolvePeriod({ from: '2026-04-01', to: '2026-03-31' })).toThrow(
      'The period ends before it starts',
    );
  });
});
