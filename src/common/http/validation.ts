import { UnprocessableEntityException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '../domain-error';
import { isChoiceRule, type FieldProblem } from '../forms/field-words';

/**
 * Flattens class-validator's tree into dotted field paths (person.givenName, needs.0.severity),
 * each with the rule it broke, so a page can say it in its own words.
 */
export function validationProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const choice = Object.keys(error.constraints ?? {}).some(isChoiceRule);
    const empty = isEmpty(error.value);
    const own = Object.entries(ownConstraints(error)).map(([rule, message]) => ({
      field,
      message: humanise(message, error.property),
      rule,
      ...(empty ? { empty } : {}),
      ...(empty && choice ? { choice } : {}),
    }));
    return [...own, ...validationProblems(error.children ?? [], field)];
  });
}

/** The API's field errors: each field's messages, technical but clear. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return validationProblems(errors, parent).map(({ field, message }) => ({ field, message }));
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * The messages worth showing for one field: a missing field is just "is required" (not every rule
 * it also fails), and a value of the wrong type is told its type before any length or range.
 */
function ownConstraints(error: ValidationError): Record<string, string> {
  const all = error.constraints ?? {};
  if (error.value === undefined && !('whitelistValidation' in all))
    return { isDefined: 'is required' };
  const typeChecks = Object.entries(all).filter(([name]) => TYPE_CHECKS.has(name));
  return typeChecks.length ? Object.fromEntries(typeChecks) : all;
}

const TYPE_CHECKS = new Set([
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'nestedValidation',
  'isDateString',
  'isIso8601',
]);

function humanise(message: string, property: string): string {
  if (message === `property ${property} should not exist`) return 'is not a recognised field';
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

export class InputInvalidException extends UnprocessableEntityException {
  readonly errors: FieldError[];

  /** `problems` keep the rules broken, for pages; the API answers with field and message only. */
  constructor(readonly problems: FieldProblem[]) {
    const errors = problems.map(({ field, message }) => ({ field, message }));
    super({ message: 'The request has invalid fields', errors });
    this.errors = errors;
  }
}

/** The one validation setup: unknown fields rejected, types transformed, errors keyed by field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new InputInvalidException(validationProblems(errors)),
  });
}
