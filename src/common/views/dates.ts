const TIME_ZONE = 'Europe/London';

/** A calendar date without a time: "2026-11-23". */
export const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A Date from a Date, an ISO string or epoch milliseconds; `undefined` when absent or invalid. */
function toDate(value: unknown): { date: Date; dateOnly: boolean } | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (value instanceof Date)
    return isNaN(value.getTime()) ? undefined : { date: value, dateOnly: false };
  if (typeof value === 'number') {
    const d = new Date(value);
    return isNaN(d.getTime()) ? undefined : { date: d, dateOnly: false };
  }
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value.trim());
    if (m) {
      // A calendar date: noon UTC keeps it on the same day in any zone we format in.
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
      return isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3])
        ? undefined
        : { date: d, dateOnly: true };
    }
    const d = new Date(value);
    return isNaN(d.getTime()) ? undefined : { date: d, dateOnly: false };
  }
  return undefined;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});
const isoFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: TIME_ZONE,
});

/** "23 November 2026" (en-GB, Europe/London); '' when absent or invalid. */
export function formatDate(value: unknown): string {
  const parsed = toDate(value);
  return parsed ? dateFormat.format(parsed.date) : '';
}

/** GOV.UK style time: "9am", "2:05pm", "midday", "midnight" (Europe/London). */
export function formatTime(value: unknown): string {
  const parsed = toDate(value);
  if (!parsed) return '';
  const parts = timeFormat.formatToParts(parsed.date);
  const hour24 = Number(parts.find((p) => p.type === 'hour')?.value ?? '0') % 24;
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  if (minute === '00' && hour24 === 12) return 'midday';
  if (minute === '00' && hour24 === 0) return 'midnight';
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  return `${hour12}${minute === '00' ? '' : `:${minute}`}${hour24 < 12 ? 'am' : 'pm'}`;
}

/** "23 November 2026 at 2:05pm"; a date-only value gives just the date. */
export function formatDateTime(value: unknown): string {
  const parsed = toDate(value);
  if (!parsed) return '';
  if (parsed.dateOnly) return formatDate(value);
  return `${dateFormat.format(parsed.date)} at ${formatTime(parsed.date)}`;
}

/** "2026-11-23": the calendar date in Europe/London; '' when absent or invalid. */
export function isoDate(value: unknown): string {
  const parsed = toDate(value);
  if (!parsed) return '';
  const parts = isoFormat.formatToParts(parsed.date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
