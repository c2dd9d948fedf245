import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { logUnexpectedError } from '../common/logging/request-logging';
import { DomainError, type DomainErrorKind } from '../common/domain-error';
import { FhirInvalidError, type FhirIssue } from './fhir-service-request.mapper';

export const FHIR_CONTENT_TYPE = 'application/fhir+json';

const BY_KIND: Record<DomainErrorKind, { status: number; code: string }> = {
  invalid: { status: 422, code: 'invalid' },
  not_found: { status: 404, code: 'not-found' },
  conflict: { status: 409, code: 'conflict' },
  forbidden: { status: 403, code: 'forbidden' },
  unauthenticated: { status: 401, code: 'login' },
  throttled: { status: 429, code: 'throttled' },
};

const BY_STATUS: Record<number, string> = {
  400: 'structure',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-costly',
  422: 'invalid',
  429: 'throttled',
};

/** FHIR intake's paths, in any letter case (as request-kind.ts decides machine routes). */
export const isFhirPath = (path: string) => /^\/fhir(\/|$)/i.test(path);

/** One error as FHIR says it: an OperationOutcome with a single issue. */
export function operationOutcome(status: number, diagnostics: string) {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: BY_STATUS[status] ?? 'processing', diagnostics }],
  };
}

/**
 * FHIR clients get every error as an OperationOutcome in application/fhir+json, never
 * problem+json (errors from the body parser, before Nest, are sent the same way in app.setup.ts).
 */
@Catch()
export class FhirOperationOutcomeFilter implements ExceptionFilter {
  private readonly logger = new Logger('Fhir');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    const { status, issues } = this.toIssues(exception, http.getRequest<Request>());
    res
      .status(status)
      .type(FHIR_CONTENT_TYPE)
      .send(JSON.stringify({ resourceType: 'OperationOutcome', issue: issues }));
  }

  private toIssues(
    exception: unknown,
    req: Request,
  ): { status: number; issues: FhirIssue[] | object[] } {
    if (exception instanceof FhirInvalidError) return { status: 422, issues: exception.issues };
    if (exception instanceof DomainError) {
      const { status, code } = BY_KIND[exception.kind];
      const details = exception.errors?.length
        ? exception.errors.map((e) => ({
            severity: 'error',
            code,
            diagnostics: `${e.field} ${e.message}`,
            expression: [e.field],
          }))
        : [{ severity: 'error', code, diagnostics: exception.message }];
      return { status, issues: details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        status,
        issues: [
          {
            severity: 'error',
            code: BY_STATUS[status] ?? 'processing',
            diagnostics: exception.message,
          },
        ],
      };
    }
    logUnexpectedError(req, exception, this.logger);
    return {
      status: 500,
      issues: [
        { severity: 'fatal', code: 'exception', diagnostics: 'Something went wrong on our side' },
      ],
    };
  }
}
