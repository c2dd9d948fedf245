/**
 * What went wrong, in the domain's words. Services throw these, never HTTP exceptions;
 * the transports (API filter, page controllers) decide how each kind is shown.
 */
export type DomainErrorKind =
  | 'invalid' // the request breaks a rule about its own content (422)
  | 'not_found' // missing, or not visible to this user (404)
  | 'conflict' // clashes with the current state (409)
  | 'forbidden' // authenticated but not allowed (403)
  | 'unauthenticated' // no or bad credentials (401)
  | 'throttled'; // too many attempts (429)

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) =>
  new DomainError('not_found', 'not_found', `${what} not found`);
export const invalid = (code: string, message: string, errors?: FieldError[]) =>
  new DomainError('invalid', code, message, errors);
export const conflict = (code: string, message: string) =>
  new DomainError('conflict', code, message);
export const forbidden = (message = 'You are not allowed to do this') =>
  new DomainError('forbidden', 'forbidden', message);
