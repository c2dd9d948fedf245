/**
 * The bench's people, sealed exactly as casework seals them (person-seal.ts): names from pools
 * large enough that a whole name is nearly unique among 100,000 people and a given name alone is
 * shared by about 500, each with its own phone and NHS number, written in batches.
 */
import type { PoolClient } from 'pg';
import { nameTokens, personSeal, sealIdentity, type PersonSeal } from '../src/casework/person-seal';
import { nhsNumberFor } from './intake.bench';

const GIVEN_A = ['Am', 'Se', 'Ha', 'Pi', 'Io', 'Ol', 'Ko', 'Me', 'Yu', 'Fa'];
const GIVEN_B = ['ina', 'lam', 'mid', 'otr', 'ana', 'ena', 'fi', 'i', 'suf', 'rah'];
const GIVEN_C = ['', 'wit', 'el', 'a'];
const FAMILY_A = ['Tes', 'Yu', 'No', 'Po', 'Ra', 'Che', 'Ko', 'Men', 'Ab', 'Da'];
const FAMILY_B = ['fa', 'su', 'wa', 'pes', 'hi', 'va', 'len', 'sah', 'di', 'ma'];
const FAMILY_C = ['mariam', 'f', 'k', 'cu', 'mi', 'n', 'ko', 'h', 'kar', 'yo'];
const FAMILY_D = ['', 'ova', 'ian', 'e'];

/** Given names: 400 of them; family names: 4,000. */
export const givenNameOf = (i: number) =>
  GIVEN_A[i % 10] + GIVEN_B[Math.floor(i / 10) % 10] + GIVEN_C[Math.floor(i / 100) % 4];
export const familyNameOf = (i: number) => {
  const k = Math.floor(i / 7) % 4000;
  return (
    FAMILY_A[k % 10] +
    FAMILY_B[Math.floor(k / 10) % 10] +
    FAMILY_C[Math.floor(k / 100) % 10] +
    FAMILY_D[Math.floor(k / 1000) % 4]
  );
};
export const phoneOf = (i: number) => `07700 ${String(i % 1_000_000).padStart(6, '0')}`;
export const dateOfBirthOf = (i: number) => {
  const d = new Date(Date.UTC(1950, 0, 1) + (i % 18_000) * 86_400_000);
  return d.toISOString().slice(0, 10);
};
export const nhsOf = (i: number) => nhsNumberFor(i);

const BATCH = 5_000;

/**
 * Writes the sealed identity of seed rows 1..n into a temporary table `sealed_person` (i, the
 * sealed columns and their tokens) for the seed's INSERT to join; the caller's transaction owns it.
 */
export async function sealSeededPeople(
  client: PoolClient,
  n: number,
  dataKey: string,
): Promise<PersonSeal> {
  const seal = personSeal(Buffer.from(dataKey, 'base64'));
  await client.query(
    `CREATE TEMP TABLE sealed_person (i int PRIMARY KEY, given text, family text, phone text,
       phone_index bytea, nhs text, nhs_index bytea, t1 bytea, t2 bytea, t3 bytea, t4 bytea)
     ON COMMIT DROP`,
  );
  for (let from = 1; from <= n; from += BATCH) {
    const cols: unknown[][] = Array.from({ length: 11 }, () => []);
    for (let i = from; i < Math.min(from + BATCH, n + 1); i++) {
      const given = givenNameOf(i);
      const family = familyNameOf(i);
      const s = sealIdentity(seal, {
        givenName: given,
        familyName: family,
        phone: phoneOf(i),
        nhsNumber: nhsOf(i),
      });
      // Every seeded name has one given word and one family word: four tokens.
      const tokens = nameTokens(seal, given, family);
      [
        i,
        s.givenName,
        s.familyName,
        s.phone,
        s.phoneIndex,
        s.nhsNumber,
        s.nhsNumberIndex,
        ...tokens,
      ].forEach((v, c) => cols[c].push(v));
    }
    await client.query(
      `INSERT INTO sealed_person
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::text[],
                            $7::bytea[], $8::bytea[], $9::bytea[], $10::bytea[], $11::bytea[])`,
      cols,
    );
  }
  return seal;
}
