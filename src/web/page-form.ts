import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldError } from '../common/domain-error';
import { flattenValidationErrors } from '../common/http/validation';

export interface FormErrors {
  errors: (FieldError & { href: string })[];
  fieldErrors: Record<string, string>;
}

export function formErrors(errors: FieldError[]): FormErrors {
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) fieldErrors[e.field] ??= `${labelOf(e.field)} ${e.message}`;
  return {
    errors: Object.entries(fieldErrors).map(([field, message]) => ({
      field,
      message,
      href: `#${fieldId(field)}`,
    })),
    fieldErrors,
  };
}

/** The id a form control gets for a field path, so error summary links land on it. */
export const fieldId = (field: string) => field.replace(/[.[\]]+/g, '-').replace(/-$/, '');

function labelOf(field: string): string {
  const last = field.split('.').pop() ?? field;
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Validates a submitted form against the same DTO the API uses. Forms post strings, so the caller
 * shapes the body first; unknown fields (like _csrf) are stripped rather than refused.
 */
export async function validateForm<T extends object>(
  dto: ClassConstructor<T>,
  shaped: Record<string, unknown>,
): Promise<{ value: T; errors?: FormErrors }> {
  const value = plainToInstance(dto, shaped);
  const problems = await validate(value, { whitelist: true, forbidNonWhitelisted: false });
  return problems.length
    ? { value, errors: formErrors(flattenValidationErrors(problems)) }
    : { value };
}
