import type { FieldError } from '../domain-error';

/**
 * Characters a PostgreSQL text (or jsonb) value cannot hold: NUL is refused outright ("invalid
 * byte sequence for encoding UTF8: 0x00"), and a UTF-16 surrogate without its pair has no UTF-8
 * form, so the driver would silently store U+FFFD in its place.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_MESSAGE =
  'contains a character that cannot be saved (a NUL character or a broken Unicode character)';

export const isStorableText = (s: string): boolean => !UNSTORABLE.test(s);

/**
 * The first string (value or key) anywhere in the input that cannot be stored, named by its
 * dotted path as validation errors are (person.givenName, needs.0.note). Iterative, so hostile
 * nesting cannot overflow the stack.
 */
export function findUnstorableText(input: unknown, root = ''): FieldError | undefined {
  const pending: [unknown, string][] = [[input, root]];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return { field: path || 'body', message: UNSTORABLE_MESSAGE };
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) return { field: childPath, message: UNSTORABLE_MESSAGE };
        pending.push([child, childPath]);
      }
    }
  }
  return undefined;
}
