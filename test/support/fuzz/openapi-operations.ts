import fc from 'fast-check';
import {
  HEADER_SAFE_STRINGS,
  HOSTILE_STRINGS,
  hostileLeaf,
  SchemaArbitraries,
  STORAGE_BREAKERS,
  type Schema,
} from './schema-arbitraries';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<Method, OperationObject>>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One operation of the served OpenAPI document. */
export interface Operation {
  method: Method;
  /** As the document writes it: /api/cases/{id}. */
  path: string;
  /** As Express and the route table write it: /api/cases/:id. */
  routePath: string;
  key: string;
  parameters: Parameter[];
  body?: { contentType: string; schema?: Schema };
  secured: boolean;
}

const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation in the document, in document order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      if (!op) return [];
      const routePath = path.replace(/\{(\w+)\}/g, ':$1');
      const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      return [
        {
          method,
          path,
          routePath,
          key: `${method.toUpperCase()} ${routePath}`,
          parameters: op.parameters ?? [],
          body: contentType ? { contentType, schema: media?.schema } : undefined,
          secured: (op.security?.length ?? 0) > 0,
        },
      ];
    }),
  );
}

/** A request ready to send: the body is the raw text, so malformed JSON can be sent too. */
export interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const jsonText = (value: unknown) => JSON.stringify(value) ?? 'null';

/** Percent-encoding that also carries lone surrogates, as their three-byte (WTF-8) form. */
function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(char);
  }
  return out;
}

/**
 * A path segment as a client would send it: percent-encoded, and with dots encoded too, so that
 * "..", which a client would resolve away, reaches the server as a value.
 */
const segment = (value: unknown) =>
  percentEncode(typeof value === 'string' ? value : jsonText(value)).replace(/\./g, '%2E') || '%20';

/**
 * Requests for one operation: path ids of real records (the caller's own and others'), random
 * and hostile ids; documented query parameters with valid or hostile values and the odd unknown
 * one; bodies of the documented shape with junk mixed in, boundary values, malformed JSON, bodies
 * over the size limit, the wrong content type, and bodies where none is taken.
 */
