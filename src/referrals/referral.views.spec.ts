import { ageOn, daysBetween } from './referral.views';

describe('referral list figures', () => {
  it('counts age in whole years, a birthday counting from its own day', () => {
    expect(ageOn('1990-04-02', '2026-04-01')).toBe(35);
    expect(ageOn('1990-04-02', '2026-04-02')).toBe(36);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn(null, '2026-04-02')).toBeNull();
  });

  it('counts waiting in UK calendar days', () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(daysBetween(new Date('2026-06-30T23:30:00Z'), new Date('2026-07-01T08:00:00Z'))).toBe(0);
    expect(daysBetween(new Date('2026-06-29T12:00:00Z'), new Date('2026-07-01T08:00:00Z'))).toBe(2);
    expect(daysBetween(new Date('2026-07-01T08:00:00Z'), new Date('2026-06-29T12:00:00Z'))).toBe(0);
  });
});
