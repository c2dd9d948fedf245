import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { FieldError } from '../common/domain-error';
import type { FieldProblem } from '../common/forms/field-words';
import { labelled } from '../common/forms/page-form';
import { NEEDS_WORDS } from './case-words';
import { NEEDS_DOMAINS, type NeedsDomain } from '../common/vocabulary';
import { humanLabel } from '../common/views/labels';
import type { CaseFileService } from './case-file.service';

/** Severity labels shown beside the 0–4 scale. */
export const SEVERITY_LABELS = ['0 – None', '1 – Low', '2 – Moderate', '3 – High', '4 – Crisis'];

type Body = Record<string, unknown>;

export const text = (body: Body, name: string): string | undefined => {
  const v = body[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

export const list = (body: Body, name: string): string[] => {
  const v = body[name];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
};

/**
 * A language or country chosen by name (or typed as one) as its code; what matches nothing is
 * kept as typed, so validation names it.
 */
export const byName = (
  typed: string | null | undefined,
  codeFor: (typed: string) => string | undefined,
): string | null => (typed ? (codeFor(typed) ?? typed) : null);

/** "yes"/"no" radios to a boolean; anything else is left for validation to name. */
export const yesNo = (body: Body, name: string): boolean | string | undefined => {
  const v = text(body, name);
  return v === 'yes' ? true : v === 'no' ? false : v;
};

/** A GOV.UK date input (name-day, name-month, name-year) as YYYY-MM-DD, or what was typed. */
export function dateFromParts(body: Body, name: string): string | undefined {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => text(body, `${name}-${p}`) ?? '');
  if (!d && !m && !y) return undefined;
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return `${y}-${m}-${d}`;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** One row per domain: severity select, "matters most" checkbox and a note. */
export function shapeNeeds(body: Body) {
  const needs = NEEDS_DOMAINS.filter((d) => text(body, `severity_${d}`) !== undefined).map((d) => ({
    domain: d,
    severity: Number(text(body, `severity_${d}`)),
    priority: list(body, 'priorities').includes(d),
    ...(text(body, `note_${d}`) ? { note: text(body, `note_${d}`) } : {}),
  }));
  return { needs, whatMattersToMe: text(body, 'whatMattersToMe') };
}

/** Errors on needs.N.x name the form control of that domain. */
export function needsFieldErrors(errors: FieldProblem[], domains: NeedsDomain[]): FieldError[] {
  return errors.map((e) => {
    const m = /^needs\.(\d+)\.(\w+)$/.exec(e.field);
    if (!m) {
      const { message } = labelled(e, NEEDS_WORDS);
      return e.field === 'needs' ? { field: 'severity_housing', message } : { ...e, message };
    }
    const domain = domains[Number(m[1])];
    const control = m[2] === 'note' ? `note_${domain}` : `severity_${domain}`;
    const { message } = labelled({ ...e, field: m[2] }, NEEDS_WORDS);
    return { field: control, message: `${humanLabel(domain)}: ${message}` };
  });
}

export const domainRows = () =>
  NEEDS_DOMAINS.map((code) => ({
    code,
    name: humanLabel(code),
    options: [
      { value: '', text: 'Not assessed' },
      ...SEVERITY_LABELS.map((t, i) => ({ value: String(i), text: t })),
    ],
  }));

export const codeItems = (codes: readonly string[]) =>
  codes.map((c) => ({ value: c, text: humanLabel(c) }));

export const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];

/** What every case form shows around the form: the person's name, its heading, the way back. */
export async function caseFormModel(
  caseFile: CaseFileService,
  id: string,
  actor: AuthenticatedUser,
  title: string,
) {
  const header = await caseFile.header(id, actor);
  return {
    title: `${title} – ${header.givenName}`,
    pageHeading: title,
    theCase: header,
    backHref: `/cases/${id}`,
  };
}
