import { Test } from '@nestjs/testing';
import { AppModule } from '../src/app.module';
import { ReportFactsDrainJob } from '../src/reports/facts/report-facts-drain.job';
import { ReportsFactory } from './support/reports-factory';
import { TestContext } from './support/test-app';

/**
 * The background drain of the report facts queue (REPORT_FACTS_DRAIN_SECONDS). Driven by calling
 * the job directly, as the other jobs' tests do; SCHEDULED_JOBS_ENABLED=false keeps its clock off.
 */
describe('Report facts drain job', () => {
  let ctx: TestContext;
  let make: ReportsFactory;
  let job: ReportFactsDrainJob;

  beforeAll(async () => {
    ctx = await TestContext.create();
    make = new ReportsFactory(ctx.db);
    job = ctx.app.get(ReportFactsDrainJob);
  });
  afterAll(() => ctx.close());

  /** Fact rows that differ from the row definition over the sources now, both ways round. */
  const staleRows = async () =>
    (
      await ctx.db.query(
        `(SELECT * FROM report_referral_fact
          EXCEPT SELECT * FROM linkway_report_fact_rows(ARRAY(SELECT id FROM referral)))
         UNION ALL
         (SELECT * FROM linkway_report_fact_rows(ARRAY(SELECT id FROM referral))
          EXCEPT SELECT * FROM report_referral_fact)`,
      )
    ).rows;

  const channelOf = async (referralId: string) =>
    (
      await ctx.db.query<{ channel: string }>(
        'SELECT channel FROM report_referral_fact WHERE referral_id = $1',
        [referralId],
      )
    ).rows[0]?.channel;

  const ownConnection = () => ctx.ownConnection();

  /** Referrals whose facts are written, then a change to each that only queues them again. */
  async function queuedChanges(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push((await make.journey({ channel: 'gp_practice' })).referralId);
    await ctx.db.query('SELECT linkway_refresh_report_facts()');
    await ctx.db.query(`UPDATE referral SET channel = 'self' WHERE id = ANY ($1)`, [ids]);
    for (const id of ids) expect(await channelOf(id)).toBe('gp_practice');
    return ids;
  }

  it('rewrites a changed referral’s facts without waiting for a report', async () => {
    const [referralId] = await queuedChanges(1);

    expect(await job.drain()).toEqual({ ran: true, refreshed: 1 });

    expect(await channelOf(referralId)).toBe('self');
    expect(await staleRows()).toEqual([]);
    // Its chunk too: none is left stale, and the new value is in the chunk's dictionary.
    const { rows: stale } = await ctx.db.query('SELECT * FROM report_fact_chunk_stale');
    expect(stale).toEqual([]);
    const { rows: chunks } = await ctx.db.query(
      `SELECT c.dictionaries->'channel' AS channels FROM report_fact_chunk c
         JOIN report_referral_fact f ON f.service_id = c.service_id
          AND to_char(f.local_day, 'YYYY-MM') = c.month
        WHERE f.referral_id = $1`,
      [referralId],
    );
    expect(chunks[0].channels).toContain('self');
    expect(await job.drain()).toEqual({ ran: true, refreshed: 0 });
  });

  it('skips at once, changing nothing, while another drain holds the lock', async () => {
    const [referralId] = await queuedChanges(1);
    const other = await ownConnection();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT pg_advisory_xact_lock(hashtext('report_referral_fact'))`);
      expect(await job.drain()).toEqual({ ran: false, refreshed: 0 });
      expect(await channelOf(referralId)).toBe('gp_practice');
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    expect(await job.drain()).toEqual({ ran: true, refreshed: 1 });
    expect(await channelOf(referralId)).toBe('self');
  });

  it('catches up a queue larger than a batch in several short transactions', async () => {
    const changed = await queuedChanges(5);
    // One call takes at most its batch of queue entries, oldest first, and leaves the rest.
    const { rows } = await ctx.db.query('SELECT * FROM linkway_refresh_report_facts(2)');
    expect(rows[0].taken).toBe(2);
    expect((await staleRows()).length).toBeGreaterThan(0);

    const run = await job.drain(2);

    expect(run.ran).toBe(true);
    expect(run.refreshed).toBeGreaterThanOrEqual(changed.length - rows[0].refreshed);
    for (const id of changed) expect(await channelOf(id)).toBe('self');
    expect(await staleRows()).toEqual([]);
  });

  it('takes a bulk change off the queue in work proportional to it, whatever the queue’s statistics say', async () => {
    // A busy queue is mostly empty when it is vacuumed: its statistics then say no rows in many
    // pages, and the planner expects one entry however many a bulk change has just queued.
    for (let i = 0; i < 10; i++) await make.journey({ channel: 'gp_practice' });
    await job.drain();
    await ctx.db.query(
      'INSERT INTO report_referral_fact_queue (referral_id) SELECT id FROM referral, generate_series(1, 50)',
    );
    await ctx.db.query('DELETE FROM report_referral_fact_queue');
    await ctx.db.query('VACUUM (TRUNCATE false, ANALYZE) report_referral_fact_queue');
    const queued = 4000;
    const client = await ownConnection();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO report_referral_fact_queue (referral_id)
           SELECT id FROM referral, generate_series(1, ceil($1::float8 / (SELECT count(*) FROM referral))::int)
           LIMIT $1`,
        [queued],
      );
      const { rows } = await client.query('SELECT * FROM linkway_refresh_report_facts(2147483647)');
      // Queue entries read by scans and index lookups in this transaction, insert and drain.
      const read = await client.query<{ entries: string }>(
        `SELECT pg_stat_get_xact_tuples_returned('report_referral_fact_queue'::regclass)
              + pg_stat_get_xact_tuples_returned('"PK_report_referral_fact_queue"'::regclass) AS entries`,
      );
      await client.query('COMMIT');

      expect(rows[0].taken).toBe(queued);
      expect(Number(read.rows[0].entries)).toBeLessThan(5 * queued);
      expect(await staleRows()).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('leaves a change committed after a drain, with an older queue entry, for the next drain', async () => {
    const [early, late] = await queuedChanges(2);
    await job.drain();
    const other = await ownConnection();
    try {
      // The older change queues first but commits only after a newer one has been drained.
      await other.query('BEGIN');
      await other.query(`UPDATE referral SET channel = 'school' WHERE id = $1`, [early]);
      await ctx.db.query(`UPDATE referral SET channel = 'library' WHERE id = $1`, [late]);
      await job.drain();
      expect(await channelOf(late)).toBe('library');
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    expect(await channelOf(early)).toBe('self');

    await job.drain();

    expect(await channelOf(early)).toBe('school');
    expect(await staleRows()).toEqual([]);
  });

  it('drains once when two instances run it together, leaving the table correct', async () => {
    // A second instance of the app on the same database, with its own connections.
    const second = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await second.init();
    try {
      const changed = await queuedChanges(3);
      const runs = await Promise.all([job.drain(), second.get(ReportFactsDrainJob).drain()]);

      // However the two interleave: all three rewritten, once (by one of them, or the later found
      // nothing left), and no error.
      expect(runs.reduce((n, r) => n + r.refreshed, 0)).toBe(changed.length);
      expect(runs.some((r) => r.ran)).toBe(true);
      for (const id of changed) expect(await channelOf(id)).toBe('self');
      expect(await staleRows()).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
