import { Client } from 'pg';
import { APP_DATABASE_ROLE } from '../src/database/app-role';
import { SCOPE_SETTING } from '../src/services/scoped-transactions';
import { createReferral } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

/**
 * The second lock: PostgreSQL's row-level security keeps every table a service owns to the
 * transaction's service scope, whatever the SQL says. These queries run as the app's own role
 * and leave out any service condition on purpose.
 */
describe('Row-level security by service', () => {
  let ctx: TestContext;
  let app: Client;
  let serviceA: string;
  let serviceB: string;
  let referralA: string;
  let referralB: string;

  /** Tables with a service_id that are not owned by a service: who works where, and routing. */
  const NOT_OWNED = ['app_user', 'organisation'];

  beforeAll(async () => {
    ctx = await TestContext.create();
    const admin = await ctx.newUser('admin');
    const create = async (name: string) =>
      (await ctx.http.post('/api/services').set('Authorization', admin.auth).send({ name })).body
        .id as string;
    serviceA = await create('Service A');
    serviceB = await create('Service B');
    const open = async (serviceId: string) => {
      const lw: TestUser = await ctx.newUser('link_worker', { serviceId });
      const { id } = await createReferral(ctx, lw);
      await ctx.http
        .post(`/api/referrals/${id}/assign`)
        .set('Authorization', lw.auth)
        .send({ linkWorkerId: lw.id });
      const accepted = await ctx.http
        .post(`/api/referrals/${id}/accept`)
        .set('Authorization', lw.auth)
        .send();
      await ctx.http
        .put(`/api/cases/${accepted.body.caseId}/needs`)
        .set('Authorization', lw.auth)
        .send({ needs: [{ domain: 'food', severity: 2, priority: true }] });
      return id;
    };
    referralA = await open(serviceA);
    referralB = await open(serviceB);
    app = new Client({
      connectionString: process.env.DATABASE_URL,
      options: `-c role=${APP_DATABASE_ROLE}`,
    });
    await app.connect();
  });
  afterAll(async () => {
    await app.end();
    await ctx.close();
  });

  const inScope = async <T>(scope: string | null, work: () => Promise<T>): Promise<T> => {
    await app.query('BEGIN');
    try {
      if (scope !== null)
        await app.query('SELECT set_config($1, $2, true)', [SCOPE_SETTING, scope]);
      return await work();
    } finally {
      await app.query('ROLLBACK');
    }
  };
  const ids = async (sql: string) => (await app.query<{ id: string }>(sql)).rows.map((r) => r.id);

  it('gives a raw query with no service condition nothing from another service', async () => {
    const seen = await inScope(serviceA, async () => ({
      referrals: await ids('SELECT id FROM referral'),
      cases: await ids('SELECT service_id AS id FROM support_case'),
      people: await ids('SELECT service_id AS id FROM person'),
      ratings: await ids('SELECT service_id AS id FROM need_rating'),
    }));
    expect(seen.referrals).toEqual([referralA]);
    expect(new Set([...seen.cases, ...seen.people, ...seen.ratings])).toEqual(new Set([serviceA]));
  });

  it('gives nothing at all to a transaction that set no scope', async () => {
    const seen = await inScope(null, () => ids('SELECT id FROM referral'));
    expect(seen).toEqual([]);
  });

  it('forgets the scope when the transaction ends, so a pooled connection carries nothing over', async () => {
    await app.query('BEGIN');
    await app.query('SELECT set_config($1, $2, true)', [SCOPE_SETTING, serviceA]);
    await app.query('COMMIT');
    expect(await ids('SELECT id FROM referral')).toEqual([]);
  });

  it("shows the report fact table's rows of the scope's services only, and lets the app refresh but not write them", async () => {
    const seen = await inScope(serviceA, async () => {
      // The refresh runs as the owner with every service in scope, and leaves the caller's scope alone.
      await app.query('SELECT linkway_refresh_report_facts()');
      return {
        facts: await ids('SELECT referral_id AS id FROM report_referral_fact'),
        scope: (await app.query<{ s: string }>('SELECT current_setting($1) AS s', [SCOPE_SETTING]))
          .rows[0].s,
      };
    });
    expect(seen).toEqual({ facts: [referralA], scope: serviceA });
    const every = await inScope('*', async () => {
      await app.query('SELECT linkway_refresh_report_facts()');
      return ids('SELECT referral_id AS id FROM report_referral_fact');
    });
    expect(every).toEqual(expect.arrayContaining([referralA, referralB]));
    await expect(inScope('*', () => app.query('DELETE FROM report_referral_fact'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      inScope('*', () => app.query('SELECT * FROM report_referral_fact_queue')),
    ).rejects.toThrow(/permission denied/);
  });

  it("shows every service's rows to the documented bypass, '*'", async () => {
    const seen = await inScope('*', () => ids('SELECT id FROM referral'));
    expect(seen).toEqual(expect.arrayContaining([referralA, referralB]));
  });

  it('refuses to write a row into another service, or move one there', async () => {
    await expect(
      inScope(serviceA, () =>
        app.query(`INSERT INTO person (given_name_encrypted, service_id) VALUES ('Intruder', $1)`, [
          serviceB,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      inScope(serviceA, () =>
        app.query('UPDATE referral SET service_id = $1 WHERE id = $2', [serviceB, referralA]),
      ),
    ).rejects.toThrow(/row-level security/);
    const untouched = await inScope(serviceB, () =>
      app.query('UPDATE referral SET status = status WHERE id = $1', [referralA]),
    );
    expect(untouched.rowCount).toBe(0);
  });

  it("files a case's records under the case's service", async () => {
    const { rows } = await ctx.db.query<{ table: string; mismatched: number }>(
      `SELECT 'need_rating' AS table, count(*)::int AS mismatched
         FROM need_rating r JOIN needs_assessment a ON a.id = r.assessment_id
        WHERE r.service_id <> a.service_id
       UNION ALL
       SELECT 'support_case', count(*)::int FROM support_case c JOIN person p ON p.id = c.person_id
        WHERE c.service_id <> p.service_id`,
    );
    expect(rows.every((r) => r.mismatched === 0)).toBe(true);
  });

  it('keeps every table that carries a service under forced row-level security', async () => {
    const { rows } = await ctx.db.query<{ table: string; rls: boolean; forced: boolean }>(
      `SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
         FROM information_schema.columns col
         JOIN pg_class c ON c.relname = col.table_name AND c.relkind = 'r'
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        WHERE col.table_schema = 'public' AND col.column_name = 'service_id'
        ORDER BY 1`,
    );
    const owned = rows.filter((r) => !NOT_OWNED.includes(r.table));
    expect(owned.length).toBeGreaterThanOrEqual(13);
    expect(owned.filter((r) => !r.rls || !r.forced).map((r) => r.table)).toEqual([]);
  });

  it('does not let the app role rewrite the migration history', async () => {
    await expect(app.query('DELETE FROM typeorm_migrations')).rejects.toThrow(/permission denied/);
  });
});
