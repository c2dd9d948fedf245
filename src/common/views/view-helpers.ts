/**
 * Handlebars view helpers and partial registration for the server-rendered pages.
 *
 * Register once at start-up, before the first render:
 *
 *   import * as hbs from 'hbs';
 *   registerViewHelpers(hbs);
 *   registerViewPartials(hbs, join(process.cwd(), 'templates', 'partials'));
 *
 * `registerViewPartials` is synchronous and keeps hyphenated names (`error-summary`);
 * do not use `hbs.registerPartials`, which is asynchronous and renames `-` to `_`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { languageName } from '../validation/iso-codes';

/** The slice of `hbs` (or of a Handlebars environment) that `registerViewHelpers` needs. */
export interface HelperRegistry {
  // Method syntax keeps the parameter bivariant, so `hbs` and `Handlebars.create()` both fit.
  registerHelper(name: string, fn: (...args: unknown[]) => unknown): void;
}

/** The parts of a Handlebars environment that `registerViewPartials` needs. */
export interface PartialEnvironment {
  compile(source: string): (context: unknown, options?: object) => string;
  registerPartial(name: string, partial: unknown): void;
}

/** Handlebars passes this as the last argument of every helper. */
interface HelperOptions {
  hash?: Record<string, unknown>;
  data?: { root?: unknown };
  fn?: (context: unknown) => string;
  inverse?: (context: unknown) => string;
}

const TIME_ZONE = 'Europe/London';

// ---------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------

/** Codes whose human label is not just "underscores to spaces, capital first letter". */
export const LABEL_OVERRIDES: Readonly<Record<string, string>> = {
  // roles
  admin: 'Administrator',
  // referral channels
  gp_practice: 'GP practice',
  nhs_service: 'NHS service',
  job_centre: 'Jobcentre',
  self: 'Self-referral',
  family_or_friend: 'Family or friend',
  // needs domains
  immigration_legal: 'Immigration and legal',
  volunteering_skills: 'Volunteering and skills',
  digital_transport: 'Digital and transport',
  culture_faith: 'Culture and faith',
  healthcare_access: 'Access to healthcare',
  // migrant status
  uk_born: 'UK born',
  eea_national: 'EEA national',
  third_country_national: 'Third-country national',
  refugee: 'Refugee (including humanitarian protection)',
  // crisis points
  asylum_decision_refused: 'Asylum decision: refused',
  status_granted_move_on: 'Status granted (move-on period)',
  // vetting checks
  dbs_enhanced: 'Enhanced DBS check',
  // activities
  conversation_esol: 'Conversation and ESOL',
  womens_group: "Women's group",
  mens_group: "Men's group",
  esol: 'ESOL',
  // outcome instruments
  swemwbs: 'SWEMWBS',
  ons4: 'ONS4 personal wellbeing',
  ucla3: 'UCLA 3-item loneliness',
  // delivery
  in_person: 'In person',
};

/** Words written in capitals wherever they appear in a code. */
const ACRONYMS = new Set([
  'gp',
  'nhs',
  'uk',
  'eea',
  'eu',
  'dbs',
  'esol',
  'ons',
  'jsna',
  'ucla',
  'lgbtq',
  'lgbtqia',
  'id',
  'csv',
  'pdf',
  'ai',
]);

/**
 * A code's human label: the override table (yours first, then `LABEL_OVERRIDES`), otherwise
 * underscores become spaces, known acronyms are capitalised and the first letter is upper case.
 */
