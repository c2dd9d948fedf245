import { isPastCalendarDate } from './referral.dto';

describe('isPastCalendarDate', () => {
  afterEach(() => jest.useRealTimers());

  it('takes today as the UK date, a day ahead of UTC late on a summer evening', () => {
    jest.useFakeTimers({ now: new Date('2026-07-01T23:30:00Z'), doNotFake: ['nextTick'] });
    expect(isPastCalendarDate('2026-07-02')).toBe(true);
    expect(isPastCalendarDate('2026-07-03')).toBe(false);
  });

  it('refuses impossible dates, dates before 1900 and other shapes', () => {
    expect(isPastCalendarDate('2026-02-30')).toBe(false);
    expect(isPastCalendarDate('1899-12-31')).toBe(false);
    expect(isPastCalendarDate('1900-01-01')).toBe(true);
    expect(isPastCalendarDate('2/3/2026')).toBe(false);
    expect(isPastCalendarDate(20260203)).toBe(false);
  });
});
