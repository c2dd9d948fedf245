import { ukDate } from '../common/uk-date';
import { addDays } from './casework-dates';

const ZONE = 'Europe/London';
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Minutes London is ahead of UTC at this instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a London wall-clock time names: "2026-03-29", "10:30" is 09:30 UTC (British Summer
 * Time). A time the clocks skip in spring is read as if they had not gone forward yet.
 */
export function londonInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - londonOffsetMinutes(new Date(wall)) * 60_000;
  return new Date(wall - londonOffsetMinutes(new Date(first)) * 60_000);
}

/** "14:05": the London wall-clock time of an instant. */
export function londonClock(at: Date): string {
  const p = Object.fromEntries(PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.hour}:${p.minute}`;
}

const WITH_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An API date-time as an instant: with a zone it is that instant; without one it is London time
 * (what a person in the service means). A date alone is not a time: undefined.
 */
export function parseInstant(value: string): Date | undefined {
  if (DATE_ONLY.test(value)) return undefined;
  const local = LOCAL_DATE_TIME.exec(value);
  const at = local && !WITH_ZONE.test(value) ? londonInstant(local[1], local[2]) : new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * When something happened, from a date-time, or from a date alone: the start of that London day,
 * or now when the date is today (so a contact recorded "today" is not dated before this morning's).
 */
export function happenedAt(value: string): Date | undefined {
  if (!DATE_ONLY.test(value)) return parseInstant(value);
  return value === ukDate() ? new Date() : londonInstant(value, '00:00');
}

/**
 * A time of day as people type it ("9:30", "09.30", "14:00", "2pm", "2:30 pm", "midday") as
 * "HH:MM", or undefined when it is not one.
 */
export function parseClock(text: string): string | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (t === 'midday' || t === 'noon') return '12:00';
  if (t === 'midnight') return '00:00';
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(t);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (minute > 59) return undefined;
  if (m[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (m[3] === 'pm' ? 12 : 0);
  } else if (m[2] === undefined || hour > 23) {
    return undefined; // "9" alone is ambiguous (9am or 9pm?)
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The Monday of the week a London date falls in. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The instants a run of London days covers: from the start of `from` to the start of the day after `to`. */
export function londonDays(from: string, to: string): { start: Date; end: Date } {
  return { start: londonInstant(from, '00:00'), end: londonInstant(addDays(to, 1), '00:00') };
}
