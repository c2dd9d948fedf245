import { languageCodesFrom } from '../common/i18n/code-choices';
import { languageName } from '../common/validation/iso-codes';
import {
  ACTIVITY_TYPES,
  DELIVERY_MODES,
  NEEDS_DOMAINS,
  VETTING_CHECKS_BY_LEVEL,
} from '../common/vocabulary';
import { humanLabel } from '../common/views/labels';
import type { GroupView } from './group.views';
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
    schedule: text(body.schedule) ?? null,
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
    schedule: g.schedule ?? '',
    cost: g.cost ?? '',
    ageMin: g.ageRange?.min ?? '',
    ageMax: g.ageRange?.max ?? '',
  };
}

/** Form-field names for the API's field paths, so error links land on the controls. */
export function groupFormField(field: string): string {
  if (field.startsWith('ageRange')) return field.endsWith('max') ? 'ageMax' : 'ageMin';
  if (field.startsWith('accessibility')) return 'accessibility';
  return field.split('.')[0];
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
    { key: 'When', value: g.schedule ?? '' },
    { key: 'Cost', value: g.cost ?? '' },
    {
      key: 'Ages',
      value:
        g.ageRange && (g.ageRange.min != null || g.ageRange.max != null)
          ? `${g.ageRange.min ?? 'Any'} to ${g.ageRange.max ?? 'any'}`
          : '',
    },
    { key: 'Vetting', tag: g.vettingStatus },
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
