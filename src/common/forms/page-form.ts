import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorKind, type FieldError } from '../domain-error';
import { STATUS_BY_KIND } from '../http/problem-details.filter';
import { validationProblems } from '../http/validation';
import { inPageWords, type FieldProblem, type WordsTable } from './field-words';
import { setFlash, type FlashKind } from './flash';

export interface FormErrors {
  errors: (FieldError & { href?: string })[];
  fieldErrors: Record<string, string>;
}

/** The id a form control gets for a field path, so error summary links land on it. */
export const fieldId = (field: string) => field.replace(/[.[\]]+/g, '-').replace(/-$/, '');

/**
 * A problem in a page's words: the table's for its field when given one, else plain words for the
 * rule it broke ("Description is required"), never class-validator's text; a service's field error
 * gets its field's name in front ("Date must be today or in the past").
 */
export const labelled = (e: FieldProblem, words?: WordsTable): FieldError => inPageWords(e, words);

/**
 * What the error summary and the fields show, from messages that are already final: one per
 * field (the first), each linking to its control, or to the day box of a GOV.UK date input. A
 * problem with no field ('') is listed in the summary without a link.
 */
export function shownErrors(
  problems: FieldError[],
  dateFields: readonly string[] = [],
): FormErrors {
  const byField = new Map<string, string>();
  for (const p of problems) if (!byField.has(p.field)) byField.set(p.field, p.message);
  const entries = [...byField];
  return {
    errors: entries.map(([field, message]) => ({
      field,
      message,
      href:
        field === '' ? undefined : `#${fieldId(field)}${dateFields.includes(field) ? '-day' : ''}`,
    })),
    fieldErrors: Object.fromEntries(entries.filter(([field]) => field !== '')),
  };
}

/** Validation messages labelled by field, for pages that show them without a form to submit. */
export const formErrors = (errors: FieldProblem[], words?: WordsTable): FormErrors =>
  shownErrors(errors.map((e) => labelled(e, words)));

/**
 * Validates a submitted form against the same DTO the API uses. Forms post strings, so the caller
 * shapes the body first; unknown fields (like _csrf) are stripped rather than refused.
 */
export async function validateForm<T extends object>(
  dto: ClassConstructor<T>,
  shaped: Record<string, unknown>,
  words?: WordsTable,
): Promise<{ value: T; errors?: FormErrors }> {
  const { value, problems } = await validateShaped(dto, shaped);
  return problems.length ? { value, errors: formErrors(problems, words) } : { value };
}

async function validateShaped<T extends object>(
  dto: ClassConstructor<T>,
  shaped: Record<string, unknown>,
): Promise<{ value: T; problems: FieldProblem[] }> {
  const value = plainToInstance(dto, shaped);
  const found = await validate(value, { whitelist: true, forbidNonWhitelisted: false });
  return { value, problems: validationProblems(found) };
}

export type FlashMessage = string | { message: string; kind: FlashKind };

/**
 * One page form: how to read it, what it does, and the page it came from.
 *
 * Refusals are told apart by the service's DomainError kind. `invalid` and `conflict` (and, for
 * sign-in, `unauthenticated` and `throttled`) are about what was typed or the record's state, so
 * the same form comes back with an error summary and what the person typed, under the status the
 * API gives that kind (422, 409, 401, 429). `not_found` and `forbidden` are about the record
 * itself: they are not caught, so the error page shows them (404, or 403 for a record the person
 * may read but not change), as on every other route.
 */
export interface PageForm<T extends object, R> {
  /** The API's DTO and the body shaped for it (forms post strings). Omit for a plain button. */
  dto?: ClassConstructor<T>;
  shaped?: Record<string, unknown>;
  /** Problems the DTO cannot see (a confirmation box, the honeypot), as final sentences. */
  check?: () => FieldError[];
  /**
   * GOV.UK-style messages for the DTO's fields ("Enter a date of birth"), by field and rule: a
   * table a module keeps per DTO may serve many forms. Fields it leaves out get plain words for
   * the rule they broke; nothing shows class-validator's own text.
   */
  words?: WordsTable;
  /**
   * Puts validation errors, and a service's field errors, in the form's words and on its
   * controls. It may drop errors that belong to another page. Default: each in `words`.
   */
  fields?: (errors: FieldProblem[]) => FieldError[];
  /**
   * Puts a service's refusal in the form's words and on a control. By default its field errors go
   * through `fields`, and a refusal without any is listed in the summary on its own.
   */
  refusal?: (e: DomainError) => FieldError[];
  /** Controls that are GOV.UK date inputs: their errors link to the day box. */
  dateFields?: readonly string[];
  /** The change, through the module's service. */
  act: (value: T) => Promise<R>;
  flash?: FlashMessage | ((result: R) => FlashMessage);
  /** Where the browser goes next (303). Omit only when `act` has answered itself (a report). */
  redirect?: string | ((result: R) => string);
  /** The page shown again on a refusal, built only then. */
  view: string;
  model: () => object | Promise<object>;
  /** What the form shows again: by default the model's `values`, else what was posted. */
  values?: Record<string, unknown>;
}

const FORM_KINDS = new Set<DomainErrorKind>([
  'invalid',
  'conflict',
  'unauthenticated',
  'throttled',
]);

/** Validates, acts, then redirects with a flash; or shows the same form again with what went wrong. */
export async function handlePageForm<T extends object, R>(
  req: Request,
  res: Response,
  form: PageForm<T, R>,
): Promise<void> {
  const inWords =
    form.fields ?? ((errors: FieldProblem[]) => errors.map((e) => labelled(e, form.words)));
  const { value, problems: invalidInput } = form.dto
    ? await validateShaped(form.dto, form.shaped ?? {})
    : { value: {} as T, problems: [] };
  const problems = [
    ...(invalidInput.length ? inWords(invalidInput) : []),
    ...(form.check?.() ?? []),
  ];
  if (problems.length) return showAgain(req, res, form, 422, problems);

  let result: R;
  try {
    result = await form.act(value);
  } catch (e) {
    if (!(e instanceof DomainError) || !FORM_KINDS.has(e.kind)) throw e;
    return showAgain(req, res, form, STATUS_BY_KIND[e.kind], refusalInWords(e, form, inWords));
  }
  const flash = typeof form.flash === 'function' ? form.flash(result) : form.flash;
  if (flash) {
    if (typeof flash === 'string') setFlash(req, flash);
    else setFlash(req, flash.message, flash.kind);
  }
  if (form.redirect !== undefined) {
    res.redirect(303, typeof form.redirect === 'function' ? form.redirect(result) : form.redirect);
  }
}

function refusalInWords<T extends object, R>(
  e: DomainError,
  form: PageForm<T, R>,
  inWords: (errors: FieldProblem[]) => FieldError[],
): FieldError[] {
  if (form.refusal) return form.refusal(e);
  const mapped = e.errors?.length ? inWords(e.errors) : [];
  return mapped.length ? mapped : [{ field: '', message: e.message }];
}

async function showAgain<T extends object, R>(
  req: Request,
  res: Response,
  form: PageForm<T, R>,
  status: number,
  problems: FieldError[],
): Promise<void> {
  const model = await form.model();
  res.status(status).render(form.view, {
    values: req.body ?? {},
    ...model,
    ...(form.values ? { values: form.values } : {}),
    ...shownErrors(problems, form.dateFields),
  });
}
