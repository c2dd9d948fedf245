/**
 * Referral intake under load: POST /api/referrals through the running server (autocannon, many
 * connections, each request a different person and Idempotency-Key) against a raw `pg` baseline
 * that runs the same statements in the same transactions (idempotency lock and look-up, person
 * with its duplicate check, earlier referrals of any duplicates, referral with its reference and
 * idempotency record, audit entry) with no HTTP or Nest.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { Pool, type PoolClient } from 'pg';
import { FieldCipher } from '../src/common/crypto/field-cipher';
import { INSERT_PERSON_WITH_DUPLICATES, personValues } from '../src/casework/person.sql';
import type { PersonDetails } from '../src/casework/person.types';
import { personSeal, type PersonSeal } from '../src/casework/person-seal';
import { requestHash } from '../src/referrals/idempotency';
import { INSERT_REFERRAL_WITH_IDEMPOTENCY_KEY } from '../src/referrals/referral.sql';
import { APP_DATABASE_ROLE } from '../src/database/app-role';
import { SCOPE_SETTING } from '../src/services/scoped-transactions';
import { percentile, progress, type RunningServer } from './support';

export interface IntakeBenchOptions {
  databaseUrl: string;
  server: RunningServer;
  /** A referrer's bearer token and ids, as the HTTP side sends them. */
  referrer: { token: string; userId: string; organisationId: string; defaultServiceId: string };
  connections?: number;
  seconds?: number;
}

export interface ThroughputSide {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface IntakeBenchResult {
  connections: number;
  http: ThroughputSide;
  sql: ThroughputSide;
  /** HTTP requests per second ÷ raw-SQL transactions per second (target ≥ 0.5). */
  ratio: number;
}

const GIVEN = ['Amina', 'Piotr', 'Ioana', 'Hamid', 'Mei', 'Olena', 'Kofi', 'Sam', 'Jo', 'Yusuf'];
const FAMILY = ['Yusuf', 'Nowak', 'Popescu', 'Rahimi', 'Chen', 'Kovalenko', 'Mensah', 'Smith'];
const LANGUAGES = ['so', 'pl', 'ro', 'fa', 'zh', 'uk', 'tw', 'en', 'ar', 'ti'];
const REASONS = ['social_connection', 'mental_health', 'housing', 'money', 'language', 'food'];

/** A valid NHS number (modulus 11 check digit) derived from n. */
export function nhsNumberFor(n: number): string {
  for (let base = (n * 7919) % 900_000_000; ; base = (base + 1) % 900_000_000) {
    const digits = String(100_000_000 + base)
      .split('')
      .map(Number);
    const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return digits.join('') + String(check);
  }
}

/** The n-th referral body: a different person each time, as a GP system would send. */
export function referralBody(n: number): Record<string, unknown> {
  const day = 1 + (n % 28);
  const month = 1 + (Math.floor(n / 28) % 12);
  return {
    channel: 'gp_practice',
    referrerName: 'Dr A Patel',
    referrerContact: '0115 000 0000',
    person: {
      givenName: GIVEN[n % GIVEN.length],
      familyName: `${FAMILY[n % FAMILY.length]}-${n}`,
      dateOfBirth: `${1950 + (n % 50)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      postcode: 'NG7 1AA',
      phone: `07700 ${String(100_000 + (n % 900_000)).padStart(6, '0')}`,
      preferredContact: 'phone',
      preferredLanguage: LANGUAGES[n % LANGUAGES.length],
      interpreterNeeded: n % 3 === 0,
      gpRegistered: true,
      nhsNumber: nhsNumberFor(n),
    },
    reasons: [REASONS[n % REASONS.length], REASONS[(n + 2) % REASONS.length]],
    summary: 'Isolated since moving to the area; low mood.',
    urgency: 'routine',
    consent: { referralDiscussed: true, date: '2026-11-20', shareWithProviders: true },
  };
}

/**
 * Both sides are measured at their steady state. The server's CPU per referral falls for its
 * first 10 s or so under load as V8 compiles the hot path with its optimising tiers (here: about
 * 3.5 ms in the first 5 s, 2.4 ms in the next 5, then 2.0–2.1 ms); a shorter warm-up measured the
 * compiler as much as the app. The raw side's own work is small and warms within a second or two.
 */
const HTTP_WARM_UP_S = 15;
const SQL_WARM_UP_S = 3;

export async function runIntakeBench(opts: IntakeBenchOptions): Promise<IntakeBenchResult> {
  const connections = opts.connections ?? 32;
  const seconds = opts.seconds ?? 20;
  // Each request and transaction gets its own number: no two are the same person.
  let next = 1_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
  const nextNumber = () => next++;

  progress(
    `intake warm-up (${HTTP_WARM_UP_S} s HTTP, ${SQL_WARM_UP_S} s raw pg, ${connections} connections)`,
  );
  await httpIntake(opts, connections, HTTP_WARM_UP_S, nextNumber);
  await sqlIntake(opts, connections, SQL_WARM_UP_S, nextNumber);
  // The machine is shared: alternating short rounds of each side spreads any change in
  // background load over both instead of landing on one.
  const rounds = Math.max(1, Math.round(seconds / 5));
  const http: Sample[] = [];
  const sql: Sample[] = [];
  for (let round = 1; round <= rounds; round++) {
    progress(`intake round ${round}/${rounds}: HTTP then raw pg, ${seconds / rounds} s each`);
    http.push(await httpIntake(opts, connections, seconds / rounds, nextNumber));
    sql.push(await sqlIntake(opts, connections, seconds / rounds, nextNumber));
  }
  const h = summarise(http);
  const s = summarise(sql);
  return { connections, http: h, sql: s, ratio: round2(h.perSecond / s.perSecond) };
}

/** One round of one side: latencies of the requests that succeeded, failures, wall time. */
interface Sample {
  latencies: number[];
  errors: number;
  seconds: number;
}

function summarise(samples: Sample[]): ThroughputSide {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  return {
    requests: latencies.length,
    seconds: round1(seconds),
    perSecond: round1(latencies.length / seconds),
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
  };
}

async function httpIntake(
  opts: IntakeBenchOptions,
  connections: number,
  seconds: number,
  nextNumber: () => number,
): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  // One request at a time per connection, so the connection's context times its request.
  const result = await autocannon({
    url: opts.server.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context: { sentAt?: bigint }) => {
          const n = nextNumber();
          context.sentAt = process.hrtime.bigint();
          return {
            ...req,
            path: '/api/referrals',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${opts.referrer.token}`,
              'idempotency-key': `bench-${n}`,
            },
            body: JSON.stringify(referralBody(n)),
          };
        },
        onResponse: (status, _body, context: { sentAt?: bigint }) => {
          if (status !== 201) errors++;
          else latencies.push(Number(process.hrtime.bigint() - (context.sentAt ?? 0n)) / 1e6);
        },
      },
    ],
  });
  return { latencies, errors: errors + result.errors + result.timeouts, seconds: result.duration };
}

