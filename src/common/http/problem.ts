import { STATUS_CODES } from 'node:http';
import type { FieldError } from '../domain-error';

/** RFC 9457 problem details, as every API error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
  instance?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  const code = extra.code;
  return {
    type: code ? `https://linkway.example/problems/${code.replace(/_/g, '-')}` : 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...extra,
  };
}
