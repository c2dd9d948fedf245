const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date (YYYY-MM-DD) in the UK at this instant: the date a link worker sees and the
 * one reports count by. From 23:00 UTC in summer it is a day ahead of the UTC date.
 */
export function ukDate(at: Date = new Date()): string {
  return LONDON_DATE.format(at);
}
