import type { FieldProblem } from '../common/forms/field-words';
import type { FieldError } from '../common/domain-error';
import { labelled } from '../common/forms/page-form';
import { languageCodesFrom } from '../common/i18n/code-choices';
import { languageName } from '../common/validation/iso-codes';
import { formatDate } from '../common/views/dates';
import {
  ACTIVITY_TYPES,
  DELIVERY_MODES,
  NEEDS_DOMAINS,
  VETTING_CHECKS_BY_LEVEL,
} from '../common/vocabulary';
import { humanLabel } from '../common/views/labels';
import type { GroupView } from './group.views';
import { GROUP_WORDS } from './group-words';
import type { ListingChangeView } from './listing-changes.service';
import type { ListingField } from './listing-fields';
import {
  describeSession,
  WEEKDAYS,
  type Recurrence,
  type Session,
  type TimeWindow,
} from './schedule';
import { INCIDENT_TYPES } from './incident.entity';

type FormBody = Record<string, unknown>;

export const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
export const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string' && x !== '',
  );

export const ACCESS_KEYS = [
  'childcare',
  'travelSupport',
  'stepFree',
  'womenOnly',
  'interpreters',
] as const;
const ACCESS_LABELS: Record<(typeof ACCESS_KEYS)[number], string> = {
  childcare: 'Childcare (crèche)',
  travelSupport: 'Help with travel',
  stepFree: 'Step-free access',
  womenOnly: 'Women only',
  interpreters: 'Works with interpreters',
};

export const codeItems = (codes: readonly string[]) =>
  codes.map((value) => ({ value, text: humanLabel(value) }));
export const ACTIVITY_ITEMS = codeItems(ACTIVITY_TYPES);
export const NEEDS_ITEMS = codeItems(NEEDS_DOMAINS);
export const DELIVERY_ITEMS = [
  { value: 'in_person', text: 'In person' },
  { value: 'remote', text: 'Remote (online or phone)' },
  { value: 'both', text: 'Both' },
].filter((i) => (DELIVERY_MODES as readonly string[]).includes(i.value));
export const ACCESS_ITEMS = ACCESS_KEYS.map((value) => ({ value, text: ACCESS_LABELS[value] }));
export const INCIDENT_ITEMS = codeItems(INCIDENT_TYPES);
export const CHECK_OPTIONS = ([1, 2, 3] as const).flatMap((level) =>
  VETTING_CHECKS_BY_LEVEL[level].map((value) => ({
    value,
    text: `Level ${level}: ${humanLabel(value)}`,
  })),
);

export const WEEKDAY_ITEMS = WEEKDAYS.map((value) => ({ value, text: humanLabel(value) }));
export const RECURRENCE_ITEMS: { value: Recurrence; text: string }[] = [
  { value: 'weekly', text: 'Every week' },
  { value: 'fortnightly', text: 'Every other week' },
  { value: 'monthly_first', text: 'First one of the month' },
  { value: 'monthly_second', text: 'Second one of the month' },
  { value: 'monthly_third', text: 'Third one of the month' },
  { value: 'monthly_fourth', text: 'Fourth one of the month' },
  { value: 'monthly_last', text: 'Last one of the month' },
];
export const TIME_WINDOW_ITEMS: { value: TimeWindow; text: string; hint: string }[] = [
  {
    value: 'weekday_daytime',
    text: 'Weekday daytimes',
    hint: 'Monday to Friday, starting before 5pm',
  },
  {
    value: 'weekday_evening',
    text: 'Weekday evenings',
    hint: 'Monday to Friday, starting at 5pm or later',
  },
  { value: 'weekend', text: 'Weekends', hint: 'Saturday or Sunday, at any time' },
];

const MAX_SESSIONS = 14;
const sessionKey = (row: number, part: string) => `session-${row}-${part}`;

/** The form's session lines that have anything in them (a day or a time), in order. */
export function filledSessionRows(body: FormBody): number[] {
  return Array.from({ length: MAX_SESSIONS }, (_, row) => row).filter(
    (row) =>
      text(body[sessionKey(row, 'weekday')]) ||
      text(body[sessionKey(row, 'start')]) ||
      text(body[sessionKey(row, 'end')]),
  );
}

