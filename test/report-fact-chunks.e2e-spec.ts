import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Client, type PoolClient } from 'pg';
import {
  FACT_CHUNKS_CURRENT_SQL,
  rebuildFactChunks,
  rebuildFactChunksSql,
} from '../src/reports/facts/fact-chunks';
import { copyBinaryRows } from '../src/reports/facts/copy-binary';
import { readServiceAccessChunks } from '../src/reports/service-access/service-access.chunks';

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

  const ownConnection = () => ctx.ownConnection();

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

  /** Whether the period's chunks are current, as seen in a scope (`linkway.services`). */
  const current = async (client: Client, services: string, period: string[]) => {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('linkway.services', $1, true)`, [services]);
    const { rows } = await client.query(FACT_CHUNKS_CURRENT_SQL, period);
    await client.query('COMMIT');
    return rows[0].current as boolean;
  };
  const period = ['2026-05-01', '2026-05-31'];

  it('while a report reads, holds out any change to the fact rows, so chunks and facts agree', async () => {
    const { referralId } = await make.journey({ receivedAt: '2026-05-06T10:00:00Z' });
    await ctx.db.query('SELECT linkway_refresh_report_facts()');
    await ctx.db.query(REBUILD_ALL);
    const [reader, writer] = [await ownConnection(), await ownConnection()];
    try {
      await reader.query('BEGIN');
      await reader.query(`SELECT set_config('linkway.services', '*', true)`);
      const { rows } = await reader.query(FACT_CHUNKS_CURRENT_SQL, period);
      expect(rows[0].current).toBe(true);
      await writer.query(`UPDATE referral SET channel = 'library' WHERE id = $1`, [referralId]);
      const [{ pid }] = (await writer.query('SELECT pg_backend_pid() AS pid')).rows;
      const refresh = writer.query('SELECT linkway_refresh_report_facts()');
      for (let tries = 0; ; tries++) {
        const { rows: lock } = await ctx.db.query(
          'SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1',
          [pid],
        );
        if (lock[0]?.wait_event_type === 'Lock') break;
        if (tries > 200) throw new Error('the refresh never waited for the read');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await reader.query('COMMIT');
      await refresh;
      // Once the read is over the refresh goes through, and the chunk is stale until rebuilt.
      expect(await current(writer, '*', period)).toBe(false);
      // Only the period's months and the scope's services count.
      expect(await current(writer, '*', ['2026-06-01', '2026-06-30'])).toBe(true);
      expect(await current(writer, randomUUID(), period)).toBe(true);
    } finally {
      await reader.end();
      await writer.end();
    }
  });

  it('leaves the connection usable when reading the chunks fails part way', async () => {
    await make.journey({ receivedAt: '2026-07-08T10:00:00Z' });
    await make.journey({ receivedAt: '2026-08-08T10:00:00Z' });
    await ctx.db.query('SELECT linkway_refresh_report_facts()');
    await ctx.db.query(REBUILD_ALL);
    // A chunk whose count disagrees with its records fails as it is read, and a large one after
    // it is still on its way: far more than the stream buffers before its reader asks for more.
    await ctx.db.query(
      `UPDATE report_fact_chunk SET row_count = row_count + 1 WHERE month = '2026-07'`,
    );
    await ctx.db.query(
      `UPDATE report_fact_chunk c
          SET rows = (SELECT string_agg(x.r, ''::bytea)
                        FROM (SELECT c.rows AS r FROM generate_series(1, 5000)) x),
              needs = (SELECT string_agg(x.n, ''::bytea)
                         FROM (SELECT c.needs AS n FROM generate_series(1, 5000)) x),
              row_count = c.row_count * 5000
        WHERE month = '2026-08'`,
    );
    const client = await ownConnection();
    try {
      await client.query('BEGIN');
      await expect(
        readServiceAccessChunks(client as unknown as PoolClient, ['channel'], {
          from: '2026-01-01',
          to: '2026-12-31',
        }),
      ).rejects.toThrow(/bytes for/);
      await client.query('ROLLBACK');
      expect((await client.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      await client.end();
      await ctx.db.query(
        `UPDATE report_fact_chunk SET row_count = row_count - 1 WHERE month = '2026-07'`,
      );
    }
  });

  it('copies large fields whole, each row’s own, though their buffers are used again', async () => {
    // Rows of two large fields, shrinking and growing, each filled with its row's own byte: a
    // field put together in a buffer kept from an earlier row must carry none of that row.
    const sizes = [300_000, 90_000, 500_000, 70_000, 0, 250_000];
    const client = await ownConnection();
    try {
      const seen: string[] = [];
      for await (const [id, a, b] of copyBinaryRows(
        client as unknown as PoolClient,
        `COPY (SELECT i::int, decode(repeat(lpad(to_hex(i), 2, '0'), size), 'hex'),
                         decode(repeat(lpad(to_hex(i + 100), 2, '0'), size + 7), 'hex')
                 FROM unnest('{${sizes.join(',')}}'::int[]) WITH ORDINALITY AS s(size, i)
                ORDER BY i) TO STDOUT (FORMAT binary)`,
      )) {
        const i = id!.readInt32BE(0);
        const whole = (field: Buffer, byte: number, length: number) =>
          field.length === length && field.every((x) => x === byte);
        seen.push(`${i}: ${whole(a!, i, sizes[i - 1])} ${whole(b!, i + 100, sizes[i - 1] + 7)}`);
      }
      expect(seen).toEqual(sizes.map((_, k) => `${k + 1}: true true`));
    } finally {
      await client.end();
    }
  });

  it('leaves no query timeout behind to fail the finished copy', async () => {
    const client = await ctx.ownConnection({ query_timeout: 300 });
    // pg arms a timer for every query and disarms it in the query's callback; watch the stream.
    const late: string[] = [];
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Readable) result.on('error', (e: Error) => late.push(e.message));
      return result;
    };
    try {
      await client.query('BEGIN');
      await readServiceAccessChunks(client as unknown as PoolClient, [], {
        from: '2026-01-01',
        to: '2026-12-31',
      });
      await client.query('COMMIT');
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(late).toEqual([]);
    } finally {
      await client.end();
    }
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
