import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

export const IS_NHS_NUMBER = 'isNhsNumber';

/** Digits only, or undefined when the input is not ten digits once spaces are removed. */
export function normaliseNhsNumber(value: string): string | undefined {
  const digits = value.replace(/ /g, '');
  return /^\d{10}$/.test(digits) ? digits : undefined;
}

/**
 * The NHS modulus 11 check: the first nine digits weighted 10 down to 2, check digit
 * 11 − (sum mod 11), where 11 means 0 and 10 means the number can never be issued.
 */
export function isValidNhsNumber(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const digits = normaliseNhsNumber(value);
  if (digits === undefined) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

export function IsNhsNumber(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_NHS_NUMBER,
      validator: {
        validate: (value: unknown): boolean => isValidNhsNumber(value),
        defaultMessage: buildMessage(
          (eachPrefix) => `${eachPrefix}$property must be a valid NHS number`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}
