import { DATE_ONLY } from './dates';
import { own, truthy } from './values';

/** Form field view models, used by the partials in templates/partials. */
export type Dict = Record<string, unknown>;

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
