import { DomainError } from '../common/domain-error';

export const invalidCredentials = () =>
  new DomainError(
    'unauthenticated',
    'invalid_credentials',
    'The email address or password is not correct',
  );
export const tooManyAttempts = () =>
  new DomainError(
    'throttled',
    'too_many_attempts',
    'Too many failed sign-in attempts for this account; try again in 15 minutes',
  );
