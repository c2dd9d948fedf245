import {
  normaliseSessions,
  WEEKDAYS,
  type Recurrence,
  type Session,
  type Weekday,
} from './schedule';

/**
 * Reads sessions out of a schedule written as text ("Tuesdays and Thursdays 10:00–12:00, term
 * time"). Only what is unambiguous becomes a session: a day (or days) and a start time written
 * as 24-hour "18:30", or with am/pm; a bare "7-9" could be morning or evening, so it stays as
 * notes. What is not read, the rest, is kept as notes in the writer's own words.
 *
 * A frozen copy of this parser converts the free-text schedules that existed before sessions
 * (migration GroupSessions); change both only on purpose.
 */
export function parseScheduleText(text: string | null | undefined): {
  sessions: Session[];
  notes: string | null;
} {
  const sessions: Session[] = [];
  const notes: string[] = [];
  for (const clause of (text ?? '').split(/[;\n]+/)) {
    const parts = clause.split(',');
    for (let i = 0; i < parts.length;) {
      let taken = 0;
      for (let j = parts.length; j > i && !taken; j--) {
        const found = parseClause(parts.slice(i, j).join(','));
        if (found) {
          sessions.push(...found);
          taken = j - i;
        }
      }
      if (!taken) {
        if (parts[i].trim()) notes.push(parts[i].trim());
        taken = 1;
      }
      i += taken;
    }
  }
  const whole = (text ?? '').trim();
  return {
    sessions: normaliseSessions(sessions),
    notes: sessions.length === 0 ? whole || null : notes.length ? notes.join('; ') : null,
  };
}

const DAY_WORD = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*';
const TIME = '(?:\\d{1,2}(?:[:.]\\d{2})?\\s*(?:am|pm)?|noon|midday)';
const DAYS = `(?:weekdays|weekends|${DAY_WORD}\\s*(?:-|to)\\s*${DAY_WORD}|${DAY_WORD}(?:\\s*(?:,|and|&|/)\\s*${DAY_WORD})*)`;
const FORTNIGHTLY = '(?:fortnightly|every other week|every two weeks|alternate weeks)';
const ORDINALS = '(?:first|1st|second|2nd|third|3rd|fourth|4th|last)';
const CLAUSE = new RegExp(
  `^(?:(?<prefix>every other|alternate|fortnightly(?: on)?|every|each|on|${ORDINALS})\\s+)?` +
    `(?<days>${DAYS})` +
    `(?:\\s+(?<monthly>of (?:the|each|every) month|monthly|in the month))?` +
    `(?:\\s*,?\\s*(?<fortnight>${FORTNIGHTLY}|weekly))?` +
    `\\s*[,:]?\\s*(?:from|at|between)?\\s*(?<start>${TIME})` +
    `(?:\\s*(?:-|to|until|till|and)\\s*(?<end>${TIME}))?` +
    `(?:\\s*,?\\s*(?<suffix>${FORTNIGHTLY}|weekly))?$`,
);

const DAY_FORMS: Record<string, Weekday> = Object.fromEntries(
  WEEKDAYS.flatMap((d) => {
    const short = d.slice(0, 3);
    const extra: Record<string, string[]> = {
      tuesday: ['tues'],
      wednesday: ['weds'],
      thursday: ['thur', 'thurs'],
    };
    return [short, d, `${d}s`, ...(extra[d] ?? [])].map((form) => [form, d]);
  }),
);

const MONTHLY: Record<string, Recurrence> = {
  first: 'monthly_first',
  '1st': 'monthly_first',
  second: 'monthly_second',
  '2nd': 'monthly_second',
  third: 'monthly_third',
  '3rd': 'monthly_third',
  fourth: 'monthly_fourth',
  '4th': 'monthly_fourth',
  last: 'monthly_last',
};