export function requestsFor(
  op: Operation,
  gens: SchemaArbitraries,
  recordIds: Record<string, string>,
  seedBody?: unknown,
): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');

  const pathValue = (p: Parameter) =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(recordIds[p.name] ?? recordIds.id) },
      { weight: 2, arbitrary: fc.uuid() },
      {
        weight: 1,
        arbitrary: fc.constant((recordIds[p.name] ?? recordIds.id ?? '').toUpperCase()),
      },
      { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS, 'x'.repeat(300)) },
    );
  const path = fc
    .tuple(...pathParams.map(pathValue))
    .map((values) =>
      pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, segment(values[i])), op.path),
    );

  const queryValue = (p: Parameter) =>
    fc.oneof(
      { weight: 6, arbitrary: gens.valid(p.schema) },
      { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS, 'a'.repeat(1500)) },
      { weight: 1, arbitrary: fc.array(gens.valid(p.schema), { minLength: 2, maxLength: 3 }) },
    );
  const query = fc
    .tuple(
      fc.tuple(
        ...queryParams.map((p) =>
          p.required
            ? queryValue(p).map((v) => [p.name, v] as const)
            : fc.option(
                queryValue(p).map((v) => [p.name, v] as const),
                { freq: 2 },
              ),
        ),
      ),
      fc.option(
        fc.tuple(
          fc.constantFrom('__proto__', 'constructor', 'unknownParam', 'limit'),
          fc.constantFrom(...HOSTILE_STRINGS, 'a'.repeat(1500)),
        ),
        { freq: 6 },
      ),
    )
    .map(([known, extra]) => {
      // A URL stays well within what an HTTP server reads at all (Node: 16 kB of headers).
      const params = new URLSearchParams();
      for (const entry of [...known, extra]) {
        if (!entry) continue;
        const [name, value] = entry;
        for (const v of Array.isArray(value) ? value : [value]) {
          params.append(name, (typeof v === 'string' ? v : jsonText(v)).slice(0, 1500));
        }
      }
      const text = params.toString();
      return text ? `?${text}` : '';
    });

  const headers = fc
    .tuple(
      ...headerParams.map((p) =>
        fc.option(
          fc
            .oneof(
              fc.uuid(),
              fc.constantFrom(...HEADER_SAFE_STRINGS.filter(Boolean), 'k'.repeat(300)),
            )
            .map((v) => [p.name, v] as const),
          { freq: 2 },
        ),
      ),
    )
    .map((pairs) => Object.fromEntries(pairs.filter((p) => p !== null)));

  const json = op.body?.contentType ?? 'application/json';
  // Mostly one wrong part in an otherwise valid body, so the junk gets past validation's first
  // refusal and reaches the services and the database; otherwise junk at any depth.
  const validThenOneWrong = op.body
    ? gens.valid(op.body.schema).chain((v) => mutationsOf(v))
    : fc.constant(undefined);
  const documented = op.body
    ? fc.oneof(
        { weight: 3, arbitrary: validThenOneWrong },
        { weight: 2, arbitrary: gens.hostile(op.body.schema) },
        {
          weight: seedBody === undefined ? 0 : 2,
          arbitrary: seedBody === undefined ? fc.constant(undefined) : mutationsOf(seedBody),
        },
      )
    : fc.oneof(
        { weight: 6, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), hostileLeaf, {
            minKeys: 1,
            maxKeys: 3,
          }),
        },
      );
  const body: fc.Arbitrary<{ contentType?: string; text?: string }> = fc.oneof(
    {
      weight: 16,
      arbitrary: documented.map((v) =>
        v === undefined ? {} : { contentType: json, text: jsonText(v) },
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{"a":',
          '[1,2',
          '{"a":1}}',
          'nul',
          '\u0000',
          '"\\ud800"',
          '{"__proto__":{"x":1}}',
        )
        .map((text) => ({ contentType: json, text })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({ contentType: json, text: jsonText({ pad: 'x'.repeat(110_000) }) }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml'),
          documented,
        )
        .map(([contentType, v]) => ({ contentType, text: v === undefined ? 'a=1' : jsonText(v) })),
    },
  );

  return fc.tuple(path, query, headers, body).map(([p, q, h, b]) => ({
    url: p + q,
    headers: { ...h, ...(b.contentType ? { 'Content-Type': b.contentType } : {}) },
    body: b.text,
  }));
}

/**
 * A known-good body with one part changed: a string given a character the database cannot store,
 * a value replaced, removed, wrapped or poisoned, or a list given one more entry.
 */
function mutationsOf(seed: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    paths.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(seed, []);
  const junk = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<unknown>(...STORAGE_BREAKERS) },
    { weight: 7, arbitrary: hostileLeaf },
  );
  return fc
    .tuple(
      fc.constantFrom(...paths),
      fc.constantFrom('taint', 'taint', 'replace', 'replace', 'append', 'remove', 'wrap', 'poison'),
      fc.constantFrom(...STORAGE_BREAKERS),
      junk,
    )
    .map(([at, how, breaker, junk]) => {
      const copy = structuredClone(seed) as Record<string | number, unknown>;
      if (at.length === 0) {
        if (how === 'append' && Array.isArray(copy)) return [...(copy as unknown[]), junk];
        return how === 'wrap' ? [copy] : junk;
      }
      const parent = at
        .slice(0, -1)
        .reduce<Record<string | number, unknown>>(
          (o, k) => o[k] as Record<string | number, unknown>,
          copy,
        );
      const key = at[at.length - 1];
      const target = parent[key];
      // A string keeps its valid content and gains a character the database cannot store.
      if (how === 'taint' && typeof target === 'string') parent[key] = `${target}${breaker}`;
      else if (how === 'append' && Array.isArray(target)) target.push(junk);
      else if (how === 'remove') delete parent[key];
      else if (how === 'wrap') parent[key] = [parent[key]];
      else if (how === 'poison')
        Object.defineProperty(parent, '__proto__', {
          value: junk,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      else parent[key] = junk;
      return copy;
    });
}