/** The session lines to show: every filled one, and two empty (at least three in all). */
export function sessionRows(values: FormBody) {
  const filled = filledSessionRows(values);
  const count = Math.min(MAX_SESSIONS, Math.max(3, (filled.at(-1) ?? -1) + 3));
  return Array.from({ length: count }, (_, row) => ({
    number: row + 1,
    weekday: sessionKey(row, 'weekday'),
    start: sessionKey(row, 'start'),
    end: sessionKey(row, 'end'),
    recurrence: sessionKey(row, 'recurrence'),
  }));
}

/** The group form's posted strings, shaped as the API's DTO. */
export function shapeGroupForm(body: FormBody): FormBody {
  const access = list(body.accessibility);
  const min = text(body.ageMin);
  const max = text(body.ageMax);
  return {
    name: body.name ?? '',
    description: body.description ?? '',
    activityTypes: list(body.activityTypes),
    needsServed: list(body.needsServed),
    languages: languageCodesFrom(body.languages),
    ...(text(body.postcode) ? { postcode: text(body.postcode) } : { postcode: null }),
    deliveryMode: body.deliveryMode ?? '',
    accessibility: Object.fromEntries(ACCESS_KEYS.map((k) => [k, access.includes(k)])),
    sessions: filledSessionRows(body).map((row) => ({
      weekday: text(body[sessionKey(row, 'weekday')]) ?? '',
      start: text(body[sessionKey(row, 'start')]) ?? '',
      ...(text(body[sessionKey(row, 'end')]) ? { end: text(body[sessionKey(row, 'end')]) } : {}),
      recurrence: text(body[sessionKey(row, 'recurrence')]) ?? 'weekly',
    })),
    scheduleNotes: text(body.scheduleNotes) ?? null,
    cost: text(body.cost) ?? null,
    ageRange:
      min || max
        ? { ...(min ? { min: Number(min) } : {}), ...(max ? { max: Number(max) } : {}) }
        : null,
  };
}

/** A group as the form's values (for the edit page). */
export function groupFormValues(g: GroupView): FormBody {
  return {
    name: g.name,
    description: g.description,
    activityTypes: g.activityTypes,
    needsServed: g.needsServed,
    languages: g.languages,
    postcode: g.postcode ?? '',
    deliveryMode: g.deliveryMode,
    accessibility: ACCESS_KEYS.filter((k) => g.accessibility[k]),
    ...Object.fromEntries(
      g.sessions.flatMap((x, row) => [
        [sessionKey(row, 'weekday'), x.weekday],
        [sessionKey(row, 'start'), x.start],
        [sessionKey(row, 'end'), x.end ?? ''],
        [sessionKey(row, 'recurrence'), x.recurrence],
      ]),
    ),
    scheduleNotes: g.scheduleNotes ?? '',
    cost: g.cost ?? '',
    ageMin: g.ageRange?.min ?? '',
    ageMax: g.ageRange?.max ?? '',
  };
}

const SESSION_PROBLEM: Record<string, string> = {
  weekday: 'choose the day',
  start: 'enter the start time as a 24-hour time, like 09:30 or 18:00',
  end: 'enter the end time as a 24-hour time, like 20:00, after the start',
  recurrence: 'choose how often it meets',
};

/**
 * Errors on the group form, on its own controls and in its words. A session's error names the
 * line it came from (`rows`: the filled lines, in the order they were sent).
 */
export function groupFormErrors(errors: FieldProblem[], rows: number[]): FieldError[] {
  return errors.map((e) => {
    const session = /^sessions\.(\d+)\.(\w+)$/.exec(e.field);
    if (!session) return labelled({ ...e, field: groupFormField(e.field) }, GROUP_WORDS);
    const row = rows[Number(session[1])] ?? 0;
    return {
      field: sessionKey(row, session[2]),
      message: `Session ${row + 1}: ${SESSION_PROBLEM[session[2]] ?? e.message}`,
    };
  });
}

/** Form-field names for the API's field paths, so error links land on the controls. */
export function groupFormField(field: string): string {
  if (field.startsWith('ageRange')) return field.endsWith('max') ? 'ageMax' : 'ageMin';
  if (field.startsWith('accessibility')) return 'accessibility';
  return field.split('.')[0];
}

