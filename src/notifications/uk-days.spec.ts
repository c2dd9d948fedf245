import { nextDay, startOfUkDay, tomorrowInUk } from './uk-days';

describe('UK days', () => {
  it('starts a winter day at midnight UTC and a summer day at 23:00 UTC the day before', () => {
    expect(startOfUkDay('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(startOfUkDay('2026-07-15').toISOString()).toBe('2026-07-14T23:00:00.000Z');
  });

  it('knows the day after across months, years and the clock changes', () => {
    expect(nextDay('2026-01-31')).toBe('2026-02-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    // The clocks go forward on 29 March 2026: that day is 23 hours long.
    const t = tomorrowInUk(new Date('2026-03-28T12:00:00Z'));
    expect(t.day).toBe('2026-03-29');
    expect(t.to.getTime() - t.from.getTime()).toBe(23 * 3_600_000);
  });

  it('counts a late summer evening in UTC as the next UK day', () => {
    // 23:30 UTC on 14 July is 00:30 on 15 July in London: tomorrow is the 16th.
    expect(tomorrowInUk(new Date('2026-07-14T23:30:00Z')).day).toBe('2026-07-16');
  });
});
