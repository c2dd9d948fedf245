import type { Pool } from 'pg';
import { monthsBefore } from '../../src/referrals/retention-periods';
import { assignReferral, createReferral, minimalReferralBody } from './referrals-factory';
import { newPlacementGroup } from './placements-factory';
import type { TestContext, TestUser } from './test-app';
import { ukDate } from '../../src/common/uk-date';

let seq = 0;

/** A valid NHS number (modulus 11 check digit) that differs with `n`. */
function nhsNumber(n: number): string {
  for (let base = 943476500 + n * 7; ; base++) {
    const digits = String(base).split('').map(Number);
    const sum = digits.reduce((acc, d, i) => acc + d * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${base}${check === 11 ? 0 : check}`;
  }
}

/**
 * Details that identify one person, and free text written about them, each distinctive (and
 * different for each person) so the database can be searched for them.
 */
export function personalData() {
  const n = ++seq;
  return {
    identifiers: {
      givenName: 'Nasrin',
      familyName: `Qaderzadeh${'abcdefghij'[n % 10]}${n}`,
      phone: `07700 9${String(10000 + n).slice(1)}`,
      email: `nasrin.q${n}@example.org`,
      nhsNumber: nhsNumber(n),
    },
    notes: {
      summary: `Lost touch with family after the move to Radford (${n})`,
      contact: `Spoke through a Dari interpreter at the library (${n})`,
      need: `Sleeping on a cousin’s sofa in Hyson Green (${n})`,
      whatMatters: `Seeing my sister again (${n})`,
      crisis: `Section 4 support stopped last week (${n})`,
      placement: `Prefers a women-only session near Radford (${n})`,
    },
  };
}

const send = (ctx: TestContext, user: TestUser, method: 'post' | 'put', url: string, body = {}) =>
  ctx.http[method](url).set('Authorization', user.auth).send(body);

/**
 * One person's whole journey through the API: referred, contacted, accepted, assessed, a crisis,
 * an outcome, a migration profile read by the worker, and a place taken up and attended.
 */
export async function personWithEverything(
  ctx: TestContext,
  users: { referrer: TestUser; worker: TestUser; admin: TestUser },
  about: { dateOfBirth?: string; postcode?: string; yearOfArrival?: number } = {},
) {
  const { referrer, worker, admin } = users;
  const { identifiers, notes } = personalData();
  const referral = await createReferral(ctx, referrer, {
    summary: notes.summary,
    person: {
      ...identifiers,
      postcode: about.postcode ?? 'NG7 3AB',
      dateOfBirth: about.dateOfBirth ?? '1988-02-11',
    },
  });
  await assignReferral(ctx, admin, referral.id, worker.id).expect(200);
  await send(ctx, worker, 'post', `/api/referrals/${referral.id}/contact-attempts`, {
    method: 'interpreter_call',
    outcome: 'reached',
    note: notes.contact,
  }).expect(201);
  const accepted = await send(ctx, worker, 'post', `/api/referrals/${referral.id}/accept`);
  if (accepted.status !== 200 && accepted.status !== 201)
    throw new Error(`not accepted: ${accepted.status} ${accepted.text}`);
  const caseId = (accepted.body as { caseId: string }).caseId;
  const personId = (
    await ctx.db.query<{ person_id: string }>('SELECT person_id FROM referral WHERE id = $1', [
      referral.id,
    ])
  ).rows[0].person_id;

  await send(ctx, worker, 'put', `/api/cases/${caseId}/migration-profile`, {
    migrantStatus: 'refugee',
    countryOfBirth: 'AF',
    yearOfArrival: about.yearOfArrival ?? 2022,
  }).expect(200);
  await ctx.http
    .get(`/api/cases/${caseId}/migration-profile`)
    .set('Authorization', worker.auth)
    .expect(200);
  await send(ctx, worker, 'put', `/api/cases/${caseId}/needs`, {
    needs: [{ domain: 'housing', severity: 3, priority: true, note: notes.need }],
    whatMattersToMe: notes.whatMatters,
  }).expect(200);
  await send(ctx, worker, 'post', `/api/cases/${caseId}/crisis-points`, {
    type: 'destitution',
    occurredAt: ukDate(),
    note: notes.crisis,
    pausePlacements: false,
  }).expect(201);
  await send(ctx, worker, 'post', `/api/cases/${caseId}/outcomes`, {
    instrument: 'UCLA3',
    timepoint: 'baseline',
    answers: [3, 2, 3],
  }).expect(201);

  const group = await newPlacementGroup(ctx);
  const offered = await send(ctx, worker, 'post', `/api/cases/${caseId}/placements`, {
    groupId: group.id,
    note: notes.placement,
  }).expect(201);
  const placementId = (offered.body as { id: string }).id;
  await send(ctx, group.coordinator, 'post', `/api/placements/${placementId}/accept`).expect(200);
  const attended = await send(
    ctx,
    group.coordinator,
    'post',
    `/api/placements/${placementId}/attendance`,
    { date: ukDate(), attended: true },
  );
  if (attended.status >= 300) throw new Error(`attendance: ${attended.status} ${attended.text}`);
  return { referralId: referral.id, caseId, personId, placementId, group, identifiers, notes };
}

/** More referrals in the period, so that report totals are above the suppression threshold. */
export async function otherReferrals(ctx: TestContext, referrer: TestUser, n: number) {
  for (let i = 0; i < n; i++) {
    const res = await ctx.http
      .post('/api/referrals')
      .set('Authorization', referrer.auth)
      .send(minimalReferralBody(`Other${i}`));
    if (res.status !== 201) throw new Error(`referral: ${res.status} ${res.text}`);
  }
}

/** The service-access report as a commissioner sees it. */
export async function serviceAccess(ctx: TestContext, reader: TestUser, query: string) {
  const res = await ctx.http
    .get(`/api/reports/service-access?${query}`)
    .set('Authorization', reader.auth)
    .expect(200);
  const body = res.body as { totals: unknown; rows: unknown[] };
  return { totals: body.totals, rows: body.rows };
}

/**
 * Tables and columns whose text contains any of the strings (case-insensitive), searching every
 * text-like column of every table, so nothing identifying can hide in a column nobody thought of.
 */
export async function whereTextIsHeld(
  ctx: TestContext,
  needles: string[],
): Promise<{ table: string; column: string }[]> {
  const { rows: columns } = await ctx.db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_name = c.table_name AND t.table_schema = c.table_schema
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')
      ORDER BY 1, 2`,
  );
  const found: { table: string; column: string }[] = [];
  for (const { table_name, column_name } of columns) {
    const { rows } = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table_name}"
        WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS needle
                       WHERE "${column_name}"::text ILIKE '%' || needle || '%')`,
      [needles],
    );
    if (rows[0].n > 0) found.push({ table: table_name, column: column_name });
  }
  return found;
}

type Journey = 'declined' | 'undecided' | 'closed' | 'open';

/**
 * A referral taken to the end of a journey through the API, then moved back in time with SQL:
 * `monthsAgo` is how long ago it was decided (declined, closed) or last touched (undecided).
 */
export async function personWhose(
  ctx: TestContext,
  users: { referrer: TestUser; worker: TestUser },
  journey: Journey,
  monthsAgo: number,
): Promise<{ personId: string; referralId: string; familyName: string }> {
  const { referrer, worker } = users;
  const familyName = `Retained${journey}${monthsAgo}x${Math.random().toString(36).slice(2, 8)}`;
  const { id } = await createReferral(ctx, referrer, { person: { familyName } });
  const as = (path: string, body = {}) =>
    ctx.http.post(path).set('Authorization', worker.auth).send(body);
  if (journey !== 'undecided') await assignReferral(ctx, worker, id, worker.id).expect(200);
  let caseId: string | null = null;
  if (journey === 'declined') {
    await as(`/api/referrals/${id}/decline`, { reason: 'unable_to_contact' }).expect(200);
  } else if (journey !== 'undecided') {
    const accepted = await as(`/api/referrals/${id}/accept`).expect(201);
    caseId = (accepted.body as { caseId: string }).caseId;
    if (journey === 'closed')
      await as(`/api/cases/${caseId}/close`, { reason: 'goals_met' }).expect(200);
  }
  const at = monthsBefore(new Date(), monthsAgo);
  const received = new Date(at.getTime() - 30 * 86400_000);
  await backdate(ctx.db, id, caseId, received, at);
  const { rows } = await ctx.db.query<{ person_id: string }>(
    'SELECT person_id FROM referral WHERE id = $1',
    [id],
  );
  return { personId: rows[0].person_id, referralId: id, familyName };
}

async function backdate(
  db: Pool,
  referralId: string,
  caseId: string | null,
  received: Date,
  at: Date,
) {
  await db.query(
    `UPDATE referral SET received_at = $2::timestamptz, consent_date = $2::timestamptz::date,
            assigned_at = CASE WHEN assigned_at IS NULL THEN NULL ELSE $2::timestamptz END,
            first_contact_at = CASE WHEN first_contact_at IS NULL THEN NULL ELSE $2::timestamptz END,
            accepted_at = CASE WHEN accepted_at IS NULL THEN NULL ELSE $2::timestamptz END,
            declined_at = CASE WHEN declined_at IS NULL THEN NULL ELSE $3::timestamptz END,
            updated_at = $3::timestamptz
      WHERE id = $1`,
    [referralId, received, at],
  );
  if (caseId)
    await db.query(
      `UPDATE support_case SET opened_at = $2::timestamptz,
              closed_at = CASE WHEN closed_at IS NULL THEN NULL ELSE $3::timestamptz END
        WHERE id = $1`,
      [caseId, received, at],
    );
}
