/**
 * Caseload and case-page latency on a full database (by default 10,000 cases among 100,000
 * referrals): the caseload page, the case page and their JSON twins, one request at a time, each
 * against the same queries run directly through `pg`.
 */
import { Pool } from 'pg';
import { FieldCipher } from '../src/common/crypto/field-cipher';
import { SCOPE_SETTING } from '../src/services/scoped-transactions';
import { personSeal } from '../src/casework/person-seal';
import { bareSearch, searchTerm } from './caseload-search';
import { sealSeededPeople } from './seeded-people';
import { appRolePool, inScope, percentile, progress, type RunningServer } from './support';

export interface CaseloadSeed {
  cases: number;
  referrals: number;
}

export interface CaseloadBenchOptions {
  databaseUrl: string;
  server: RunningServer;
  /** The server's DATA_ENCRYPTION_KEY (base64), so seeded referral details can be opened. */
  dataKey: string;
  /** Bearer tokens for the link worker measured and an admin. */
  linkWorker: { id: string; token: string; email: string; password: string };
  adminToken: string;
  seed: CaseloadSeed;
  requests?: number;
}

export interface LatencyRow {
  what: string;
  p50Ms: number;
  p99Ms: number;
  sqlP50Ms: number;
  sqlP99Ms: number;
  /** The p99 a person must not notice, for the rows that have one. */
  p99TargetMs?: number;
  /** Server p50 ÷ raw-SQL p50: what HTTP, auth, Nest, views and audit add. */
  ratio: number;
}

