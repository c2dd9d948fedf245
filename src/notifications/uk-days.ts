import { ukDate } from '../common/uk-date';

/** The instant a UK calendar day (YYYY-MM-DD) begins, whatever the clocks are doing. */
export function startOfUkDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  // Midnight UTC of that date, then step back by London's offset at that moment (0 or 1 hour).
  const utcMidnight = Date.UTC(y, m - 1, d);
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(utcMidnight - offsetHours * 3_600_000);
    if (ukDate(candidate) === day && ukDate(new Date(candidate.getTime() - 1)) !== day)
      return candidate;
  }
  return new Date(utcMidnight);
}

/** The UK calendar day after `day`. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** [start, end) of the UK day after the one `now` falls in: "tomorrow" for a reminder. */
export function tomorrowInUk(now: Date): { day: string; from: Date; to: Date } {
  const day = nextDay(ukDate(now));
  return { day, from: startOfUkDay(day), to: startOfUkDay(nextDay(day)) };
}
