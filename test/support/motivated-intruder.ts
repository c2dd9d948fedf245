import { PERSON_SEAL, nameTokens, nhsToken, phoneToken } from '../../src/casework/person-seal';
import type { PersonSeal } from '../../src/casework/person-seal';
import type { TestContext } from './test-app';

/** What an intruder knows of the person they look for, as the person gave it. */
export interface KnownAbout {
  givenName: string;
  familyName: string;
  phone: string;
  email: string;
  nhsNumber: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** As written, with its space: "DE99 1ZZ". */
  postcode: string;
  yearOfArrival: number;
}

export interface Finding {
  table: string;
  column: string;
  what: string;
  /** Found in the plain column, in the value decrypted with the app's key, or as a blind-index token. */
  how: 'plain' | 'decrypted' | 'token';
}

/** Public reference data (the ONS postcode lookup, Census counts): every postcode is in it, nobody's. */
const PUBLIC_TABLES = ['postcode_area', 'population_count'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The value standing on its own: not inside a longer word or number (an id, a timestamp's fraction). */
const alone = (s: string) => `(^|[^A-Za-z0-9])${escape(s)}([^A-Za-z0-9]|$)`;

/** Each thing sought, as regular expressions over a column's text (case-insensitive where it may be retyped). */
function patterns(k: KnownAbout): { what: string; regex: RegExp }[] {
  const [y, m, d] = k.dateOfBirth.split('-');
  const outward = k.postcode.split(' ')[0];
  const digits = (s: string) => s.replace(/\D/g, '');
  const spaced = (s: string) => digits(s).split('').join('\\s*');
  return [
    { what: 'given name', regex: new RegExp(alone(k.givenName), 'i') },
    { what: 'family name', regex: new RegExp(escape(k.familyName), 'i') },
    { what: 'email', regex: new RegExp(escape(k.email), 'i') },
    { what: 'phone', regex: new RegExp(spaced(k.phone)) },
    { what: 'NHS number', regex: new RegExp(spaced(k.nhsNumber)) },
    { what: 'date of birth', regex: new RegExp(`${k.dateOfBirth}|${d}/${m}/${y}`) },
    {
      what: 'full postcode',
      regex: new RegExp(`${escape(outward)}\\s*${escape(k.postcode.split(' ')[1])}`, 'i'),
    },
    { what: 'outward postcode', regex: new RegExp(alone(outward)) },
    { what: 'year of arrival', regex: new RegExp(alone(String(k.yearOfArrival))) },
  ];
}

/**
 * The motivated intruder with the database and the key: reads every column of every table in
 * the public schema as text (dates and numbers included; public reference tables aside), opens every sealed value with the app's
 * own cipher, and looks up the person's blind-index tokens (name words, phone, NHS number) in
 * every bytea column, the name-token table among them. Returns where anything of them was found.
 */
export async function searchEverywhere(ctx: TestContext, k: KnownAbout): Promise<Finding[]> {
  const seal = ctx.app.get<PersonSeal>(PERSON_SEAL);
  const sought = patterns(k);
  const findings: Finding[] = [];
  const { rows: columns } = await ctx.db.query<{
    table_name: string;
    column_name: string;
    data_type: string;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_name = c.table_name AND t.table_schema = c.table_schema
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND NOT c.table_name = ANY($1::text[])
      ORDER BY 1, 2`,
    [PUBLIC_TABLES],
  );
  const tokens = [
    ...nameTokens(seal, k.givenName, k.familyName),
    phoneToken(seal, k.phone),
    nhsToken(seal, k.nhsNumber),
  ].filter((t): t is Buffer => t !== null);

  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const col = `"${column}"`;
    if (type === 'bytea' || (type === 'ARRAY' && (await isByteaArray(ctx, table, column)))) {
      const match = type === 'bytea' ? `${col} = ANY($1::bytea[])` : `${col} && $1::bytea[]`;
      const { rows } = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table}" WHERE ${match}`,
        [tokens],
      );
      if (rows[0].n > 0) findings.push({ table, column, what: 'blind-index token', how: 'token' });
      continue;
    }
    const { rows } = await ctx.db.query<{ v: string }>(
      `SELECT ${col}::text AS v FROM "${table}" WHERE ${col} IS NOT NULL`,
    );
    for (const { v } of rows) {
      for (const { what, regex } of sought) {
        if (regex.test(v)) findings.push({ table, column, what, how: 'plain' });
      }
      for (const sealed of v.match(/v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*/g) ?? []) {
        const opened = seal.cipher.decrypt(sealed);
        for (const { what, regex } of sought) {
          if (regex.test(opened)) findings.push({ table, column, what, how: 'decrypted' });
        }
      }
    }
  }
  return dedupe(findings);
}

async function isByteaArray(ctx: TestContext, table: string, column: string): Promise<boolean> {
  const { rows } = await ctx.db.query<{ udt_name: string }>(
    `SELECT udt_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return rows[0]?.udt_name === '_bytea';
}

const dedupe = (findings: Finding[]) => [
  ...new Map(findings.map((f) => [`${f.table}.${f.column}.${f.what}.${f.how}`, f])).values(),
];