export function humanLabel(code: unknown, overrides?: Readonly<Record<string, string>>): string {
  if (code === null || code === undefined || code === '') return '';
  const key = String(code);
  if (overrides && hasOwn(overrides, key)) return String(overrides[key]);
  const lower = key.toLowerCase();
  if (hasOwn(LABEL_OVERRIDES, key)) return LABEL_OVERRIDES[key];
  if (hasOwn(LABEL_OVERRIDES, lower)) return LABEL_OVERRIDES[lower];
  const words = key
    .split(/[_\s]+/)
    .filter((w) => w.length > 0)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------
// Status colours
// ---------------------------------------------------------------------------

const STATUS_COLOURS: Readonly<Record<string, string>> = {};
function colour(cls: string, codes: string[]): void {
  for (const c of codes) (STATUS_COLOURS as Record<string, string>)[c] = cls;
}
colour('govuk-tag--grey', [
  'received',
  'pending',
  'new',
  'draft',
  'submitted',
  'closed',
  'ended',
  'withdrawn',
  'cancelled',
  'duplicate',
  'inactive',
  'not_started',
  'not_recorded',
  'routine',
]);
colour('govuk-tag--blue', [
  'assigned',
  'offered',
  'waitlisted',
  'triaged',
  'in_review',
  'under_review',
  'in_progress',
  'open',
  'referred',
  'sent',
  'baseline',
  'review',
]);
colour('govuk-tag--green', [
  'accepted',
  'approved',
  'active',
  'attending',
  'attended',
  'completed',
  'verified',
  'valid',
  'current',
  'goals_met',
  'exit',
]);
colour('govuk-tag--red', [
  'declined',
  'removed',
  'expired',
  'rejected',
  'refused',
  'failed',
  'overdue',
  'in_crisis',
  'crisis',
  'urgent',
  'safeguarding_concern',
  'did_not_attend',
]);
colour('govuk-tag--yellow', [
  'paused',
  'suspended',
  'on_hold',
  'due',
  'due_soon',
  'expiring',
  'expiring_soon',
  'soon',
  'sustained',
  'incomplete',
]);
colour('govuk-tag--orange', ['at_risk', 'high']);

/** The `govuk-tag--*` class for a status code; unknown codes are grey. */
export function statusColourClass(code: unknown): string {
  if (code === null || code === undefined) return 'govuk-tag--grey';
  const key = String(code)
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return hasOwn(STATUS_COLOURS, key) ? STATUS_COLOURS[key] : 'govuk-tag--grey';
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

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

// ---------------------------------------------------------------------------
// Small pure helpers
// ---------------------------------------------------------------------------

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Own property of a plain object, never something from its prototype. */
function own(obj: unknown, key: unknown): unknown {
  if (obj === null || typeof obj !== 'object' || key === null || key === undefined)
    return undefined;
  const k = String(key);
  return hasOwn(obj, k) ? (obj as Record<string, unknown>)[k] : undefined;
}

/** Truthiness as Handlebars' `{{#if}}` sees it: empty arrays are false, 0 is false. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

/** Equal, treating numbers and numeric strings alike ("3" equals 3); null equals undefined. */
export function looseEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  const scalar = (v: unknown) => ['string', 'number', 'boolean', 'bigint'].includes(typeof v);
  return scalar(a) && scalar(b) && String(a) === String(b);
}

/** Drop the Handlebars options object from a helper's arguments. */
function params(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

/** JSON that is safe to print anywhere, including inside HTML (`<`, `>`, `&`, U+2028/9 escaped). */
export function safeJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value === undefined ? null : value);
  } catch {
    text = 'null';
  }
  return (text ?? 'null')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const numberFormat = new Intl.NumberFormat('en-GB');

/** "1 referral", "3 referrals", "1,204 people" (pass the plural when it is not singular + "s"). */
export function pluralise(count: unknown, singular: string, plural?: string): string {
  const n = typeof count === 'number' ? count : Number(count ?? 0);
  const safe = Number.isFinite(n) ? n : 0;
  const word = safe === 1 ? singular : (plural ?? `${singular}s`);
  return `${numberFormat.format(safe)} ${word}`;
}

// ---------------------------------------------------------------------------
// Form field view models (used by the partials in templates/partials)
// ---------------------------------------------------------------------------

type Dict = Record<string, unknown>;

const NUMERIC_WIDTHS = new Set(['30', '20', '10', '5', '4', '3', '2']);
const FLUID_WIDTHS = new Set([
  'full',
  'three-quarters',
  'two-thirds',
  'one-half',
  'one-third',
  'one-quarter',
]);

function widthClass(width: unknown): string | undefined {
  if (width === null || width === undefined || width === '') return undefined;
  const w = String(width);
  if (NUMERIC_WIDTHS.has(w)) return `govuk-input--width-${w}`;
  if (FLUID_WIDTHS.has(w)) return `govuk-!-width-${w}`;
  return undefined;
}

/**
 * The id a control gets from its field name ("needs.housing" → "needs-housing",
 * "people[0].name" → "people-0-name"), matching the error summary links of `formErrors`.
 */
