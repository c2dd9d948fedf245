import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Parameter = { name?: string; in?: string };

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', example: 'about:blank' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'A stable code for the problem, e.g. capacity_full' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Every route answers its errors the same way (one filter, one pipe, one throttler), so the
 * document says so once here rather than on each of a hundred handlers: 404 where a path names a
 * record, 422 where input is validated, 429 everywhere, all as application/problem+json.
 * Header parameters that both a decorator and `@Headers()` declared appear once.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) describeErrors(path, op);
    }
  }
  return document;
}

function describeErrors(path: string, op: Operation): void {
  const responses = op.responses;
  const add = (status: string, description: string) => {
    responses[status] = { ...problem(description), ...(responses[status] ?? {}) };
  };
  if (path.includes('{')) add('404', 'Not found, or not visible to you');
  if (op.requestBody || op.parameters?.some((p) => (p as Parameter).in === 'query'))
    add('422', 'Invalid input: `errors` names each field');
  if (op.security?.length) {
    add('401', 'No valid bearer token');
    add('403', 'Your role may not do this');
  }
  add('429', 'Too many requests; see Retry-After');
  if (op.parameters) op.parameters = uniqueHeaders(op.parameters as Parameter[]) as never;
}

function uniqueHeaders(parameters: Parameter[]): Parameter[] {
  const seen = new Set<string>();
  // Decorated parameters come first; keep the first of each header name, whatever its case.
  return parameters.filter((p) => {
    if (p.in !== 'header' || !p.name) return true;
    const key = p.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
