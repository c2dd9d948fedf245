/**
 * Offers per second into one group under contention: through the HTTP API (autocannon, many
 * connections, several link workers) against a raw-SQL baseline of the same counting statements
 * through `pg`. Both sides end with the invariant checked: reserved never exceeds places.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { Pool, type PoolClient } from 'pg';
import { personSeal } from '../src/casework/person-seal';
import { VETTING_CHECKS_BY_LEVEL } from '../src/common/vocabulary';
import { SCOPE_SETTING } from '../src/services/scoped-transactions';
import { appRolePool, login, progress, startBenchDatabase, startServer } from './support';

export interface PlacementsBenchOptions {
  /** Offers sent by each side (one case per offer). */
  offers?: number;
  /** Concurrent HTTP connections and SQL clients. */
  connections?: number;
  places?: number;
  linkWorkers?: number;
}

export interface PlacementsBenchSide {
  offers: number;
  seconds: number;
  offersPerSecond: number;
  offered: number;
  waitlisted: number;
  errors: number;
  reserved: number;
  places: number;
  p50Ms?: number;
  p99Ms?: number;
}

export interface PlacementsBenchResult {
  http: PlacementsBenchSide;
  sql: PlacementsBenchSide;
  /** How many times slower the full API is than the bare statements. */
  overhead: number;
}

const ADMIN = { email: 'bench.admin@linkway.test', password: 'amber meadow kettle 12' };
const PASSWORD = 'amber meadow kettle 12';

