/**
 * Caseload search (GET /api/cases?q=) on the seeded caseload: a rotation of what link workers type
 * (a whole name in the other order, a given name shared by hundreds, a phone number, an NHS
 * number, a date of birth, a reference), each against the bare SQL of the same search, run as
 * the app runs it (the row-level security role, in a scoped transaction), with the query's
 * blind-index tokens computed as casework computes them.
 */
import type { Pool } from 'pg';
import { personQuery, type PersonSeal } from '../src/casework/person-seal';
import { dateOfBirthOf, familyNameOf, givenNameOf, nhsOf, phoneOf } from './seeded-people';
import { inScope } from './support';

/** The n-th search for seeded person i (whose reference is BENCH-0000000i). */
export function searchTerm(i: number, n: number): string {
  switch (n % 6) {
    case 0:
      return `${familyNameOf(i).toLowerCase()} ${givenNameOf(i)}`;
    case 1:
      return givenNameOf(i);
    case 2:
      return phoneOf(i);
    case 3:
      return nhsOf(i);
    case 4:
      return dateOfBirthOf(i);
    default:
      return `BENCH-${String(i).padStart(8, '0')}`;
  }
}

/** The app's search statement (src/casework/caseload.service.ts), written out. */
export function bareSearchText(
  seal: PersonSeal,
  q: string,
  linkWorkerId: string | null,
): { text: string; values: unknown[] } {
  const search = personQuery(seal, q);
  if (!search) throw new Error(`not a search: ${q}`);
  const values: unknown[] = [new Date().toISOString().slice(0, 10)];
  const add = (v: unknown) => `$${values.push(v)}`;
  const where = [`c.status = 'open'`];
  if (linkWorkerId) where.push(`c.link_worker_id = ANY(${add([linkWorkerId])}::uuid[])`);
  if (search.kind === 'reference') where.push(`c.reference = ${add(search.reference)}`);
  if (search.kind === 'date_of_birth') where.push(`p.date_of_birth = ${add(search.date)}`);
  if (search.kind === 'name')
    where.push(`p.id IN (SELECT t.person_id FROM person_name_token t
                          WHERE t.token = ANY(${add(search.tokens)}::bytea[])
                          GROUP BY t.person_id HAVING count(*) = ${add(search.tokens.length)})`);
  if (search.kind === 'number')
    where.push(
      `(${[
        search.nhs && `p.nhs_number_index = ${add(search.nhs)}`,
        search.phone && `p.phone_index = ${add(search.phone)}`,
      ]
        .filter(Boolean)
        .join(' OR ')})`,
    );
  const join = search.kind === 'reference' ? '' : 'JOIN person p ON p.id = c.person_id';
  return {
    text: `
      SELECT c.id, c.person_id, c.reference, c.link_worker_id, c.status, c.in_crisis,
             to_char(c.review_by, 'YYYY-MM-DD'), c.required_level, c.opened_at, c.sort_key,
             p.given_name_encrypted, p.family_name_encrypted, p.preferred_language
        FROM (SELECT c.id, c.person_id, c.reference, c.link_worker_id, c.status, c.in_crisis,
                     c.review_by, c.required_level, c.opened_at,
                     (CASE WHEN c.in_crisis THEN '0' ELSE '1' END
                      || CASE WHEN c.review_by < $1::date THEN '0' ELSE '1' END
                      || coalesce(to_char(c.review_by, 'YYYY-MM-DD'), '9999-12-31')) AS sort_key
                FROM support_case c ${join}
               WHERE ${where.join(' AND ')}
               ORDER BY sort_key, c.id LIMIT 51) c
        JOIN person p ON p.id = c.person_id
       ORDER BY c.sort_key, c.id`,
    values,
  };
}

export function bareSearch(
  pool: Pool,
  serviceId: string,
  seal: PersonSeal,
  q: string,
  linkWorkerId: string | null,
): Promise<unknown> {
  const { text, values } = bareSearchText(seal, q, linkWorkerId);
  return inScope(pool, serviceId, (c) => c.query(text, values));
}
