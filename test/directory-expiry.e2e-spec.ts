import { VettingExpiryJob } from '../src/directory/vetting-expiry.job';
import { checksForLevel, newApprovedGroup, recordChecks } from './support/directory-factory';
import { TestContext, type TestUser } from './support/test-app';

const DAY = 86_400_000;

describe('Directory: the daily vetting expiry job', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let coordinator: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    coordinator = await ctx.newUser('group_coordinator');
  });
  afterAll(() => ctx.close());

  it('records lapsed groups as expired once, with an audit entry and a notice to coordinator and admins', async () => {
    const g = await newApprovedGroup(ctx, {
      level: 0,
      organisationId: coordinator.organisationId!,
    });
    await recordChecks(ctx, g.id, checksForLevel(1).slice(1));
    await recordChecks(ctx, g.id, [checksForLevel(1)[0]], {
      verifiedAt: new Date(Date.now() - 400 * DAY),
      expiresAt: new Date(Date.now() - DAY),
    });
    const job = ctx.app.get(VettingExpiryJob);
    const first = await job.run();
    expect(first.ran).toBe(true);
    expect(first.expired).toContain(g.id);
    const second = await job.run();
    expect(second.expired).not.toContain(g.id);

    const audit = await ctx.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'vetting_expired'`,
      [g.id],
    );
    expect(audit.rows[0].n).toBe(1);
    const notices = await ctx.db.query(
      `SELECT recipient_ids FROM directory_notice WHERE group_id = $1 AND kind = 'vetting_expired'`,
      [g.id],
    );
    expect(notices.rows).toHaveLength(1);
    expect(notices.rows[0].recipient_ids).toEqual(
      expect.arrayContaining([coordinator.id, admin.id]),
    );
  });

  it('warns a month before a check lapses, once per check', async () => {
    const g = await newApprovedGroup(ctx, {
      level: 0,
      organisationId: coordinator.organisationId!,
    });
    await recordChecks(ctx, g.id, checksForLevel(1).slice(1));
    await recordChecks(ctx, g.id, ['safeguarding_policy'], {
      expiresAt: new Date(Date.now() + 20 * DAY),
    });
    const job = ctx.app.get(VettingExpiryJob);
    await job.run();
    await job.run();
    const notices = await ctx.db.query(
      `SELECT message, recipient_ids FROM directory_notice WHERE group_id = $1 AND kind = 'vetting_expiring'`,
      [g.id],
    );
    expect(notices.rows).toHaveLength(1);
    expect(notices.rows[0].message).toMatch(/Safeguarding policy/);
    expect(notices.rows[0].recipient_ids).toEqual(
      expect.arrayContaining([coordinator.id, admin.id]),
    );
    const other = await ctx.newUser('group_coordinator');
    expect(notices.rows[0].recipient_ids).not.toContain(other.id);
  });

  it('does nothing while another instance holds the job’s lock', async () => {
    const other = await ctx.ownConnection();
    try {
      await other.query('BEGIN');
      await other.query(
        `SELECT pg_advisory_xact_lock(hashtext('linkway.directory.vetting-expiry'))`,
      );
      const result = await ctx.app.get(VettingExpiryJob).run();
      expect(result).toEqual({ ran: false, expired: [], noticesSent: 0 });
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    expect((await ctx.app.get(VettingExpiryJob).run()).ran).toBe(true);
  });
});
