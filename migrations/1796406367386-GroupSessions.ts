import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Groups' sessions as structured times (issue 21): a weekday (ISO, 1 = Monday), a start, an
 * optional end and how often. Each existing free-text schedule is read as sessions where it can
 * be; what is not read stays in the renamed column as notes. Changes still waiting for an admin
 * are converted the same way. down() writes the sessions back as text in front of the notes.
 */
export class GroupSessions1796406367386 implements MigrationInterface {
  name = 'GroupSessions1796406367386';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "community_group" RENAME COLUMN "schedule" TO "schedule_notes"',
    );
    await queryRunner.query(
      'CREATE TABLE "community_group_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "weekday" smallint NOT NULL, "starts_at" TIME NOT NULL, "ends_at" TIME, "recurrence" character varying(16) NOT NULL DEFAULT \'weekly\', CONSTRAINT "CHK_community_group_session_recurrence" CHECK (recurrence IN (\'weekly\',\'fortnightly\',\'monthly_first\',\'monthly_second\',\'monthly_third\',\'monthly_fourth\',\'monthly_last\')), CONSTRAINT "CHK_community_group_session_times" CHECK (ends_at IS NULL OR ends_at > starts_at), CONSTRAINT "CHK_community_group_session_weekday" CHECK (weekday BETWEEN 1 AND 7), CONSTRAINT "PK_70537044c6c1ae797682d2250bb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_06884f07b9868c53fafa3d9268" ON "community_group_session"  ("group_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "community_group_session" ADD CONSTRAINT "FK_06884f07b9868c53fafa3d9268f" FOREIGN KEY ("group_id") REFERENCES "community_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );

    const groups = (await queryRunner.query(
      'SELECT id, schedule_notes FROM community_group WHERE schedule_notes IS NOT NULL',
    )) as { id: string; schedule_notes: string }[];
    for (const g of groups) {
      const { sessions, notes } = parseScheduleText(g.schedule_notes);
      if (sessions.length === 0) continue;
      for (const s of sessions)
        await queryRunner.query(
          'INSERT INTO community_group_session (group_id, weekday, starts_at, ends_at, recurrence) VALUES ($1, $2, $3, $4, $5)',
          [g.id, WEEKDAYS.indexOf(s.weekday) + 1, s.start, s.end, s.recurrence],
        );
      await queryRunner.query('UPDATE community_group SET schedule_notes = $2 WHERE id = $1', [
        g.id,
        notes,
      ]);
    }
    await this.convertChanges(queryRunner, (fields) => {
      if (!('schedule' in fields)) return null;
      const { schedule, ...rest } = fields;
      const { sessions, notes } = parseScheduleText(schedule as string | null);
      return { ...rest, sessions, scheduleNotes: notes };
    });
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query(
      `SELECT g.id, g.schedule_notes AS notes,
              string_agg(to_char(s.starts_at, 'HH24:MI') || coalesce('–' || to_char(s.ends_at, 'HH24:MI'), '')
                         || ' ' || s.weekday || ' ' || s.recurrence, '|' ORDER BY s.weekday, s.starts_at) AS sessions
         FROM community_group g JOIN community_group_session s ON s.group_id = g.id
        GROUP BY g.id, g.schedule_notes`,
    )) as { id: string; notes: string | null; sessions: string }[];
    for (const r of rows) {
      const text = r.sessions.split('|').map((s) => {
        const [time, weekday, recurrence] = s.split(' ');
        return {
          time,
          weekday: WEEKDAYS[Number(weekday) - 1],
          recurrence: recurrence as Recurrence,
        };
      });
      const written = [
        ...text.map((s) => sessionText(s.weekday, s.time, s.recurrence)),
        ...(r.notes ? [r.notes] : []),
      ]
        .join('; ')
        .slice(0, 500);
      await queryRunner.query('UPDATE community_group SET schedule_notes = $2 WHERE id = $1', [
        r.id,
        written,
      ]);
    }
    await this.convertChanges(queryRunner, (fields) => {
      if (!('sessions' in fields) && !('scheduleNotes' in fields)) return null;
      const { sessions, scheduleNotes, ...rest } = fields as Record<string, unknown> & {
        sessions?: Session[];
        scheduleNotes?: string | null;
      };
      const written = [
        ...(sessions ?? []).map((s) =>
          sessionText(s.weekday, s.end ? `${s.start}–${s.end}` : s.start, s.recurrence),
        ),
        ...(scheduleNotes ? [scheduleNotes] : []),
      ].join('; ');
      return { ...rest, schedule: written || null };
    });

    await queryRunner.query(
      'ALTER TABLE "community_group_session" DROP CONSTRAINT "FK_06884f07b9868c53fafa3d9268f"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_06884f07b9868c53fafa3d9268"');
    await queryRunner.query('DROP TABLE "community_group_session"');
    await queryRunner.query(
      'ALTER TABLE "community_group" RENAME COLUMN "schedule_notes" TO "schedule"',
    );
  }

  /** Rewrites the fields of changes (proposed and previous) where `convert` returns new ones. */
  private async convertChanges(
    queryRunner: QueryRunner,
    convert: (fields: Record<string, unknown>) => Record<string, unknown> | null,
  ): Promise<void> {
    const changes = (await queryRunner.query(
      'SELECT id, proposed, previous FROM community_group_change',
    )) as { id: string; proposed: Record<string, unknown>; previous: Record<string, unknown> }[];
    for (const c of changes) {
      const proposed = convert(c.proposed);
      const previous = convert(c.previous);
      if (!proposed && !previous) continue;
      await queryRunner.query(
        'UPDATE community_group_change SET proposed = $2, previous = $3 WHERE id = $1',
        [c.id, JSON.stringify(proposed ?? c.proposed), JSON.stringify(previous ?? c.previous)],
      );
    }
  }
}

// ---- A frozen copy of src/directory/schedule-text.ts and the parts of schedule.ts it uses, as
// they were when this migration was written. Migrations do not import application code, which
// goes on changing after they have run.

const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
type Weekday = (typeof WEEKDAYS)[number];
type Recurrence =
  | 'weekly'
  | 'fortnightly'
  | 'monthly_first'
  | 'monthly_second'
  | 'monthly_third'
  | 'monthly_fourth'
  | 'monthly_last';
interface Session {
  weekday: Weekday;
  start: string;
  end: string | null;
  recurrence: Recurrence;
}

function sessionText(weekday: Weekday, time: string, recurrence: Recurrence): string {
  const day = weekday.charAt(0).toUpperCase() + weekday.slice(1);
  const ordinal = recurrence.startsWith('monthly_') ? recurrence.slice(8) : null;
  const when =
    recurrence === 'weekly'
      ? `${day}s`
      : recurrence === 'fortnightly'
        ? `Every other ${day}`
        : `${ordinal!.charAt(0).toUpperCase()}${ordinal!.slice(1)} ${day} of the month`;
  return `${when} ${time}`;
}

function normaliseSessions(sessions: readonly Session[]): Session[] {
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
function parseScheduleText(text: string | null | undefined): {
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
