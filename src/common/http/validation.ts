import { UnprocessableEntityException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '../domain-error';

/** Flattens class-validator's tree into dotted field paths: person.givenName, needs.0.severity. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(ownConstraints(error)).map((message) => ({
      field,
      message: humanise(message, error.property),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

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
  constructor(readonly errors: FieldError[]) {
    super({ message: 'The request has invalid fields', errors });
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
    exceptionFactory: (errors) => new InputInvalidException(flattenValidationErrors(errors)),
  });
}