function parseClause(raw: string): Session[] | null {
  const text = raw
    .toLowerCase()
    .replace(/[–—−]/g, '-')
    .replace(/a\.m\./g, 'am')
    .replace(/p\.m\./g, 'pm')
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '')
    .trim();
  const m = CLAUSE.exec(text);
  if (!m?.groups) return null;
  const g = m.groups;
  const days = daysOf(g.days);
  const times = timesOf(g.start, g.end);
  if (!days || !times) return null;
  const recurrence: Recurrence | null =
    g.prefix && MONTHLY[g.prefix]
      ? MONTHLY[g.prefix]
      : /every other|alternate|fortnightly/.test(g.prefix ?? '') ||
          /fortnight|other|two|alternate/.test(`${g.fortnight ?? ''} ${g.suffix ?? ''}`)
        ? 'fortnightly'
        : g.monthly
          ? null // "Mondays of the month" says no which
          : 'weekly';
  if (!recurrence) return null;
  return days.map((weekday) => ({ weekday, ...times, recurrence }));
}

function daysOf(spec: string): Weekday[] | null {
  if (spec === 'weekdays') return WEEKDAYS.slice(0, 5);
  if (spec === 'weekends') return ['saturday', 'sunday'];
  const range = new RegExp(`^(${DAY_WORD})\\s*(?:-|to)\\s*(${DAY_WORD})$`).exec(spec);
  if (range) {
    const [from, to] = [DAY_FORMS[range[1]], DAY_FORMS[range[2]]];
    if (!from || !to || WEEKDAYS.indexOf(from) >= WEEKDAYS.indexOf(to)) return null;
    return WEEKDAYS.slice(WEEKDAYS.indexOf(from), WEEKDAYS.indexOf(to) + 1);
  }
  const days = spec.split(/\s*(?:,|and|&|\/)\s*/).map((w) => DAY_FORMS[w]);
  return days.every(Boolean) ? [...new Set(days)] : null;
}

interface ClockReading {
  hour: number;
  minute: number;
  meridiem: 'am' | 'pm' | null;
  hasMinutes: boolean;
}

function readClock(t: string): ClockReading | null {
  if (t === 'noon' || t === 'midday')
    return { hour: 12, minute: 0, meridiem: 'pm', hasMinutes: true };
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/.exec(t.trim());
  if (!m) return null;
  return {
    hour: Number(m[1]),
    minute: m[2] ? Number(m[2]) : 0,
    meridiem: (m[3] as 'am' | 'pm' | undefined) ?? null,
    hasMinutes: m[2] !== undefined,
  };
}

/** Minutes after midnight, or null when the reading is not a time of day. */
function minutesOf(c: ClockReading, meridiem: 'am' | 'pm' | null): number | null {
  if (c.minute > 59) return null;
  if (meridiem) {
    if (c.hour < 1 || c.hour > 12) return null;
    return ((c.hour % 12) + (meridiem === 'pm' ? 12 : 0)) * 60 + c.minute;
  }
  return c.hour > 23 ? null : c.hour * 60 + c.minute;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Start and end; am/pm written once ("6-8pm") counts for both, unless that puts start after end. */
function timesOf(
  startText: string,
  endText: string | undefined,
): { start: string; end: string | null } | null {
  const start = readClock(startText);
  const end = endText ? readClock(endText) : null;
  if (!start || (endText && !end)) return null;
  const unambiguous = (c: ClockReading) => c.meridiem !== null || c.hasMinutes;
  if (!end) {
    const at = unambiguous(start) ? minutesOf(start, start.meridiem) : null;
    return at === null ? null : { start: hhmm(at), end: null };
  }
  if (!unambiguous(end) || (!unambiguous(start) && !end.meridiem)) return null;
  const endAt = minutesOf(end, end.meridiem);
  if (endAt === null) return null;
  const candidates: ('am' | 'pm' | null)[] = start.meridiem
    ? [start.meridiem]
    : end.meridiem
      ? [end.meridiem, 'am', ...(start.hasMinutes ? [null] : [])]
      : [null];
  for (const meridiem of candidates) {
    const startAt = minutesOf(start, meridiem);
    if (startAt !== null && startAt < endAt) return { start: hhmm(startAt), end: hhmm(endAt) };
  }
  return null;
}
