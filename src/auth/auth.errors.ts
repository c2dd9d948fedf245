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
export const totpRequired = () =>
  new DomainError(
    'unauthenticated',
    'totp_required',
    'Enter the current 6-digit code from your authenticator app',
  );