/** Fills the database with people, referrals and cases in a few set-based statements. */
export async function seedCaseload(
  pool: Pool,
  seed: CaseloadSeed,
  linkWorkerId: string,
  dataKey: string,
): Promise<void> {
  const cipher = FieldCipher.fromBase64(dataKey);
  const details = cipher.encrypt(JSON.stringify({ givenName: 'Seeded', familyName: 'Person' }));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // 250 link workers of 40 cases each share the password hash of the one made through the API.
    const { rows: workers } = await client.query<{ id: string }>(
      `INSERT INTO app_user (email, name, role, password_hash, service_id)
       SELECT 'bench.seed.lw' || g || '@linkway.test', 'Seeded link worker ' || g, 'link_worker',
              (SELECT password_hash FROM app_user WHERE id = $1),
              (SELECT id FROM service WHERE is_default)
         FROM generate_series(1, GREATEST(1, $2::int / 40)) g
       RETURNING id`,
      [linkWorkerId, seed.cases],
    );
    await client.query(
      `CREATE TEMP TABLE seed ON COMMIT DROP AS
       SELECT g AS i, gen_random_uuid() AS person_id, gen_random_uuid() AS referral_id,
              CASE WHEN g <= $2::int THEN gen_random_uuid() END AS case_id,
              now() - (g % 730) * interval '1 day' - (g % 1440) * interval '1 minute' AS received_at,
              CASE WHEN g <= 40 THEN $1::uuid
                   ELSE ($3::uuid[])[1 + g % cardinality($3::uuid[])] END AS worker
         FROM generate_series(1, $4::int) g`,
      [linkWorkerId, seed.cases, workers.map((w) => w.id), seed.referrals],
    );
    await sealSeededPeople(client, seed.referrals, dataKey);
    await client.query(
      `INSERT INTO person (id, given_name_encrypted, family_name_encrypted, date_of_birth, postcode,
         phone_encrypted, phone_index, nhs_number_encrypted, nhs_number_index,
         preferred_language, interpreter_needed, created_at, updated_at, service_id)
       SELECT person_id, s.given, s.family, DATE '1950-01-01' + (i % 18000), 'NG7 1AA',
              s.phone, s.phone_index, s.nhs, s.nhs_index,
              (ARRAY['so','pl','ro','fa','en'])[1 + i % 5], i % 3 = 0, received_at, received_at,
              (SELECT id FROM service WHERE is_default)
         FROM seed JOIN sealed_person s USING (i)`,
    );
    await client.query(
      `INSERT INTO person_name_token (person_id, service_id, token)
       SELECT person_id, (SELECT id FROM service WHERE is_default), t.token
         FROM seed JOIN sealed_person s USING (i), unnest(ARRAY[s.t1, s.t2, s.t3, s.t4]) AS t(token)`,
    );
    await client.query(
      `INSERT INTO referral (id, reference, status, channel, person_id, person_details_encrypted, reasons,
         urgency, consent_referral_discussed, consent_date, consent_share_with_providers,
         assigned_link_worker_id, assigned_at, accepted_at, case_id, declined_at, decline_reason,
         received_at, updated_at, service_id)
       SELECT referral_id, 'BENCH-' || lpad(i::text, 8, '0'),
              CASE WHEN case_id IS NOT NULL THEN 'accepted' WHEN i % 10 = 0 THEN 'received'
                   WHEN i % 10 = 1 THEN 'assigned' ELSE 'declined' END,
              'gp_practice', person_id, $1, ARRAY['social_connection', 'mental_health'], 'routine',
              true, received_at::date, true,
              CASE WHEN case_id IS NOT NULL OR i % 10 <> 0 THEN worker END,
              CASE WHEN case_id IS NOT NULL OR i % 10 <> 0 THEN received_at + interval '4 hours' END,
              CASE WHEN case_id IS NOT NULL THEN received_at + interval '2 days' END, case_id,
              CASE WHEN case_id IS NULL AND i % 10 > 1 THEN received_at + interval '9 days' END,
              CASE WHEN case_id IS NULL AND i % 10 > 1 THEN 'unable_to_contact' END,
              received_at, received_at, (SELECT id FROM service WHERE is_default)
         FROM seed`,
      [details],
    );
    // Most cases open; one in twenty in crisis; review dates either side of today.
    await client.query(
      `INSERT INTO support_case (id, person_id, referral_id, reference, link_worker_id, status,
         opened_at, closed_at, close_reason, review_by, in_crisis, consent_to_share, created_at,
         updated_at)
       SELECT case_id, person_id, referral_id, 'BENCH-' || lpad(i::text, 8, '0'), worker,
              CASE WHEN i > 40 AND i % 5 = 0 THEN 'closed' ELSE 'open' END,
              received_at + interval '2 days',
              CASE WHEN i > 40 AND i % 5 = 0 THEN received_at + interval '90 days' END,
              CASE WHEN i > 40 AND i % 5 = 0 THEN 'goals_met' END,
              (now() + ((i % 60) - 10) * interval '1 day')::date, i % 20 = 0, true,
              received_at, received_at
         FROM seed WHERE case_id IS NOT NULL`,
    );
    await client.query(
      `WITH assessed AS (
         INSERT INTO needs_assessment (case_id, assessed_at, assessed_by)
         SELECT case_id, received_at + interval '3 days', worker FROM seed WHERE case_id IS NOT NULL
         RETURNING id)
       INSERT INTO need_rating (assessment_id, domain, severity, priority, situational)
       SELECT a.id, d.domain, 2, d.domain = 'social_connection', false
         FROM assessed a, unnest(ARRAY['social_connection', 'mental_health', 'housing']) AS d(domain)`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** A browser session for the link worker (sign-in form, CSRF and cookie), as the pages need. */
async function pageSession(baseUrl: string, email: string, password: string): Promise<string> {
  // As behind the TLS proxy of a production deployment, so the secure session cookie is set.
  const proxied = { 'x-forwarded-proto': 'https' };
  const cookieOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  const form = await fetch(`${baseUrl}/login`, { headers: proxied });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const signedIn = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      ...proxied,
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookieOf(form),
    },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  if (signedIn.status !== 303) throw new Error(`page sign-in failed: ${signedIn.status}`);
  return cookieOf(signedIn);
}

async function latencies(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(10, n); i++) await fn(); // warm plans and caches
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

/** Search must stay invisible to a person: p99 well under this on a quiet machine. */
const SEARCH_P99_TARGET_MS = 50;

const caseloadSql = (forWorker: boolean) => `
  SELECT c.id, c.person_id, p.given_name_encrypted, c.status, c.in_crisis, to_char(c.review_by, 'YYYY-MM-DD'),
         c.required_level, c.opened_at, c.sort_key
    FROM (SELECT c.*, (CASE WHEN c.in_crisis THEN '0' ELSE '1' END
                       || CASE WHEN c.review_by < $1::date THEN '0' ELSE '1' END
                       || coalesce(to_char(c.review_by, 'YYYY-MM-DD'), '9999-12-31')) AS sort_key
            FROM support_case c
           WHERE c.status = 'open' ${forWorker ? 'AND c.link_worker_id = $2' : ''}
           ORDER BY sort_key, c.id LIMIT 51) c
    JOIN person p ON p.id = c.person_id
   ORDER BY c.sort_key, c.id`;

/** The case file's reads (and its audit entry) in one transaction, as hand-written SQL. */
async function caseFileSql(
  pool: Pool,
  serviceId: string,
  caseId: string,
  actorId: string,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT set_config($1, $2, true)', [SCOPE_SETTING, serviceId]);
    const {
      rows: [c],
    } = await client.query<{ person_id: string }>('SELECT * FROM support_case WHERE id = $1', [
      caseId,
    ]);
    await client.query(
      `INSERT INTO audit_event (actor_id, action, entity, entity_id, subject_id) VALUES ($1, 'read', 'case', $2, $3)`,
      [actorId, caseId, c.person_id],
    );
    await client.query('SELECT * FROM person WHERE id = $1', [c.person_id]);
    await client.query(
      `SELECT a.*, r.* FROM needs_assessment a LEFT JOIN need_rating r ON r.assessment_id = a.id
        WHERE a.case_id = $1 ORDER BY a.assessed_at DESC`,
      [caseId],
    );
    await client.query(
      'SELECT * FROM safeguarding_record WHERE case_id = $1 ORDER BY recorded_at DESC LIMIT 1',
      [caseId],
    );
    await client.query('SELECT * FROM crisis_point WHERE case_id = $1 ORDER BY occurred_at DESC', [
      caseId,
    ]);
    await client.query('SELECT * FROM onward_referral WHERE case_id = $1', [caseId]);
    await client.query('SELECT * FROM outcome_measure WHERE case_id = $1', [caseId]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

export async function runCaseloadBench(opts: CaseloadBenchOptions): Promise<LatencyRow[]> {
  const n = opts.requests ?? 200;
  const owner = new Pool({ connectionString: opts.databaseUrl, max: 2 });
  const pool = appRolePool(opts.databaseUrl, 2);
  const base = opts.server.url;
  const lw = opts.linkWorker;
  try {
    progress(
      `seeding ${opts.seed.referrals.toLocaleString('en-GB')} referrals and ${opts.seed.cases.toLocaleString('en-GB')} cases`,
    );
    const seededAt = Date.now();
    await seedCaseload(owner, opts.seed, lw.id, opts.dataKey);
    const {
      rows: [{ id: serviceId }],
    } = await owner.query<{ id: string }>('SELECT id FROM service WHERE is_default');
    progress(`seeded in ${((Date.now() - seededAt) / 1000).toFixed(1)} s`);

    const page = {
      cookie: await pageSession(base, lw.email, lw.password),
      'x-forwarded-proto': 'https',
    };
    const caseId = await richCase(base, lw.token);
    const get = (path: string, headers: Record<string, string>) => async () => {
      const res = await fetch(`${base}${path}`, { headers });
      if (!res.ok) throw new Error(`GET ${path} → ${res.status}`);
      await res.text();
    };
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const today = new Date().toISOString().slice(0, 10);
    const caseload = caseloadSql(true);
    const everyCase = caseloadSql(false);
    const caseFile = () => caseFileSql(pool, serviceId, caseId, lw.id);
    const ownCaseload = () => inScope(pool, serviceId, (c) => c.query(caseload, [today, lw.id]));

    const seal = personSeal(Buffer.from(opts.dataKey, 'base64'));
    // Each side runs the same rotation of searches: the link worker's over their 40 people, the
    // admin's over open cases of the whole caseload.
    const rotation = (person: (k: number) => number) => {
      let k = 0;
      return () => {
        const i = person(k);
        return { i, q: searchTerm(i, k++) };
      };
    };
    const ownPerson = (k: number) => 1 + (k % 40);
    const anyOpenPerson = (k: number) => {
      const i = 1 + ((k * 7919) % opts.seed.cases);
      return i % 5 === 0 ? i + 1 : i;
    };
    const searchHttp = (token: string, person: (k: number) => number) => {
      const next = rotation(person);
      return async () => {
        const { q } = next();
        const res = await fetch(`${base}/api/cases?q=${encodeURIComponent(q)}`, {
          headers: bearer(token),
        });
        if (!res.ok) throw new Error(`search ${q} → ${res.status}`);
        const body = (await res.json()) as { items: unknown[] };
        if (body.items.length === 0) throw new Error(`search ${q} found nothing`);
      };
    };
    const searchSql = (
      linkWorkerId: string | null,
      scope: string,
      person: (k: number) => number,
    ) => {
      const next = rotation(person);
      return () => bareSearch(pool, scope, seal, next().q, linkWorkerId);
    };

    const measured: [string, () => Promise<unknown>, () => Promise<unknown>, number?][] = [
      ['caseload page /cases', get('/cases', page), ownCaseload],
      ['GET /api/cases (link worker)', get('/api/cases', bearer(lw.token)), ownCaseload],
      [
        `GET /api/cases (admin, all ${opts.seed.cases.toLocaleString('en-GB')})`,
        get('/api/cases', bearer(opts.adminToken)),
        () => inScope(pool, '*', (c) => c.query(everyCase, [today])),
      ],
      ['case page /cases/:id', get(`/cases/${caseId}`, page), caseFile],
      ['GET /api/cases/:id', get(`/api/cases/${caseId}`, bearer(lw.token)), caseFile],
      [
        'caseload search ?q= (link worker, own 40)',
        searchHttp(lw.token, ownPerson),
        searchSql(lw.id, serviceId, ownPerson),
        SEARCH_P99_TARGET_MS,
      ],
      [
        `caseload search ?q= (admin, ${opts.seed.cases.toLocaleString('en-GB')} cases, ${opts.seed.referrals.toLocaleString('en-GB')} people)`,
        searchHttp(opts.adminToken, anyOpenPerson),
        searchSql(null, '*', anyOpenPerson),
        SEARCH_P99_TARGET_MS,
      ],
    ];
    const rows: LatencyRow[] = [];
    for (const [what, http, sql, p99TargetMs] of measured) {
      progress(`${what}: ${n} requests`);
      const h = await latencies(n, http);
      const s = await latencies(n, sql);
      const p50 = percentile(h, 50);
      rows.push({
        what,
        p50Ms: round1(p50),
        p99Ms: round1(percentile(h, 99)),
        sqlP50Ms: round1(percentile(s, 50)),
        sqlP99Ms: round1(percentile(s, 99)),
        ratio: round1(p50 / percentile(s, 50)),
        ...(p99TargetMs ? { p99TargetMs } : {}),
      });
    }
    return rows;
  } finally {
    await pool.end();
    await owner.end();
  }
}

/** The first case of the link worker's caseload, given a history through the API: two needs assessments, a crisis, an outcome. */
async function richCase(baseUrl: string, token: string): Promise<string> {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const list = await call('GET', '/api/cases?limit=1');
  const caseId = (list.items as { id: string }[])[0].id;
  for (const severity of [3, 2])
    await call('PUT', `/api/cases/${caseId}/needs`, {
      needs: [
        { domain: 'social_connection', severity, priority: true },
        { domain: 'housing', severity: 4, priority: false },
        { domain: 'money', severity: 2, priority: false },
      ],
      whatMattersToMe: 'Meeting people who speak my language',
    });
  await call('POST', `/api/cases/${caseId}/crisis-points`, {
    type: 'eviction_or_homelessness',
    occurredAt: new Date().toISOString(),
    pausePlacements: false,
  });
  await call('POST', `/api/cases/${caseId}/outcomes`, {
    instrument: 'SWEMWBS',
    timepoint: 'baseline',
    answers: [3, 3, 2, 3, 2, 3, 3],
  });
  return caseId;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
