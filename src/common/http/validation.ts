import { UnprocessableEntityException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from '../domain-error';

/** Flattens class-validator's tree into dotted field paths: person.givenName, needs.0.severity. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: humanise(message, error.property),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

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
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InputInvalidException(flattenValidationErrors(errors)),
  });
}
