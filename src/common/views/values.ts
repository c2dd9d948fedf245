/** Small pure helpers the view helpers and view models share. */
export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Own property of a plain object, never something from its prototype. */
export function own(obj: unknown, key: unknown): unknown {
  if (obj === null || typeof obj !== 'object' || key === null || key === undefined)
    return undefined;
  const k = String(key);
  return hasOwn(obj, k) ? (obj as Record<string, unknown>)[k] : undefined;
}

/** Truthiness as Handlebars' `{{#if}}` sees it: empty arrays are false, 0 is false. */
export function truthy(value: unknown): boolean {
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

/** "1,204" (en-GB grouping); '' when absent or not a number. */
export function formatNumber(value: unknown): string {
  const n = Number(value);
  return value === null || value === undefined || !Number.isFinite(n) ? '' : numberFormat.format(n);
}