/** A listing field's value in words, as the group page shows it (for before-and-after tables). */
export function listingValueText(field: ListingField, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not given';
  switch (field) {
    case 'activityTypes':
    case 'needsServed':
      return (value as string[]).map((c) => humanLabel(c)).join(', ') || 'None';
    case 'languages':
      return (value as string[]).map((l) => languageName(l) ?? l).join(', ') || 'None';
    case 'deliveryMode':
      return humanLabel(value as string);
    case 'sessions':
      return (value as Session[]).map(describeSession).join('; ') || 'None';
    case 'accessibility': {
      const a = value as GroupView['accessibility'];
      return (
        ACCESS_KEYS.filter((k) => a[k])
          .map((k) => ACCESS_LABELS[k])
          .join(', ') || 'None'
      );
    }
    case 'ageRange': {
      const r = value as NonNullable<GroupView['ageRange']>;
      return r.min == null && r.max == null ? 'Any age' : `${r.min ?? 'Any'} to ${r.max ?? 'any'}`;
    }
    default:
      return String(value);
  }
}

const STATUS_TEXT: Record<ListingChangeView['status'], { code: string; text: string }> = {
  pending: { code: 'pending', text: 'Waiting for review' },
  approved: { code: 'approved', text: 'Approved' },
  rejected: { code: 'rejected', text: 'Not approved' },
  superseded: { code: 'closed', text: 'Replaced by later changes' },
  withdrawn: { code: 'withdrawn', text: 'Withdrawn' },
};

/** A change as the pages show it: each field's value before and after, in words. */
export function changeModel(c: ListingChangeView) {
  return {
    ...c,
    statusCode: STATUS_TEXT[c.status].code,
    statusText: STATUS_TEXT[c.status].text,
    rows: c.fields.map((f) => ({
      detail: f.label,
      before: listingValueText(f.field, f.before),
      after: listingValueText(f.field, f.after),
    })),
  };
}

/** Rows for the group summary list. */
export function groupRows(g: GroupView) {
  return [
    { key: 'Organisation', value: g.organisationName ?? '' },
    { key: 'What happens', value: g.description },
    { key: 'Activities', value: g.activityTypes.map((c) => humanLabel(c)).join(', ') },
    { key: 'Helps with', value: g.needsServed.map((c) => humanLabel(c)).join(', ') },
    { key: 'Languages', value: g.languages.map((l) => languageName(l) ?? l).join(', ') },
    { key: 'Delivery', value: humanLabel(g.deliveryMode) },
    { key: 'Postcode', value: g.postcode ?? '' },
    {
      key: 'Access',
      value: ACCESS_KEYS.filter((k) => g.accessibility[k])
        .map((k) => ACCESS_LABELS[k])
        .join(', '),
    },
    {
      key: 'When',
      lines: [...g.sessions.map(describeSession), ...(g.scheduleNotes ? [g.scheduleNotes] : [])],
    },
    { key: 'Cost', value: g.cost ?? '' },
    {
      key: 'Ages',
      value:
        g.ageRange && (g.ageRange.min != null || g.ageRange.max != null)
          ? `${g.ageRange.min ?? 'Any'} to ${g.ageRange.max ?? 'any'}`
          : '',
    },
    { key: 'Vetting', tag: g.vettingStatus },
    {
      key: 'Details last confirmed',
      value: formatDate(g.lastConfirmedAt),
      tag: g.listingLapsed
        ? 'lapsed'
        : g.listingStatus === 'unconfirmed'
          ? 'unconfirmed'
          : undefined,
    },
    { key: 'Safeguarding level', value: String(g.safeguardingLevel) },
    {
      key: 'Places',
      value: `${g.capacity.availablePlaces} of ${g.capacity.places} available${
        g.capacity.waitlistEnabled ? `; ${g.capacity.waitlistLength} waiting` : ''
      }${g.capacity.intakePaused ? '; intake paused' : ''}`,
    },
  ];
}

/** "YYYY-MM-DD" from a GOV.UK date input's three fields, or the raw parts when incomplete. */
export function dateFromParts(body: FormBody, name: string): string {
  const d = text(body[`${name}-day`]);
  const m = text(body[`${name}-month`]);
  const y = text(body[`${name}-year`]);
  if (!d || !m || !y || !/^\d{4}$/.test(y)) return '';
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
