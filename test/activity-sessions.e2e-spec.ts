import { REFRESH_REPORT_FACTS_SQL } from '../src/reports/service-access/service-access.sql';
import { activitySummaryAsApp } from './support/activity-summary-as-app';
import { ReportsFactory } from './support/reports-factory';
import { TestContext } from './support/test-app';

/**
 * Sessions before the first group place, at the edges the activity statement must get right:
 * which cases count (their first place, not any place, in the period, London dates) and which
 * contacts are sessions before it. Read from the statement itself, before suppression.
 */
describe('Activity: sessions before the first group place', () => {
  let ctx: TestContext;
  let make: ReportsFactory;

  beforeAll(async () => {
    ctx = await TestContext.create();
    make = new ReportsFactory(ctx.db);
  });
  afterAll(() => ctx.close());

  const contact = (caseId: string, at: string, mode: string) => make.contact(caseId, at, mode);
  /** A further placement of the case's person, accepted or declined at `at`. */
  const placement = (caseId: string, at: string, declined = false) =>
    ctx.db.query(
      `INSERT INTO placement (case_id, person_id, link_worker_id, group_id, group_organisation_id,
         status, offered_at, responded_at, decline_reason, created_by, created_at)
       SELECT id, person_id, link_worker_id, gen_random_uuid(), gen_random_uuid(), $3,
              $2::timestamptz - interval '1 day', $2, $4, link_worker_id, $2::timestamptz - interval '1 day'
         FROM support_case WHERE id = $1`,
      [caseId, at, declined ? 'declined' : 'accepted', declined ? 'not_suitable' : null],
    );
  /** A case, its facts drained, so the contacts and places added after must queue themselves. */
  const caseOf = async (receivedAt: string, placedAfterDays?: number) =>
    (await make.drainedCase({ receivedAt, placedAfterDays })).caseId;

  const summary = (from: string, to: string) => activitySummaryAsApp(ctx.app, from, to);

  it('counts the cases first placed in the period, with their one-to-one sessions before it', async () => {
    // Placed 12 March after a call and a meeting; an email is not a session, a later call is after.
    const two = await caseOf('2026-03-02T10:00:00Z', 10);
    await contact(two, '2026-03-03T10:00:00Z', 'phone');
    await contact(two, '2026-03-05T10:00:00Z', 'face_to_face');
    await contact(two, '2026-03-06T10:00:00Z', 'email');
    await contact(two, '2026-03-20T10:00:00Z', 'phone');
    // First placed in February: a second place in March does not make March its first.
    const earlier = await caseOf('2026-02-01T10:00:00Z', 10);
    await placement(earlier, '2026-03-15T10:00:00Z');
    // Placed 25 March with no session at all.
    await caseOf('2026-03-20T10:00:00Z', 5);
    // Placed in April.
    await caseOf('2026-03-25T10:00:00Z', 10);
    // Declined on 4 March, then placed on 18 March after three sessions.
    const three = await caseOf('2026-03-01T10:00:00Z', 17);
    await placement(three, '2026-03-04T10:00:00Z', true);
    await contact(three, '2026-03-02T10:00:00Z', 'video');
    await contact(three, '2026-03-10T10:00:00Z', 'drop_in');
    await contact(three, '2026-03-17T10:00:00Z', 'home_visit');
    // Placed at 23:59:59 on 31 March in London (summer time), after one session: in March.
    const edge = await caseOf('2026-03-25T10:00:00Z');
    await contact(edge, '2026-03-26T10:00:00Z', 'phone');
    await placement(edge, '2026-03-31T22:59:59Z');
    // Placed at midnight starting 1 April in London: not in March.
    const april = await caseOf('2026-03-25T10:00:00Z');
    await placement(april, '2026-03-31T23:00:00Z');

    const row = await summary('2026-03-01', '2026-03-31');

    // Sessions 2, 0, 3 and 1.
    expect(Number(row.placed_cases)).toBe(4);
    expect(Number(row.median_sessions)).toBe(1.5);
    expect(Number(row.mean_sessions)).toBe(1.5);
    // The whole of 2026 takes in February's and April's first places too.
    const year = await summary('2026-01-01', '2026-12-31');
    expect(Number(year.placed_cases)).toBe(7);
  });

  it('follows contacts moved past the place, made texts or removed after the figures were read', async () => {
    // Placed 11 May 2026 after four sessions.
    const placed = await caseOf('2026-05-01T10:00:00Z', 10);
    for (const day of ['02', '03', '04', '05']) {
      await contact(placed, `2026-05-${day}T10:00:00Z`, 'phone');
    }
    const may = () => summary('2026-05-01', '2026-05-31');
    expect(Number((await may()).mean_sessions)).toBe(4);

    await ctx.db.query(
      `UPDATE case_contact SET at = '2026-05-20T10:00:00Z' WHERE case_id = $1 AND at = '2026-05-02T10:00:00Z'`,
      [placed],
    );
    await ctx.db.query(
      `UPDATE case_contact SET mode = 'text_message' WHERE case_id = $1 AND at = '2026-05-03T10:00:00Z'`,
      [placed],
    );
    expect(Number((await may()).mean_sessions)).toBe(2);
    await ctx.db.query(
      `DELETE FROM case_contact WHERE case_id = $1 AND at = '2026-05-04T10:00:00Z'`,
      [placed],
    );
    expect(Number((await may()).mean_sessions)).toBe(1);
  });

  it('follows one statement that swaps contacts either side of the place', async () => {
    // Placed 11 June 2026; one session before it and two after, then their times swapped at once.
    const placed = await caseOf('2026-06-01T10:00:00Z', 10);
    for (const at of ['2026-06-02T10:00:00Z', '2026-06-20T10:00:00Z', '2026-06-20T10:00:00Z']) {
      await contact(placed, at, 'phone');
    }
    const june = () => summary('2026-06-01', '2026-06-30');
    expect(Number((await june()).mean_sessions)).toBe(1);

    await ctx.db.query(
      `UPDATE case_contact
          SET at = CASE WHEN at = '2026-06-02T10:00:00Z' THEN '2026-06-20T10:00:00Z'::timestamptz
                        ELSE '2026-06-02T10:00:00Z'::timestamptz END
        WHERE case_id = $1`,
      [placed],
    );
    expect(Number((await june()).mean_sessions)).toBe(2);
  });

  it('counts no session once every contact is emptied at once', async () => {
    const placed = await caseOf('2026-07-01T10:00:00Z', 10);
    await contact(placed, '2026-07-02T10:00:00Z', 'phone');
    const client = await ctx.db.connect();
    const withSessions = () =>
      client
        .query<{ n: number }>(
          `SELECT count(*)::int AS n FROM report_referral_fact WHERE sessions_before_place > 0`,
        )
        .then((r) => r.rows[0].n);
    try {
      await client.query('BEGIN');
      await client.query(REFRESH_REPORT_FACTS_SQL);
      expect(await withSessions()).toBeGreaterThan(0);
      await client.query('TRUNCATE case_contact CASCADE');
      await client.query(REFRESH_REPORT_FACTS_SQL);
      expect(await withSessions()).toBe(0);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