export function controlId(name: string): string {
  return name.replace(/[.[\]]+/g, '-').replace(/-$/, '');
}

function rootOf(options: HelperOptions | undefined): unknown {
  return options?.data?.root;
}

function asList(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(String);
  return [String(value)];
}

/**
 * The view model of one form field: the partial's parameters plus
 * `id`, `error` (falls back to `@root.fieldErrors[name]`), `value` (falls back to
 * `@root.values[name]`), `hintId`, `errorId`, `describedBy`, `widthClass`, `showValue`,
 * `spellcheckAttr` and, for `items`/`options`, `choices` with `id`, `checked`, `hintId`.
 */
export function fieldModel(ctx: Dict, root: unknown): Dict {
  const name = ctx.name === undefined || ctx.name === null ? '' : String(ctx.name);
  const id = String(ctx.id || ctx.idPrefix || controlId(name));
  const error = ctx.error !== undefined ? ctx.error : own(own(root, 'fieldErrors'), name);
  const value = ctx.value !== undefined ? ctx.value : own(own(root, 'values'), name);
  const hintId = truthy(ctx.hint) ? `${id}-hint` : undefined;
  const errorId = truthy(error) ? `${id}-error` : undefined;
  const describedBy =
    [ctx.describedBy, hintId, errorId].filter((v) => truthy(v)).join(' ') || undefined;
  const type = ctx.type ? String(ctx.type) : 'text';
  const chosen = asList(value);

  const source = Array.isArray(ctx.items)
    ? ctx.items
    : Array.isArray(ctx.options)
      ? ctx.options
      : undefined;
  let choices: Dict[] | undefined;
  if (source) {
    let index = 0;
    choices = source
      .filter((item) => item !== null && item !== undefined)
      .map((raw) => {
        const item = (typeof raw === 'object' ? raw : { value: raw, text: raw }) as Dict;
        if (item.divider) return { ...item, isDivider: true };
        index += 1;
        const itemId = item.id ? String(item.id) : index === 1 ? id : `${id}-${index}`;
        const explicit = item.checked ?? item.selected;
        const checked =
          explicit !== undefined && explicit !== null
            ? Boolean(explicit)
            : item.value !== undefined && chosen.includes(String(item.value));
        const itemHintId = truthy(item.hint) ? `${itemId}-item-hint` : undefined;
        return {
          ...item,
          id: itemId,
          text: item.text ?? item.value,
          checked,
          hintId: itemHintId,
        };
      });
  }

  return {
    ...ctx,
    name,
    id,
    type,
    error: truthy(error) ? error : undefined,
    value,
    hintId,
    errorId,
    describedBy,
    widthClass: widthClass(ctx.width),
    showValue:
      type !== 'password' && value !== undefined && value !== null && !Array.isArray(value),
    spellcheckAttr:
      ctx.spellcheck === true || ctx.spellcheck === 'true'
        ? 'true'
        : ctx.spellcheck === false || ctx.spellcheck === 'false'
          ? 'false'
          : undefined,
    choices,
  };
}

/**
 * The view model of a date input (three fields named `<name>-day`, `<name>-month`, `<name>-year`).
 * Values come from `day`/`month`/`year`, or `value` ({ day, month, year } or "YYYY-MM-DD"), or
 * `@root.values['<name>-day']`…; the error from `error` or `@root.fieldErrors[name]`.
 * `errorPart` ('day' | 'month' | 'year') highlights only that field.
 */
export function dateFieldModel(ctx: Dict, root: unknown): Dict {
  const base = fieldModel({ ...ctx, value: ctx.value === undefined ? null : ctx.value }, root);
  const name = String(base.name);
  const id = String(base.id);
  const values = own(root, 'values');
  let fromValue: Dict = {};
  if (typeof ctx.value === 'string' && DATE_ONLY.test(ctx.value)) {
    const [y, m, d] = ctx.value.split('-');
    fromValue = { day: String(Number(d)), month: String(Number(m)), year: y };
  } else if (ctx.value && typeof ctx.value === 'object') {
    fromValue = ctx.value as Dict;
  }
  const errorPart = ctx.errorPart ? String(ctx.errorPart) : undefined;
  const bday = ctx.autocompleteBday === true || ctx.autocompleteBday === 'true';
  const parts = (['day', 'month', 'year'] as const).map((part) => {
    const value =
      ctx[part] !== undefined ? ctx[part] : (fromValue[part] ?? own(values, `${name}-${part}`));
    return {
      part,
      label: part.charAt(0).toUpperCase() + part.slice(1),
      id: `${id}-${part}`,
      name: `${name}-${part}`,
      value: value === undefined || value === null ? undefined : value,
      widthClass: part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2',
      hasError: Boolean(base.error) && (!errorPart || errorPart === part),
      autocomplete: bday ? `bday-${part}` : undefined,
    };
  });
  return { ...base, parts };
}

