/**
 * The Handlebars helpers of the server-rendered pages. Register once at start-up, before the
 * first render, together with the partials (`./partials.ts`):
 *
 *   registerViewHelpers(hbs);
 *   registerViewPartials(hbs, join(TEMPLATES_DIR, 'partials'));
 */
import { countryDisplayName } from '../i18n/code-choices';
import { languageName } from '../validation/iso-codes';
import { formatDate, formatDateTime, formatTime, isoDate } from './dates';
import { dateFieldModel, fieldModel, summaryRowsModel, type Dict } from './field-models';
import { humanLabel } from './labels';
import { statusColourClass } from './status-colours';
import { formatNumber, looseEqual, pluralise, safeJson, truthy } from './values';

const GENDER_WORDS: Record<string, string> = {
  female: 'a woman',
  male: 'a man',
};
const MODE_WORDS: Record<string, string> = {
  in_person: 'in person',
  phone: 'by phone',
  video: 'by video',
};

/** What a person would like of an interpreter, in a staff page's words. */
export function interpreterText(prefs: unknown, fallbackLanguage?: string): string {
  const p = (prefs && typeof prefs === 'object' ? prefs : {}) as Record<string, unknown>;
  const code = typeof p.language === 'string' && p.language ? p.language : fallbackLanguage;
  const language = code ? (languageName(code) ?? code) : undefined;
  const dialect = typeof p.dialect === 'string' && p.dialect ? p.dialect : undefined;
  const parts = [
    language && dialect ? `${language} (${dialect})` : (language ?? dialect),
    typeof p.gender === 'string' ? GENDER_WORDS[p.gender] : undefined,
    typeof p.mode === 'string' ? MODE_WORDS[p.mode] : undefined,
  ].filter((x): x is string => Boolean(x));
  return parts.join(', ');
}

/** The slice of `hbs` (or of a Handlebars environment) that `registerViewHelpers` needs. */
export interface HelperRegistry {
  // Method syntax keeps the parameter bivariant, so `hbs` and `Handlebars.create()` both fit.
  registerHelper(name: string, fn: (...args: unknown[]) => unknown): void;
}

/** Handlebars passes this as the last argument of every helper. */
interface HelperOptions {
  hash?: Record<string, unknown>;
  data?: { root?: unknown };
  fn?: (context: unknown) => string;
  inverse?: (context: unknown) => string;
}

/** Drop the Handlebars options object from a helper's arguments. */
function params(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

function rootOf(options: HelperOptions | undefined): unknown {
  return options?.data?.root;
}

/**
 * Registers: eq, neq, and, or, not, gt, gte, lt, lte, json, languageName, countryName, label, formatDate, formatDateTime, formatTime, isoDate,
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
  /** {{countryName code}}: "Eritrea" for "ER"; an unknown code is shown as it is. */
  register('countryName', (...args: unknown[]) => {
    const [code] = params(args);
    return typeof code === 'string' ? (countryDisplayName(code) ?? code) : '';
  });
  /**
   * {{interpreterText prefs fallbackLanguage}}: "Tigrinya (as spoken in Asmara), a woman, in
   * person": what a person would like of an interpreter, for staff pages; '' when nothing is known.
   */
  register('interpreterText', (...args: unknown[]) => {
    const [prefs, fallback] = params(args);
    return interpreterText(prefs, typeof fallback === 'string' ? fallback : undefined);
  });
  /**
   * {{label code [overrides]}}: a code's words. Handlebars calls a helper before it reads a field
   * of the same name, so a bare {{label}} meant the context's own `label`: that is what it gives.
   */
  register('label', function (this: unknown, ...args: unknown[]) {
    if (params(args).length === 0) {
      const own = (this as { label?: unknown } | null | undefined)?.label;
      return typeof own === 'string' || typeof own === 'number' ? own : '';
    }
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
  register('formatNumber', (...args: unknown[]) => formatNumber(args[0]));

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
