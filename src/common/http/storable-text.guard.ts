import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { invalid } from '../domain-error';
import { findUnstorableText } from './storable-text';

/**
 * Every string a request brings (body, query and path, on every route: API, FHIR and pages) is
 * checked once here, before any handler or validation sees it: a NUL character or a broken
 * Unicode character is refused with 422 naming the field, instead of reaching PostgreSQL as a 500.
 * It runs after the access guard, so nobody learns anything about a route they may not call.
 */
@Injectable()
export class StorableTextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const problem =
      findUnstorableText(req.params as unknown) ??
      findUnstorableText(req.query as unknown) ??
      findUnstorableText(req.body as unknown);
    if (!problem) return true;
    throw invalid(
      'unstorable_text',
      'Something you sent contains a character that cannot be saved. Remove it and try again.',
      [problem],
    );
  }
}
