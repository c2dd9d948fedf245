/** The forms on a page, read from its HTML well enough to fill them in as a person would. */
export interface FoundField {
  name: string;
  /** text, email, number, hidden, radio, checkbox, select, textarea, password… */
  type: string;
  value: string;
}

export interface FoundForm {
  method: 'get' | 'post';
  action: string;
  fields: FoundField[];
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return m ? m[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=') : undefined;
};

/** Every `<form>` on the page with its controls (inputs, selects, textareas). */
export function formsIn(html: string, pageUrl: string): FoundForm[] {
  const forms: FoundForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, open, inner] = m;
    const method = (attr(open, 'method') ?? 'get').toLowerCase() === 'post' ? 'post' : 'get';
    const action = attr(open, 'action') ?? pageUrl.split('?')[0];
    const fields: FoundField[] = [];
    for (const tag of inner.match(/<input\b[^>]*>/gi) ?? []) {
      const name = attr(tag, 'name');
      if (name) {
        fields.push({
          name,
          type: (attr(tag, 'type') ?? 'text').toLowerCase(),
          value: attr(tag, 'value') ?? '',
        });
      }
    }
    for (const sel of inner.match(/<select\b[^>]*>/gi) ?? []) {
      const name = attr(sel, 'name');
      if (name) fields.push({ name, type: 'select', value: '' });
    }
    for (const area of inner.match(/<textarea\b[^>]*>/gi) ?? []) {
      const name = attr(area, 'name');
      if (name) fields.push({ name, type: 'textarea', value: '' });
    }
    forms.push({ method, action, fields });
  }
  return forms;
}

const CHOICE_TYPES = new Set(['radio', 'checkbox', 'select']);

/** What a person might type wrongly in each kind of control. */
function wrongValue(f: FoundField): string {
  if (f.name.endsWith('-day')) return '32';
  if (f.name.endsWith('-month')) return '13';
  if (f.name.endsWith('-year')) return '20';
  if (CHOICE_TYPES.has(f.type)) return 'not-one-of-the-choices';
  if (f.type === 'email') return 'not an email address';
  if (f.type === 'number') return 'many';
  return 'x'.repeat(5001);
}

/** The form sent with nothing filled in (hidden fields keep their values). */
export function emptyBody(form: FoundForm): Record<string, string> {
  return Object.fromEntries(
    form.fields
      .filter((f) => f.type === 'hidden' && f.name !== '_csrf')
      .map((f) => [f.name, f.value]),
  );
}

/** The form sent with every control filled in wrongly (hidden fields keep their values). */
export function wrongBody(form: FoundForm): Record<string, string> {
  const body: Record<string, string> = {};
  for (const f of form.fields) {
    if (f.name === '_csrf' || f.type === 'submit') continue;
    body[f.name] = f.type === 'hidden' ? f.value : wrongValue(f);
  }
  return body;
}

/**
 * class-validator's default messages (and the API's own technical ones), which a page must never
 * show: a person cannot act on them.
 */
export const VALIDATOR_PHRASES = [
  'must be a string',
  'must be a valid',
  'must be one of the following values',
  'must contain at least',
  'must contain no more than',
  'should not be empty',
  'should not exist',
  'must be shorter than or equal to',
  'must be longer than or equal to',
  'must be an integer number',
  'must be a number conforming',
  'must be a boolean value',
  'must be an array',
  'must be an object',
  'must be a UUID',
  'must be an email',
  'must be a Date instance',
  'must not be less than',
  'must not be greater than',
  'must match',
  'regular expression',
  'must be equal to',
  'elements must be unique',
  'nested property',
  'each value in',
  'must be a date (YYYY-MM-DD)',
  'ISO 3166',
  'ISO 639',
  'ISO 8601',
  'is not a recognised field',
  'modulus 11',
  'must be true:',
  'must not be empty',
  'must be a UK postcode',
  'must be a phone number',
  'must be a user id',
  'must be an ISO',
] as const;

/** The validator phrases a page shows, each with a little of the text around it. */
export function validatorTextIn(html: string): string[] {
  const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  return VALIDATOR_PHRASES.flatMap((phrase) => {
    const at = text.toLowerCase().indexOf(phrase.toLowerCase());
    return at < 0 ? [] : [text.slice(Math.max(0, at - 60), at + phrase.length + 20).trim()];
  });
}
