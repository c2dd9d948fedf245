import { SyntheticDataService } from '../src/seeding/synthetic-data.service';
import { TestContext, type TestUser } from './support/test-app';

describe('Reports: synthetic data', () => {
  let ctx: TestContext;
  let commissioner: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    commissioner = await ctx.newUser('commissioner');
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('fills every module with consistent data that the reports read', async () => {
    const progress: number[] = [];
    await ctx.app
      .get(SyntheticDataService)
      .generate({ referrals: 3000, seed: 7, batchSize: 1000 }, (p) => progress.push(p.referrals));
    expect(progress).toEqual([1000, 2000, 3000]);
    expect(await ctx.count('referral')).toBe(3000);
    expect(await ctx.count('person')).toBe(3000);
    expect(await ctx.count('placement')).toBeGreaterThan(500);
    expect(await ctx.count('placement_attendance')).toBeGreaterThan(100);
    expect(await ctx.count('need_rating')).toBeGreaterThan(2000);
    expect(await ctx.count('outcome_measure')).toBeGreaterThan(500);
    expect(await ctx.count('case_contact')).toBeGreaterThan(3000);
    expect(await ctx.count('appointment')).toBeGreaterThan(1000);
    // A contact is on a case, while it was open and not in the future; an attended appointment
    // is recorded as a contact, a missed one is not.
    const contacts = await ctx.db.query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM case_contact c JOIN support_case k ON k.id = c.case_id
        WHERE c.at > now() OR c.at < k.opened_at OR c.at > COALESCE(k.closed_at, now())`,
    );
    expect(contacts.rows[0].bad).toBe(0);
    const appointments = await ctx.db.query<{ status: string; recorded: number; n: number }>(
      `SELECT a.status, count(c.id)::int AS recorded, count(*)::int AS n
         FROM appointment a LEFT JOIN case_contact c ON c.appointment_id = a.id
        GROUP BY a.status ORDER BY a.status`,
    );
    expect(appointments.rows.map((r) => r.status)).toEqual(['attended', 'did_not_attend']);
    expect(appointments.rows[0].recorded).toBe(appointments.rows[0].n);
    expect(appointments.rows[1].recorded).toBe(0);
    const mismatched = await ctx.db.query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM appointment a JOIN case_contact c ON c.appointment_id = a.id
        WHERE a.contact_id IS DISTINCT FROM c.id OR a.starts_at <> c.at OR a.mode <> c.mode
           OR a.case_id <> c.case_id OR a.created_at < (SELECT opened_at FROM support_case WHERE id = a.case_id)`,
    );
    expect(mismatched.rows[0].bad).toBe(0);
    // Texts and emails too, which are contacts but not sessions.
    const modes = await ctx.db.query<{ mode: string; share: number }>(
      `SELECT mode, count(*)::float8 / sum(count(*)) OVER () AS share FROM case_contact GROUP BY mode`,
    );
    const share = Object.fromEntries(modes.rows.map((r) => [r.mode, r.share]));
    expect(share.text_message).toBeGreaterThan(0.05);
    expect(share.email).toBeGreaterThan(0.02);
    const { rows } = await ctx.db.query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM group_capacity WHERE reserved > places`,
    );
    expect(rows[0].bad).toBe(0);

    const { body } = await ctx.http
      .get('/api/reports/service-access?from=2000-01-01&to=2100-01-01&by=migrantStatus,channel')
      .set('Authorization', commissioner.auth)
      .expect(200);
    expect(body.totals.referrals).toBe(3000);
    expect(body.totals.placed).toBeGreaterThan(0);
    expect(body.completeness.migrantStatus).toBeGreaterThan(0.3);
    expect(body.completeness.migrantStatus).toBeLessThan(0.9);
    expect(body.rows.length).toBeGreaterThan(20);
    // The link workers' activity has something to show.
    expect(body.activity.contacts).toBeGreaterThan(3000);
    expect(body.activity.didNotAttend).toBeGreaterThan(0);
    expect(body.activity.sessionsBeforeFirstGroupPlace.median).toBeGreaterThan(0);
    expect(body.activity.trend.length).toBeGreaterThan(12);

    const utilisation = await ctx.http
      .get('/api/reports/group-utilisation?from=2000-01-01&to=2100-01-01')
      .set('Authorization', commissioner.auth)
      .expect(200);
    expect(utilisation.body.groups.length).toBe(15);
    const unmet = await ctx.http
      .get('/api/reports/unmet-need?from=2000-01-01&to=2100-01-01')
      .set('Authorization', commissioner.auth)
      .expect(200);
    expect(unmet.body.totals.needs).toBeGreaterThan(2000);
    expect(unmet.body.totals.unmet).toBeGreaterThan(0);
  });

  it('ends a bulk load with the report facts all visible, for the index-only scans', async () => {
    await ctx.app.get(SyntheticDataService).generate({ referrals: 500, seed: 8, batchSize: 500 });
    const visible = () =>
      ctx.db
        .query<{ pages: number; visible: number }>(
          `SELECT relpages AS pages, relallvisible AS visible FROM pg_class
            WHERE oid = 'report_referral_fact'::regclass`,
        )
        .then((r) => r.rows[0]);
    await ctx.app.get(SyntheticDataService).vacuum();
    const after = await visible();
    expect(after.pages).toBeGreaterThan(0);
    expect(after.visible).toBe(after.pages);
  });
});