/** Summary list rows with `isEmpty` and the no-actions modifier worked out. */
export function summaryRowsModel(rows: unknown): Dict[] {
  if (!Array.isArray(rows)) return [];
  const list = rows.filter((r) => r && typeof r === 'object') as Dict[];
  const anyActions = list.some((r) => r.action && (r.action as Dict).href);
  return list.map((row) => {
    const hasAction = Boolean(row.action && (row.action as Dict).href);
    const lines = Array.isArray(row.lines)
      ? row.lines.filter((l) => l !== null && l !== undefined && l !== '')
      : undefined;
    const tags = Array.isArray(row.tags) ? row.tags : undefined;
    const isEmpty =
      (row.value === null ||
        row.value === undefined ||
        row.value === '' ||
        (Array.isArray(row.value) && row.value.length === 0)) &&
      !(lines && lines.length) &&
      !(tags && tags.length) &&
      (row.tag === null || row.tag === undefined || row.tag === '');
    return {
      ...row,
      lines,
      tags,
      isEmpty,
      hasAction,
      noActions: anyActions && !hasAction,
    };
  });
}

// ---------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------

/**
 * Registers: eq, neq, and, or, not, gt, gte, lt, lte, json, label, formatDate, formatDateTime, formatTime, isoDate,
 * includes, statusColour, plural, default, concat, lower, formatNumber, plus the partials' own
 * lwField, lwDateField, lwSummaryRows.
 */
