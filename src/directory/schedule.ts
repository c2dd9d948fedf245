/**
 * When a group meets, as sessions a search can use: a weekday, a start time, an optional end time
 * (UK local time, 24-hour "HH:MM") and how often. What cannot be said this way (term time only,
 * closed in August) stays as notes.
 */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const RECURRENCES = [
  'weekly',
  'fortnightly',
  'monthly_first',
  'monthly_second',
  'monthly_third',
  'monthly_fourth',
  'monthly_last',
] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export interface Session {
  weekday: Weekday;
  /** "HH:MM", 24-hour, UK local time. */
  start: string;
  end: string | null;
  recurrence: Recurrence;
}

/**
 * The day-and-time filter of a search. Each is a part of the week, and together they cover it:
 * - `weekday_daytime`: Monday to Friday, starting before 5pm;
 * - `weekday_evening`: Monday to Friday, starting at 5pm or later;
 * - `weekend`: Saturday or Sunday, at any time.
 * "Evenings or weekends", for someone working during the day, is weekday_evening and weekend.
 */
export const TIME_WINDOWS = ['weekday_daytime', 'weekday_evening', 'weekend'] as const;
export type TimeWindow = (typeof TIME_WINDOWS)[number];
export const EVENING_FROM = '17:00';

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const isWeekend = (d: Weekday) => d === 'saturday' || d === 'sunday';

export function inWindow(s: Session, window: TimeWindow): boolean {
  switch (window) {
    case 'weekend':
      return isWeekend(s.weekday);
    case 'weekday_evening':
      return !isWeekend(s.weekday) && s.start >= EVENING_FROM;
    case 'weekday_daytime':
      return !isWeekend(s.weekday) && s.start < EVENING_FROM;
  }
}

/** A session on one of the days (if any are asked for) in one of the windows (if any). */
export function sessionMatches(s: Session, q: { when?: TimeWindow[]; day?: Weekday[] }): boolean {
  return (
    (!q.day?.length || q.day.includes(s.weekday)) &&
    (!q.when?.length || q.when.some((w) => inWindow(s, w)))
  );
}

/** Sorted by day of the week, then start; the same session once. */
export function normaliseSessions(sessions: readonly Session[]): Session[] {
  const seen = new Set<string>();
  return [...sessions]
    .sort(
      (a, b) =>
        WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) ||
        a.start.localeCompare(b.start) ||
        (a.end ?? '').localeCompare(b.end ?? ''),
    )
    .filter((s) => {
      const key = `${s.weekday} ${s.start} ${s.end} ${s.recurrence}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** GOV.UK style: "10am", "5:30pm", "midday", "midnight". */
export function clockTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  if (m === 0 && h === 12) return 'midday';
  if (m === 0 && h === 0) return 'midnight';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m === 0 ? '' : `:${String(m).padStart(2, '0')}`}${h < 12 ? 'am' : 'pm'}`;
}

const DAY_NAME = (d: Weekday) => d.charAt(0).toUpperCase() + d.slice(1);
const ORDINAL: Partial<Record<Recurrence, string>> = {
  monthly_first: 'First',
  monthly_second: 'Second',
  monthly_third: 'Third',
  monthly_fourth: 'Fourth',
  monthly_last: 'Last',
};

/** "Tuesdays, 10am to midday"; "Every other Friday, 6pm to 8pm"; "First Monday of the month, 7pm". */
export function describeSession(s: Session): string {
  const when =
    s.recurrence === 'weekly'
      ? `${DAY_NAME(s.weekday)}s`
      : s.recurrence === 'fortnightly'
        ? `Every other ${DAY_NAME(s.weekday)}`
        : `${ORDINAL[s.recurrence]} ${DAY_NAME(s.weekday)} of the month`;
  const time = s.end
    ? `${clockTime(s.start)} to ${clockTime(s.end)}`
    : `from ${clockTime(s.start)}`;
  return `${when}, ${time}`;
}

/** The schedule in words: each session, then the notes. */
export function scheduleText(sessions: readonly Session[], notes: string | null): string | null {
  const parts = [...sessions.map(describeSession), ...(notes ? [notes] : [])];
  return parts.length ? parts.join('; ') : null;
}
