import fc from 'fast-check';

/** The parts of an OpenAPI 3 schema object the generators read. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
  default?: unknown;
}

/** Keys that poison a careless merge or lookup (own properties, as JSON.parse makes them). */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Strings that have broken servers before: storage, injection, templates, Unicode edges. */
export const HOSTILE_STRINGS = [
  'A\u0000B',
  '\u0000',
  '\uD800',
  'x\uDFFFy',
  '\uFFFF\uFFFE',
  "'; DROP TABLE person; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  '{{constructor.constructor("return process")()}}',
  '{{#each this}}{{/each}}',
  '${7*7}',
  '=HYPERLINK("http://evil.example")',
  '\u202Eevil',
  '🏳️‍🌈👩‍👩‍👧‍👦',
  'Ａｍｉｎａ',
  'e\u0301',
  ' ',
  '',
  '../../etc/passwd',
  '%00',
  'null',
  'NaN',
  '-1',
  '1e309',
  '2026-02-30',
  '9999-12-31',
  '0000-00-00',
  '1900-01-01T25:61:00Z',
  '00000000-0000-0000-0000-000000000000',
  ...PROTOTYPE_KEYS,
];

/** Printable ASCII only: what an HTTP header can carry at all. */
export const HEADER_SAFE_STRINGS = HOSTILE_STRINGS.filter((s) => /^[\x20-\x7e]*$/.test(s));

const HOSTILE_NUMBERS = [
  -1,
  0,
  -0,
  0.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2147483648,
  -2147483649,
];

/** An object whose keys are prototype keys, as own properties (JSON.stringify keeps them). */
const prototypePoison = (value: unknown): Record<string, unknown> =>
  Object.fromEntries(PROTOTYPE_KEYS.map((k) => [k, value]));

function nested(depth: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Strings PostgreSQL text cannot hold: the first thing to slip into an otherwise valid body. */
export const STORAGE_BREAKERS = ['A\u0000B', '\u0000', '\uD800', 'x\uDFFFy'];

/** A value of no particular shape that a handler is unlikely to expect. */
export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [[]], [null]) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      prototypePoison({ polluted: true }),
      prototypePoison({ prototype: { polluted: true } }),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(nested(20), nested(31), nested(40)) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(5_000), 'é'.repeat(20_000)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const isStringLike = (s: Schema) =>
  s.type === 'string' ||
  (s.type === 'object' &&
    !s.properties &&
    (s.maxLength !== undefined || typeof s.example === 'string'));

/**
 * fast-check generators from the OpenAPI document's schemas: `valid` gives values of the
 * documented shape (what a careful client sends, so requests get past validation and reach the
 * services and the database), `hostile` gives that shape with junk mixed in at any depth, and
 * boundary values (one past each documented limit).
 */
export class SchemaArbitraries {
  constructor(
    private readonly components: Record<string, Schema>,
    /** Ids a uuid field may take: the world's records, so requests reach real rows. */
    private readonly ids: string[],
    /** ISO dates a date field may take besides random ones (today, yesterday…). */
    private readonly dates: string[],
  ) {}

  resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let i = 0; s.$ref && i < 10; i++) s = this.components[s.$ref.split('/').pop()!] ?? {};
    if (s.allOf) {
      return s.allOf
        .map((part) => this.resolve(part))
        .reduce<Schema>(
          (all, part) => ({
            ...all,
            ...part,
            properties: { ...all.properties, ...part.properties },
            required: [...(all.required ?? []), ...(part.required ?? [])],
          }),
          {},
        );
    }
    return s;
  }

  valid(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    const alternatives = s.oneOf ?? s.anyOf;
    if (alternatives) return fc.oneof(...alternatives.map((a) => this.valid(a, depth + 1)));
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    if (isStringLike(s)) return this.validString(s);
    if (s.type === 'integer' || s.type === 'number') return this.validNumber(s);
    if (s.type === 'boolean') return fc.boolean();
    if (s.type === 'array') {
      const min = s.minItems ?? 0;
      return fc.array(this.valid(s.items, depth + 1), {
        minLength: min,
        maxLength: Math.max(min, Math.min(s.maxItems ?? 4, 4)),
      });
    }
    if (s.properties && depth < 6) {
      const required = new Set(s.required ?? []);
      return fc.record(
        Object.fromEntries(
          Object.entries(s.properties).map(([k, v]) => [k, this.valid(v, depth + 1)]),
        ),
        { requiredKeys: Object.keys(s.properties).filter((k) => required.has(k)) },
      );
    }
    if (s.example !== undefined) return fc.constant(s.example);
    return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2 });
  }

  hostile(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    return fc.oneof(
      { weight: 4, arbitrary: this.shapedWithJunk(s, depth) },
      { weight: 2, arbitrary: hostileLeaf },
      { weight: 2, arbitrary: this.boundary(s) },
      { weight: 1, arbitrary: this.valid(s, depth) },
    );
  }

  /** The documented shape, each part valid most of the time and hostile otherwise, plus extra keys. */
  private shapedWithJunk(s: Schema, depth: number): fc.Arbitrary<unknown> {
    const part = (child: Schema | undefined) =>
      depth >= 5
        ? this.valid(child, depth + 1)
        : fc.oneof(
            { weight: 5, arbitrary: this.valid(child, depth + 1) },
            { weight: 1, arbitrary: fc.constant(null) },
            { weight: 2, arbitrary: this.hostile(child, depth + 1) },
          );
    if (s.type === 'array') {
      return fc.array(part(s.items), { maxLength: 5 });
    }
    if (s.properties) {
      const required = new Set(s.required ?? []);
      const fields = fc.record(
        Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, part(v)])),
        {
          requiredKeys: Object.keys(s.properties).filter((k) => required.has(k)),
        },
      );
      const extra = fc.dictionary(
        fc.constantFrom(...PROTOTYPE_KEYS, 'isAdmin', 'role', 'id', 'serviceId', 'linkWorkerId'),
        hostileLeaf,
        { maxKeys: 2 },
      );
      return fc
        .tuple(fields, fc.option(extra, { freq: 4 }))
        .map(([f, e]) => (e ? { ...(f as object), ...e } : f));
    }
    return this.valid(s, depth);
  }

  /** One step past each documented limit, and the limits themselves. */
  private boundary(s: Schema): fc.Arbitrary<unknown> {
    const values: unknown[] = [];
    if (isStringLike(s)) {
      const max = s.maxLength ?? 1000;
      values.push('a'.repeat(max), 'a'.repeat(max + 1), 'é'.repeat(max + 1));
      if (s.minLength) values.push('a'.repeat(s.minLength - 1));
      if (s.enum?.length) values.push(String(s.enum[0]).toUpperCase(), ` ${String(s.enum[0])}`);
    } else if (s.type === 'integer' || s.type === 'number') {
      for (const limit of [s.minimum, s.maximum]) {
        if (limit !== undefined)
          values.push(limit, limit - 1, limit + 1, limit + 0.5, String(limit));
      }
    } else if (s.type === 'array') {
      values.push([], new Array<null>(s.maxItems !== undefined ? s.maxItems + 1 : 300).fill(null));
      values.push(new Array<string>(1000).fill('a'));
    } else if (s.type === 'object' || s.properties) {
      values.push({}, [], 'object', prototypePoison({}));
    }
    if (s.enum?.length) values.push(`${String(s.enum[0])}_unknown`);
    return values.length ? fc.constantFrom(...values) : hostileLeaf;
  }

  private validString(s: Schema): fc.Arbitrary<unknown> {
    if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...this.ids), fc.uuid());
    if (s.format === 'date') {
      return fc.oneof(
        fc.constantFrom(...this.dates),
        fc
          .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      );
    }
    if (s.format === 'date-time') {
      return fc.oneof(
        fc.constantFrom(...this.dates.map((d) => `${d}T10:00:00Z`)),
        fc
          .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString()),
      );
    }
    if (s.format === 'email') return fc.emailAddress();
    const min = s.minLength ?? 0;
    const max = Math.max(min, Math.min(s.maxLength ?? 40, 40));
    const random = fc.string({ unit: 'grapheme', minLength: min, maxLength: max });
    return typeof s.example === 'string'
      ? fc.oneof({ weight: 2, arbitrary: fc.constant(s.example) }, { weight: 1, arbitrary: random })
      : random;
  }

  private validNumber(s: Schema): fc.Arbitrary<unknown> {
    const min = s.minimum ?? -1000;
    const max = s.maximum ?? 1000;
    if (s.type === 'integer') return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  }
}
