import { isoWeekOf } from './sql';

describe('isoWeekOf', () => {
  it.each([
    ['2026-11-23T10:00:00Z', '2026-W48'],
    ['2026-01-01T12:00:00Z', '2026-W01'],
    ['2027-01-01T12:00:00Z', '2026-W53'],
    ['2024-12-30T12:00:00Z', '2025-W01'],
    ['2026-03-29T23:30:00Z', '2026-W14'],
  ])('puts %s in %s', (at, week) => {
    expect(isoWeekOf(new Date(at))).toBe(week);
  });

  it('uses UK time: late Sunday evening in summer is already Monday in London', () => {
    expect(isoWeekOf(new Date('2026-06-14T23:30:00Z'))).toBe('2026-W25');
    expect(isoWeekOf(new Date('2026-06-14T22:30:00Z'))).toBe('2026-W24');
  });
});
