import { randomUUID } from 'node:crypto';
import { activitySummarySql } from '../src/reports/activity/activity.sql';
import { ALL_SERVICES, ScopedTransactions } from '../src/services/scoped-transactions';
import { activitySummaryAsApp } from './support/activity-summary-as-app';
import { ReportsFactory } from './support/reports-factory';
import { TestContext } from './support/test-app';

/**
 * People contacted in a period, at the edges the activity must get right: London midnight at both
 * ends of the period (winter time at the start, summer time at the end), a case contacted before
 * and after the period but not in it, a case never contacted, and one person with two cases. Read from the statement as
 * the app runs it, before suppression.
 */
describe('Activity: people contacted in a period', () => {
  let ctx: TestContext;
  let make: ReportsFactory;

  beforeAll(async () => {
    ctx = await TestContext.create();
    make = new ReportsFactory(ctx.db);
  });
  afterAll(() => ctx.close());

  /** A case whose facts are drained, so the contacts added after must queue themselves. */
  const newCase = () => make.drainedCase({ receivedAt: '2026-01-10T10:00:00Z' });
  const contact = (caseId: string, at: string) => make.contact(caseId, at);
  const peopleContacted = async (from: string, to: string) =>
    (await activitySummaryAsApp(ctx.app, from, to)).people_contacted;

  it('counts each person with a contact in the period once, by London dates', async () => {
    // 23:59:59 on 28 February in London (winter time): before March.
    await contact((await newCase()).caseId, '2026-02-28T23:59:59Z');
    // Midnight starting 1 March: in March.
    await contact((await newCase()).caseId, '2026-03-01T00:00:00Z');
    // 23:59:59 on 31 March in London (summer time): in March.
    await contact((await newCase()).caseId, '2026-03-31T22:59:59Z');
    // Midnight starting 1 April in London: not in March.
    await contact((await newCase()).caseId, '2026-03-31T23:00:00Z');
    // Contacted in February and April, not in March.
    const gap = await newCase();
    await contact(gap.caseId, '2026-02-10T10:00:00Z');
    await contact(gap.caseId, '2026-04-10T10:00:00Z');
    // Never contacted.
    await newCase();
    // Two people's cases contacted in March, then found to be one person's (as a merge does).
    const first = await newCase();
    const second = await newCase();
    await contact(first.caseId, '2026-03-10T10:00:00Z');
    await contact(second.caseId, '2026-03-11T10:00:00Z');
    await contact(second.caseId, '2026-03-12T10:00:00Z');
    expect(await peopleContacted('2026-03-01', '2026-03-31')).toBe(4);
    await ctx.db.query('UPDATE support_case SET person_id = $2 WHERE id = $1', [
      second.caseId,
      first.personId,
    ]);

    expect(await peopleContacted('2026-03-01', '2026-03-31')).toBe(3);
    // The whole spring takes in February's edge, the gap case twice over and April's midnight.
    expect(await peopleContacted('2026-02-01', '2026-04-30')).toBe(6);
    // One day at each edge.
    expect(await peopleContacted('2026-03-01', '2026-03-01')).toBe(1);
    expect(await peopleContacted('2026-04-01', '2026-04-01')).toBe(1);
  });

  it('counts a case with more contact days than an index row holds, and its person once', async () => {
    // A btree row holds about 660 dates. 700 days of calls, one a day from 1 January 2025.
    const long = await newCase();
    await ctx.db.query(
      `INSERT INTO case_contact (case_id, at, mode, recorded_by)
       SELECT $1, '2025-01-01T10:00:00Z'::timestamptz + make_interval(days => i), 'phone', $2
         FROM generate_series(0, 699) i`,
      [long.caseId, randomUUID()],
    );
    const june = ['2025-06-01', '2025-06-30'] as const;
    expect(await peopleContacted(...june)).toBe(1);
    // The same person's second case, contacted in June too: still one person. Another person's
    // case contacted in June: two.
    const second = await newCase();
    await contact(second.caseId, '2025-06-15T10:00:00Z');
    await ctx.db.query('UPDATE support_case SET person_id = $2 WHERE id = $1', [
      second.caseId,
      long.personId,
    ]);
    expect(await peopleContacted(...june)).toBe(1);
    await contact((await newCase()).caseId, '2025-06-20T10:00:00Z');
    expect(await peopleContacted(...june)).toBe(2);
    // The long case alone in a month of its second year; nobody after its last call (1 December 2026).
    expect(await peopleContacted('2025-11-01', '2025-11-30')).toBe(1);
    expect(await peopleContacted('2027-01-01', '2027-01-31')).toBe(0);
  });

  it('counts them from the case-person index alone, as the app role under row-level security', async () => {
    await contact((await newCase()).caseId, '2026-05-10T10:00:00Z');
    // Index-only scans need the visibility map; the planner is told a heap scan costs too much.
    await ctx.db.query('VACUUM ANALYZE report_referral_fact');
    const plan = await ctx.app.get(ScopedTransactions).run(ALL_SERVICES, async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      const rows: { 'QUERY PLAN': string }[] = await em.query(`EXPLAIN ${activitySummarySql()}`, [
        '2026-05-01',
        '2026-05-31',
      ]);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    // The distinct people's own scan (alias f), not only the probe for long cases.
    expect(plan).toContain(
      'Index Only Scan using "IDX_report_referral_fact_case_person" on report_referral_fact f',
    );
  });
});
