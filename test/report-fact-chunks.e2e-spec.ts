import { Client } from 'pg';
import { rebuildFactChunks, rebuildFactChunksSql } from '../src/reports/facts/fact-chunks';

const REBUILD_ALL = rebuildFactChunksSql(1000);
import { ReportsFactory } from './support/reports-factory';
import { TestContext } from './support/test-app';

/**
 * The service-access report's chunks (migration ReportFactChunks) are rebuilt by whichever
 * instance reports or drains first; the others wait for it and find them current.
 */
describe('Report fact chunks', () => {
  let ctx: TestContext;
  let make: ReportsFactory;

  beforeAll(async () => {
    ctx = await TestContext.create();
    make = new ReportsFactory(ctx.db);
  });
  afterAll(() => ctx.close());

  const ownConnection = async () => {
    const client = new Client({
      connectionString: (ctx.db as unknown as { options: { connectionString: string } }).options
        .connectionString,
    });
    await client.connect();
    return client;
  };

  const staleChunks = async () =>
    Number((await ctx.db.query('SELECT count(*) FROM report_fact_chunk_stale')).rows[0].count);

  it('rebuilds on one connection at a time: a second waits for the first, then finds nothing stale', async () => {
    await make.journey({ receivedAt: '2026-02-10T10:00:00Z', channel: 'gp_practice' });
    await ctx.db.query('SELECT linkway_refresh_report_facts()');
    expect(await staleChunks()).toBeGreaterThan(0);

    const [first, second] = [await ownConnection(), await ownConnection()];
    try {
      await first.query('BEGIN');
      const { rows } = await first.query(REBUILD_ALL);
      expect(rows[0].rebuilt).toBeGreaterThan(0);
      const [{ pid }] = (await second.query('SELECT pg_backend_pid() AS pid')).rows;
      const waiting = second.query(REBUILD_ALL);
      // The second is held on the first's lock, not rebuilding beside it.
      for (let tries = 0; ; tries++) {
        const { rows: lock } = await ctx.db.query(
          'SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1',
          [pid],
        );
        if (lock[0]?.wait_event_type === 'Lock') break;
        if (tries > 200) throw new Error('the second rebuild never waited');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await first.query('COMMIT');
      expect((await waiting).rows[0].rebuilt).toBe(0);
    } finally {
      await first.end();
      await second.end();
    }
    expect(await staleChunks()).toBe(0);
  });

  it('catches up many stale months a batch per transaction', async () => {
    for (const month of ['04', '05', '06', '07', '08'])
      await make.journey({ receivedAt: `2025-${month}-10T10:00:00Z` });
    await ctx.db.query('SELECT linkway_refresh_report_facts()');
    const stale = await staleChunks();
    expect(stale).toBeGreaterThanOrEqual(5);
    const batches: number[] = [];
    const rebuilt = await rebuildFactChunks(async (sql) => {
      const { rows } = await ctx.db.query<{ rebuilt: number }>(sql);
      batches.push(rows[0].rebuilt);
      return rows;
    }, 2);
    expect(rebuilt).toBe(stale);
    expect(batches.slice(0, -1).every((n) => n === 2)).toBe(true);
    expect(batches.at(-1)).toBeLessThan(2);
    expect(await staleChunks()).toBe(0);
  });

  it('marks a changed row’s month stale, and an emptied fact table leaves no chunk behind', async () => {
    const { referralId } = await make.journey({ receivedAt: '2026-03-04T10:00:00Z' });
    await ctx.db.query('SELECT linkway_refresh_report_facts()');
    await ctx.db.query(REBUILD_ALL);
    await ctx.db.query(`UPDATE referral SET channel = 'library' WHERE id = $1`, [referralId]);
    await ctx.db.query('SELECT linkway_refresh_report_facts()');
    const { rows } = await ctx.db.query('SELECT month FROM report_fact_chunk_stale');
    expect(rows).toEqual([{ month: '2026-03' }]);

    await ctx.db.query('TRUNCATE report_referral_fact');
    const counts = await ctx.db.query(
      'SELECT (SELECT count(*)::int FROM report_fact_chunk) AS chunks, (SELECT count(*)::int FROM report_fact_chunk_stale) AS stale',
    );
    expect(counts.rows[0]).toEqual({ chunks: 0, stale: 0 });
  });
});
