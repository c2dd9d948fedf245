import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { logUnexpectedError } from '../logging/request-logging';
import { DomainError, type DomainErrorKind, type FieldError } from '../domain-error';
import { inPageWords } from '../forms/field-words';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from './problem';
import { InputInvalidException } from './validation';
import { isMachineRequest } from './request-kind';

/** The HTTP status each kind of DomainError means, for machines and for re-shown page forms. */
export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  throttled: 429,
};

/** Turns anything thrown into problem+json for machines and an error page (or sign-in) for people. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = this.toProblem(exception, req);
    if (res.headersSent) return;

    if (!isMachineRequest(req)) {
      if (body.status === 401) {
        res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      // People read what was wrong in plain words, never the validator's.
      const problems =
        exception instanceof InputInvalidException ? exception.problems : body.errors;
      const forPeople = problems ? { ...body, errors: problems.map((p) => inPageWords(p)) } : body;
      res.status(body.status).render(body.status === 404 ? 'errors/not-found' : 'errors/error', {
        title: body.title,
        problem: forPeople,
        currentUser: (req as Request & { user?: unknown }).user,
      });
      return;
    }
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown, req: Request): Problem {
    if (exception instanceof DomainError) {
      return problem(STATUS_BY_KIND[exception.kind], exception.message, {
        code: exception.code,
        ...(exception.errors ? { errors: exception.errors } : {}),
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const payload =
        typeof response === 'object' && response !== null
          ? (response as Record<string, unknown>)
          : {};
      const errors = Array.isArray(payload.errors) ? (payload.errors as FieldError[]) : undefined;
      const message = typeof payload.message === 'string' ? payload.message : exception.message;
      return problem(status, status === 429 ? 'Too many requests; try again later' : message, {
        ...(typeof payload.code === 'string' ? { code: payload.code } : {}),
        ...(errors ? { errors } : {}),
      });
    }
    if (isDatabaseUnavailable(exception)) {
      return problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        'The database is unavailable; try again shortly',
        {
          code: 'database_unavailable',
        },
      );
    }
    logUnexpectedError(req, exception, this.logger);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'Something went wrong on our side');
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P03',
  '08006',
  '08001',
  '08003',
]);

/** pg's own messages: the connection ended, could not be made, or a query got no answer in time. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout/i;

function isDatabaseUnavailable(e: unknown): boolean {
  const err = (e instanceof QueryFailedError ? e.driverError : e) as
    { code?: string; message?: string } | undefined;
  if (!err) return false;
  if (err.code && CONNECTION_ERROR_CODES.has(err.code)) return true;
  return UNAVAILABLE_MESSAGE.test(err.message ?? '');
}
