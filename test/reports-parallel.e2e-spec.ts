import { REFRESH_REPORT_FACTS_SQL } from '../src/reports/service-access/service-access.sql';
import type { EntityManager } from 'typeorm';
import {
  ALL_SERVICES,
  onlyService,
  ScopedTransactions,
  type ServiceScope,
} from '../src/services/scoped-transactions';
import { ReportsFactory } from './support/reports-factory';
import { TestContext } from './support/test-app';

/**
 * Row-level security puts the scope function in every policy, so PostgreSQL may use parallel
 * workers for a report only if that function is marked parallel safe. Unmarked, every report the
 * app ran was a single process, while the same statement as the owner (who bypasses the policy)
 * used the workers. Here the planner is told parallel workers cost nothing, so it uses them
 * wherever it may, even on a small table.
 */
describe('Reports under row-level security can use parallel workers', () => {
  let ctx: TestContext;
  let otherService: string;

  /** Parallel workers made free, so the planner uses them wherever it may. */
  const forceParallel = async (em: EntityManager) => {
    for (const setting of [
      'parallel_setup_cost = 0',
      'parallel_tuple_cost = 0',
      'min_parallel_table_scan_size = 0',
    ]) {
      await em.query(`SET LOCAL ${setting}`);
    }
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    const make = new ReportsFactory(ctx.db);
    await make.journeys(20);
    otherService = (
      await ctx.db.query<{ id: string }>(`INSERT INTO service (name) VALUES ('Other') RETURNING id`)
    ).rows[0].id;
    await make.journeys(3, { serviceId: otherService });
    await ctx.db.query(REFRESH_REPORT_FACTS_SQL);
    await ctx.db.query('ANALYZE report_referral_fact');
  });
  afterAll(() => ctx.close());

  it('plans the fact table scan of a report with parallel workers, as the app role in a scope', async () => {
    const plan = await ctx.app.get(ScopedTransactions).run(ALL_SERVICES, async (em) => {
      await forceParallel(em);
      const rows: { 'QUERY PLAN': string }[] = await em.query(
        `EXPLAIN SELECT channel, count(*) FROM report_referral_fact GROUP BY channel`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Parallel Seq Scan on report_referral_fact');
    expect(plan).toContain('service_id = ANY');
  });

  it('keeps the workers to the scope: only the workers scan, and they see one service', async () => {
    const counted = (scope: ServiceScope) =>
      ctx.app.get(ScopedTransactions).run(scope, async (em) => {
        await forceParallel(em);
        await em.query('SET LOCAL parallel_leader_participation = off');
        const [row]: { n: number }[] = await em.query(
          'SELECT count(*)::int AS n FROM report_referral_fact',
        );
        return row.n;
      });
    expect(await counted(onlyService(otherService))).toBe(3);
    expect(await counted(ALL_SERVICES)).toBe(23);
  });
});