export async function runPlacementsBench(
  opts: PlacementsBenchOptions = {},
): Promise<PlacementsBenchResult> {
  const offers = opts.offers ?? 1500;
  const connections = opts.connections ?? 20;
  const places = opts.places ?? 50;
  const workers = opts.linkWorkers ?? 4;

  const db = await startBenchDatabase();
  // The cases are written here in bulk, so their sealed names must open with the server's key.
  const dataKey = randomBytes(32);
  const server = await startServer(db.url, {
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    DATA_ENCRYPTION_KEY: dataKey.toString('base64'),
  });
  const sealedName = personSeal(dataKey).cipher.encrypt('Bench');
  const pool = new Pool({ connectionString: db.url, max: connections + 2 });
  const appPool = appRolePool(db.url, connections + 2);
  try {
    const api = apiClient(server.url, await login(server.url, ADMIN.email, ADMIN.password));
    progress('setting up groups, link workers and cases');
    const lwTokens: { id: string; token: string }[] = [];
    for (let i = 0; i < workers; i++) {
      const email = `bench.lw${i}@linkway.test`;
      const u = await api('POST', '/api/users', {
        email,
        name: `Bench link worker ${i}`,
        role: 'link_worker',
        password: PASSWORD,
      });
      lwTokens.push({ id: u.id as string, token: await login(server.url, email, PASSWORD) });
    }
    const httpGroup = await newGroup(api, places);
    const sqlGroup = await newGroup(api, places);
    const httpCases = await insertCases(
      pool,
      offers,
      lwTokens.map((l) => l.id),
      sealedName,
    );
    const sqlCases = await insertCases(
      pool,
      offers,
      lwTokens.map((l) => l.id),
      sealedName,
    );

    progress(`HTTP: ${offers} offers over ${connections} connections`);
    let next = 0;
    const tokenOf = new Map(lwTokens.map((l) => [l.id, l.token]));
    let offered = 0;
    let waitlisted = 0;
    const started = Date.now();
    const result = await autocannon({
      url: server.url,
      connections,
      amount: offers,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const c = httpCases[next++ % httpCases.length];
            return {
              ...req,
              path: `/api/cases/${c.caseId}/placements`,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${tokenOf.get(c.linkWorkerId)}`,
              },
              body: JSON.stringify({ groupId: httpGroup.id }),
            };
          },
          onResponse: (status, body) => {
            if (status !== 201) return;
            if (body.includes('"waitlisted"')) waitlisted++;
            else offered++;
          },
        },
      ],
    });
    const httpSeconds = (Date.now() - started) / 1000;
    const http: PlacementsBenchSide = {
      offers,
      seconds: round(httpSeconds),
      offersPerSecond: round((offered + waitlisted) / httpSeconds),
      offered,
      waitlisted,
      errors: result.non2xx + result.errors,
      reserved: await reservedOf(pool, httpGroup.id),
      places,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
    };

    progress(`SQL baseline: ${offers} offers over ${connections} clients`);
    const {
      rows: [{ id: serviceId }],
    } = await pool.query<{ id: string }>('SELECT id FROM service WHERE is_default');
    const sql = await sqlBaseline(appPool, serviceId, sqlGroup, sqlCases, connections, places);
    const overhead = round(sql.offersPerSecond / Math.max(http.offersPerSecond, 0.001));
    for (const side of [http, sql])
      if (side.reserved > side.places) throw new Error('Invariant broken: reserved > places');
    return { http, sql, overhead };
  } finally {
    await pool.end();
    await appPool.end();
    await server.stop();
    await db.stop();
  }
}

type Api = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

function apiClient(baseUrl: string, token: string): Api {
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
}

/** An approved level-1 group with the given places and a waitlist, so every offer is a write. */
async function newGroup(api: Api, places: number): Promise<{ id: string; organisationId: string }> {
  const org = await api('POST', '/api/organisations', {
    name: `Bench group org ${Math.random().toString(36).slice(2, 8)}`,
    kind: 'community_group',
  });
  const group = await api('POST', '/api/groups', {
    organisationId: org.id,
    name: 'Bench conversation café',
    description: 'Benchmark group',
    activityTypes: ['conversation_esol'],
    needsServed: ['social_connection'],
    languages: ['en'],
    deliveryMode: 'in_person',
    accessibility: { childcare: false, travelSupport: false, stepFree: true, womenOnly: false },
  });
  const id = group.id as string;
  const day = 86_400_000;
  for (const check of VETTING_CHECKS_BY_LEVEL[1])
    await api('POST', `/api/groups/${id}/vetting-checks`, {
      check,
      evidence: 'Benchmark',
      verifiedAt: new Date(Date.now() - day).toISOString(),
      expiresAt: new Date(Date.now() + 365 * day).toISOString(),
    });
  await api('PUT', `/api/groups/${id}/capacity`, {
    places,
    waitlistEnabled: true,
    intakePaused: false,
    offerExpiryDays: 7,
  });
  return { id, organisationId: org.id as string };
}

/** Open cases with consent to share, spread over the link workers (bulk SQL: setup is not measured). */
async function insertCases(
  pool: Pool,
  n: number,
  linkWorkerIds: string[],
  sealedName: string,
): Promise<{ caseId: string; linkWorkerId: string }[]> {
  const { rows } = await pool.query<{ case_id: string; link_worker_id: string }>(
    `WITH people AS (
       INSERT INTO person (given_name_encrypted, service_id)
       SELECT $3, (SELECT id FROM service WHERE is_default) FROM generate_series(1, $1) g
       RETURNING id
     ), numbered AS (SELECT id, row_number() OVER () AS i FROM people)
     INSERT INTO support_case (person_id, link_worker_id, consent_to_share)
     SELECT id, ($2::uuid[])[1 + (i % array_length($2::uuid[], 1))], true FROM numbered
     RETURNING id AS case_id, link_worker_id`,
    [n, linkWorkerIds, sealedName],
  );
  return rows.map((r) => ({ caseId: r.case_id, linkWorkerId: r.link_worker_id }));
}

/** The offer's counting statements and the placement insert, without HTTP, Nest or checks. */
async function sqlBaseline(
  pool: Pool,
  serviceId: string,
  group: { id: string; organisationId: string },
  cases: { caseId: string; linkWorkerId: string }[],
  clients: number,
  places: number,
): Promise<PlacementsBenchSide> {
  let next = 0;
  let offered = 0;
  let waitlisted = 0;
  let errors = 0;
  const groupId = group.id;
  const orgId = group.organisationId;
  const offerOne = async (client: PoolClient, c: { caseId: string; linkWorkerId: string }) => {
    await client.query('BEGIN');
    try {
      // As the app runs it: the row-level security role, in the link workers' (default) service.
      await client.query('SELECT set_config($1, $2, true)', [SCOPE_SETTING, serviceId]);
      const reserved = await client.query(
        `UPDATE group_capacity SET reserved = reserved + 1, updated_at = now()
          WHERE group_id = $1 AND reserved < places AND NOT intake_paused
            AND (NOT waitlist_enabled OR waitlist_length = 0)
         RETURNING offer_expiry_days`,
        [groupId],
      );
      let status = 'offered';
      let position: number | null = null;
      if (!reserved.rowCount) {
        await client.query('SELECT * FROM group_capacity WHERE group_id = $1 FOR UPDATE', [
          groupId,
        ]);
        const w = await client.query<{ waitlist_length: number }>(
          `UPDATE group_capacity SET waitlist_length = waitlist_length + 1
            WHERE group_id = $1 AND waitlist_enabled RETURNING waitlist_length`,
          [groupId],
        );
        status = 'waitlisted';
        position = w.rows[0].waitlist_length;
      }
      await client.query(
        `INSERT INTO placement (case_id, person_id, link_worker_id, group_id, group_organisation_id,
                                status, position, offered_at, expires_at, created_by)
         SELECT $1, person_id, $2, $3, $4, $5, $6, now(), now() + interval '7 days', $2
           FROM support_case WHERE id = $1`,
        [c.caseId, c.linkWorkerId, groupId, orgId, status, position],
      );
      await client.query('COMMIT');
      if (status === 'offered') offered++;
      else waitlisted++;
    } catch {
      await client.query('ROLLBACK');
      errors++;
    }
  };
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = await pool.connect();
      try {
        while (next < cases.length) await offerOne(client, cases[next++]);
      } finally {
        client.release();
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  return {
    offers: cases.length,
    seconds: round(seconds),
    offersPerSecond: round((offered + waitlisted) / seconds),
    offered,
    waitlisted,
    errors,
    reserved: await reservedOf(pool, groupId),
    places,
  };
}

async function reservedOf(pool: Pool, groupId: string): Promise<number> {
  const { rows } = await pool.query<{ reserved: number }>(
    'SELECT reserved FROM group_capacity WHERE group_id = $1',
    [groupId],
  );
  return rows[0]?.reserved ?? 0;
}

const round = (n: number) => Math.round(n * 10) / 10;

if (require.main === module) {
  runPlacementsBench()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