/** The intake transaction as a hand-written pg client would run it. */
async function intakeTransaction(
  client: PoolClient,
  cipher: FieldCipher,
  seal: PersonSeal,
  referrer: IntakeBenchOptions['referrer'],
  n: number,
): Promise<void> {
  const body = referralBody(n);
  const person = body.person as Record<string, string | boolean>;
  const scope = `user:${referrer.userId}`;
  const key = `bench-sql-${n}`;
  // Routing, as the app does it: the referrer's organisation names no service, so the default.
  const {
    rows: [org],
  } = await client.query<{ service_id: string | null }>(
    'SELECT service_id FROM organisation WHERE id = $1',
    [referrer.organisationId],
  );
  const serviceId = org?.service_id ?? referrer.defaultServiceId;
  await client.query('BEGIN');
  try {
    await client.query('SELECT set_config($1, $2, true)', [SCOPE_SETTING, serviceId]);
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `referral-idempotency:${scope}:${key}`,
    ]);
    await client.query(
      'SELECT request_hash, response_body FROM referral_idempotency_key WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    const receivedAt = new Date();
    const { rows: people } = await client.query<{
      person_id: string;
      id: string | null;
      reason: string | null;
    }>(
      INSERT_PERSON_WITH_DUPLICATES,
      personValues(person as unknown as PersonDetails, serviceId, seal),
    );
    const personId = people[0].person_id;
    const dupes = people.filter((d) => d.id);
    if (dupes.length)
      await client.query(
        'SELECT id, reference, person_id FROM referral WHERE person_id = ANY($1) ORDER BY received_at',
        [dupes.map((d) => d.id)],
      );
    const {
      rows: [{ id: referralId }],
    } = await client.query<{ id: string }>(INSERT_REFERRAL_WITH_IDEMPOTENCY_KEY, [
      String(receivedAt.getUTCFullYear()),
      'gp_practice',
      referrer.organisationId,
      referrer.userId,
      body.referrerName,
      body.referrerContact,
      personId,
      cipher.encrypt(JSON.stringify(person)),
      body.reasons,
      cipher.encrypt(String(body.summary)),
      'routine',
      '2026-11-20',
      true,
      'person',
      JSON.stringify(dupes),
      receivedAt,
      serviceId,
      scope,
      key,
      requestHash(body),
      receivedAt.toISOString(),
    ]);
    await client.query(
      `INSERT INTO audit_event (actor_id, action, entity, entity_id, subject_id, detail)
       VALUES ($1, 'create', 'referral', $2, $3, $4)`,
      [
        referrer.userId,
        referralId,
        personId,
        JSON.stringify({ channel: 'gp_practice', possibleDuplicates: dupes.length }),
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function sqlIntake(
  opts: IntakeBenchOptions,
  clients: number,
  seconds: number,
  nextNumber: () => number,
): Promise<Sample> {
  // As the app connects: the row-level security role, so both sides pay for the policies.
  const pool = new Pool({
    connectionString: opts.databaseUrl,
    max: clients,
    options: `-c role=${APP_DATABASE_ROLE}`,
  });
  const key = randomBytes(32);
  const cipher = new FieldCipher(key);
  const seal = personSeal(key);
  const latencies: number[] = [];
  let errors = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        const client = await pool.connect();
        try {
          while (Date.now() < deadline) {
            const t0 = process.hrtime.bigint();
            try {
              await intakeTransaction(client, cipher, seal, opts.referrer, nextNumber());
              latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            } catch {
              errors++;
            }
          }
        } finally {
          client.release();
        }
      }),
    );
  } finally {
    await pool.end();
  }
  return { latencies, errors, seconds: (Date.now() - started) / 1000 };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