export function registerViewHelpers(hbs: HelperRegistry): void {
  const register = (name: string, fn: (...args: unknown[]) => unknown) =>
    hbs.registerHelper(name, fn);

  /** {{#if (eq a b)}} — loose on number/string ("3" eq 3). */
  register('eq', (...args: unknown[]) => looseEqual(args[0], args[1]));
  register('neq', (...args: unknown[]) => !looseEqual(args[0], args[1]));
  /** {{#if (and a b c)}} — all truthy (empty arrays are false). */
  register('and', (...args: unknown[]) => {
    const values = params(args);
    return values.length > 0 && values.every(truthy);
  });
  /** {{#if (or a b c)}} — any truthy. */
  register('or', (...args: unknown[]) => params(args).some(truthy));
  register('not', (...args: unknown[]) => !truthy(args[0]));
  /** {{#if (gt a b)}}, gte, lt, lte — numeric comparison; false when either is not a number. */
  const numeric =
    (fn: (a: number, b: number) => boolean) =>
    (...args: unknown[]) => {
      const [a, b] = params(args);
      if (a === null || a === undefined || a === '' || b === null || b === undefined || b === '') {
        return false;
      }
      const x = Number(a);
      const y = Number(b);
      return Number.isFinite(x) && Number.isFinite(y) && fn(x, y);
    };
  register(
    'gt',
    numeric((a, b) => a > b),
  );
  register(
    'gte',
    numeric((a, b) => a >= b),
  );
  register(
    'lt',
    numeric((a, b) => a < b),
  );
  register(
    'lte',
    numeric((a, b) => a <= b),
  );
  /** {{json value}} — JSON text, HTML-safe; escaped again by {{ }} so it also fits attributes. */
  register('json', (...args: unknown[]) => safeJson(params(args)[0]));
  /** {{label code}} or {{label code overrides}} — arrays are joined with ", ". */
  /** {{languageName code}}: "Somali" for "so"; an unknown code is shown as it is. */
  register('languageName', (...args: unknown[]) => {
    const [code] = params(args);
    return typeof code === 'string' ? (languageName(code) ?? code) : '';
  });
  register('label', (...args: unknown[]) => {
    const [code, table] = params(args);
    const overrides =
      table && typeof table === 'object' && !Array.isArray(table)
        ? (table as Record<string, string>)
        : undefined;
    if (Array.isArray(code)) return code.map((c) => humanLabel(c, overrides)).join(', ');
    return humanLabel(code, overrides);
  });
  register('formatDate', (...args: unknown[]) => formatDate(args[0]));
  register('formatDateTime', (...args: unknown[]) => formatDateTime(args[0]));
  register('formatTime', (...args: unknown[]) => formatTime(args[0]));
  register('isoDate', (...args: unknown[]) => isoDate(args[0]));
  /** {{#if (includes list value)}} — arrays (loose equality) or substring of a string. */
  register('includes', (...args: unknown[]) => {
    const [haystack, needle] = params(args);
    if (Array.isArray(haystack)) return haystack.some((v) => looseEqual(v, needle));
    if (typeof haystack === 'string' && needle !== undefined && needle !== null) {
      return haystack.includes(String(needle));
    }
    return false;
  });
  register('statusColour', (...args: unknown[]) => statusColourClass(args[0]));
  /** {{plural count "referral"}} → "3 referrals"; {{plural n "person" "people"}}. */
  register('plural', (...args: unknown[]) => {
    const [count, singular, plural] = params(args);
    return pluralise(
      count,
      String(singular ?? ''),
      typeof plural === 'string' ? plural : undefined,
    );
  });
  /** {{default a b "fallback"}} — the first argument that is not null or undefined. */
  register('default', (...args: unknown[]) =>
    params(args).find((v) => v !== null && v !== undefined),
  );
  register('concat', (...args: unknown[]) =>
    params(args)
      .map((v) => (v === null || v === undefined ? '' : String(v)))
      .join(''),
  );
  register('lower', (...args: unknown[]) =>
    args[0] === null || args[0] === undefined ? '' : String(args[0]).toLowerCase(),
  );
  register('formatNumber', (...args: unknown[]) => {
    const n = Number(args[0]);
    return args[0] === null || args[0] === undefined || !Number.isFinite(n)
      ? ''
      : numberFormat.format(n);
  });

  // View models for the partials (not meant for page templates).
  register('lwField', (...args: unknown[]) => {
    const options = args[args.length - 1] as HelperOptions;
    return fieldModel((args[0] ?? {}) as Dict, rootOf(options));
  });
  register('lwDateField', (...args: unknown[]) => {
    const options = args[args.length - 1] as HelperOptions;
    return dateFieldModel((args[0] ?? {}) as Dict, rootOf(options));
  });
  register('lwSummaryRows', (...args: unknown[]) => summaryRowsModel(args[0]));
}

/**
 * Registers every `*.hbs` in `dir` as a partial named after the file (`error-summary.hbs` →
 * `error-summary`), synchronously. Accepts the `hbs` module or a Handlebars environment.
 *
 * A partial called with hash parameters (`{{> input name="email" label="Email"}}`) sees only
 * those parameters (and `@root`), not the caller's context, so a missing `hint` or `id` can
 * never be picked up from the surrounding page or loop item. A partial called without
 * parameters (`{{> flash}}`) sees the caller's context as usual.
 */
export function registerViewPartials(
  target: PartialEnvironment | { handlebars: PartialEnvironment },
  dir: string,
): string[] {
  const env: PartialEnvironment = 'handlebars' in target ? target.handlebars : target;
  const names: string[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (extname(file) !== '.hbs') continue;
    const name = basename(file, '.hbs');
    const source = readFileSync(join(dir, file), 'utf8');
    let compiled: ((context: unknown, options?: object) => string) | undefined;
    const partial = (
      context: unknown,
      options: { hash?: Dict; data?: unknown; helpers?: unknown; partials?: unknown } = {},
    ): string => {
      compiled ??= env.compile(source);
      const hash = options.hash;
      const scope = hash && Object.keys(hash).length > 0 ? { ...hash } : context;
      return compiled(scope, {
        data: options.data,
        helpers: options.helpers,
        partials: options.partials,
        allowProtoPropertiesByDefault: true,
      });
    };
    env.registerPartial(name, partial);
    names.push(name);
  }
  return names;
}
