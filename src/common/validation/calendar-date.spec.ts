import { isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2026-02-28', '2024-02-29', '1990-12-31'])('accepts %s', (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '26-01-01', '2026-1-1', '', 20260101, null])(
    'refuses %p',
    (d) => {
      expect(isCalendarDate(d)).toBe(false);
    },
  );
});
