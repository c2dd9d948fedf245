import type TestAgent from 'supertest/lib/agent';
import { jobSlot } from '../../src/database/job-runs';
import { ListingConfirmationJob } from '../../src/directory/listing-confirmation.job';
import { VettingExpiryJob } from '../../src/directory/vetting-expiry.job';
import { PlacementJobsService } from '../../src/placements/placement-jobs.service';
import { checksForLevel, newApprovedGroup, recordChecks } from '../support/directory-factory';
import { groupCounts, newPlacementCase, newPlacementGroup } from '../support/placements-factory';
import { createReferral } from '../support/referrals-factory';
import { TestContext, type TestUser } from '../support/test-app';
import { AppInstance } from './support/app-instance';

const DAY = 86_400_000;
/** The placement expiry job's period. */
const SLOT = 15 * 60_000;

/**
 * Two Linkway instances on one database, as behind a load balancer: each with its own
 * connection pool, scheduler and event bus. Offers arrive at both at once; both schedulers fire.
 */
describe('reliability: two app instances on one database', () => {
  let ctx: TestContext;
  let other: AppInstance;
  let linkWorkers: TestUser[];
  /** The two instances' HTTP clients, used in turn. */
  let instances: (() => TestAgent)[];

  beforeAll(async () => {
    ctx = await TestContext.create({ RATE_LIMIT_PER_MINUTE: '100000' });
    other = await AppInstance.start({});
    instances = [() => ctx.http, () => other.http];
    linkWorkers = await Promise.all([1, 2, 3, 4].map(() => ctx.newUser('link_worker')));
  }, 60_000);
  afterAll(async () => {
    await other.close();
    await ctx.close();
  });

  async function casesFor(n: number) {
    const cases = [];
    for (let i = 0; i < n; i++) {
      const lw = linkWorkers[i % linkWorkers.length];
      cases.push({ lw, caseId: (await newPlacementCase(ctx, lw)).caseId });
    }
    return cases;
  }

  /** Every case offered to the group at the same moment, alternating between the instances. */
  async function offerThroughBoth(groupId: string, n: number) {
    const cases = await casesFor(n);
    return Promise.all(
      cases.map(({ lw, caseId }, i) =>
        instances[i % 2]()
          .post(`/api/cases/${caseId}/placements`)
          .set('Authorization', lw.auth)
          .send({ groupId }),
      ),
    );
  }

  async function expectInvariant(groupId: string, places: number) {
    const counts = await groupCounts(ctx, groupId);
    expect(counts.reserved).toBeLessThanOrEqual(places);
    expect(counts.reserved).toBe(counts.reservingPlacements);
    expect(counts.positions).toEqual(
      Array.from({ length: counts.waitlistLength }, (_, i) => i + 1),
    );
    return counts;
  }

  it('reserves exactly the places and waitlists the rest gap-free under offers to both', async () => {
    const group = await newPlacementGroup(ctx, { places: 4, waitlistEnabled: true });
    const responses = await offerThroughBoth(group.id, 24);

    expect(responses.filter((r) => r.status !== 201).map((r) => r.status)).toEqual([]);
    expect(responses.filter((r) => r.body.status === 'offered')).toHaveLength(4);
    const positions = responses
      .filter((r) => r.body.status === 'waitlisted')
      .map((r) => r.body.position as number)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const counts = await expectInvariant(group.id, 4);
    expect(counts).toMatchObject({ reserved: 4, waitlistLength: 20 });
  });

  it('refuses beyond capacity with capacity_full when the waitlist is off', async () => {
    const group = await newPlacementGroup(ctx, { places: 3 });
    const responses = await offerThroughBoth(group.id, 20);

    expect(responses.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = responses.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(
      Array.from({ length: 17 }, () => [409, 'capacity_full']),
    );
    expect(await expectInvariant(group.id, 3)).toMatchObject({ reserved: 3, waitlistLength: 0 });
  });

  it('keeps the invariant when declines on one instance race new offers on the other', async () => {
    const group = await newPlacementGroup(ctx, { places: 3, waitlistEnabled: true });
    const first = await offerThroughBoth(group.id, 6);
    const offered = first.filter((r) => r.body.status === 'offered').map((r) => r.body.id);
    const more = await casesFor(6);

    const mixed = await Promise.all([
      ...offered.map((id: string, i: number) =>
        instances[i % 2]()
          .post(`/api/placements/${id}/decline`)
          .set('Authorization', group.coordinator.auth)
          .send({ reason: 'not_suitable_time' }),
      ),
      ...more.map(({ lw, caseId }, i) =>
        instances[(i + 1) % 2]()
          .post(`/api/cases/${caseId}/placements`)
          .set('Authorization', lw.auth)
          .send({ groupId: group.id }),
      ),
    ]);
    expect(mixed.filter((r) => r.status >= 300).map((r) => r.status)).toEqual([]);
    const counts = await expectInvariant(group.id, 3);
    expect(counts).toMatchObject({ reserved: 3, waitlistLength: 6 });
    expect(counts.byStatus.declined).toBe(3);
  });

  describe('scheduled jobs', () => {
    const jobs = () => [ctx.app.get(PlacementJobsService), other.app.get(PlacementJobsService)];

    it('expires overdue offers once when both instances fire the same slot, together or in turn', async () => {
      const group = await newPlacementGroup(ctx, {
        places: 2,
        waitlistEnabled: true,
        offerExpiryDays: 7,
      });
      await offerThroughBoth(group.id, 4);
      // A tick after the offers' expiry; far enough ahead that no real tick claims its slot.
      // On the slot's own time, so a tick 20 s later cannot round into the next slot.
      const tick = jobSlot(new Date(Date.now() + 8 * DAY), SLOT);

      const together = await Promise.all(jobs().map((j) => j.runScheduled(tick)));
      expect(together.map((r) => r?.ran).sort()).toEqual([false, true]);
      // (The run covers every group in the database, including earlier tests' groups.)
      expect(together.find((r) => r?.ran)?.expired).toBeGreaterThanOrEqual(2);

      // The other instance's scheduler fires a little later, after the first run finished.
      const late = await Promise.all(
        jobs().map((j) => j.runScheduled(new Date(tick.getTime() + 20_000))),
      );
      expect(late.map((r) => r?.ran)).toEqual([false, false]);

      const { rows } = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_event a JOIN placement p ON p.id = a.entity_id
          WHERE a.action = 'expire' AND p.group_id = $1`,
        [group.id],
      );
      expect(rows[0].n).toBe(2);
      const counts = await expectInvariant(group.id, 2);
      expect(counts.byStatus).toMatchObject({ expired: 2, offered: 2 });
      expect(counts.waitlistLength).toBe(0);

      // The next slot runs again, on one instance.
      const next = await Promise.all(
        jobs().map((j) => j.runScheduled(new Date(tick.getTime() + SLOT))),
      );
      expect(next.map((r) => r?.ran).sort()).toEqual([false, true]);
    });

    it('runs the daily vetting expiry once a day, whichever instance fires first', async () => {
      const coordinator = await ctx.newUser('group_coordinator');
      const group = await newApprovedGroup(ctx, {
        level: 0,
        organisationId: coordinator.organisationId!,
      });
      await recordChecks(ctx, group.id, checksForLevel(1).slice(1));
      await recordChecks(ctx, group.id, [checksForLevel(1)[0]], {
        verifiedAt: new Date(Date.now() - 400 * DAY),
        expiresAt: new Date(Date.now() - DAY),
      });
      const vetting = [ctx.app.get(VettingExpiryJob), other.app.get(VettingExpiryJob)];
      // On the day's own slot, so a tick 90 s later cannot round into the next day.
      const tick = jobSlot(new Date(Date.now() + 30 * DAY), DAY);

      const together = await Promise.all(vetting.map((j) => j.daily(tick)));
      expect(together.map((r) => r.ran).sort()).toEqual([false, true]);
      expect(together.find((r) => r.ran)?.expired).toContain(group.id);
      const later = await Promise.all(
        vetting.map((j) => j.daily(new Date(tick.getTime() + 90_000))),
      );
      expect(later.map((r) => r.ran)).toEqual([false, false]);

      const { rows } = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM directory_notice WHERE group_id = $1 AND kind = 'vetting_expired'`,
        [group.id],
      );
      expect(rows[0].n).toBe(1);
      const tomorrow = await vetting[1].daily(new Date(tick.getTime() + DAY));
      expect(tomorrow.ran).toBe(true);
    });

    it('reminds a coordinator to confirm a listing once, whichever instance fires first', async () => {
      const coordinator = await ctx.newUser('group_coordinator');
      const group = await newApprovedGroup(ctx, {
        level: 1,
        organisationId: coordinator.organisationId!,
      });
      const listing = [ctx.app.get(ListingConfirmationJob), other.app.get(ListingConfirmationJob)];
      // Seven months on: the listing is unconfirmed. On the day's own slot, as above.
      const tick = jobSlot(new Date(Date.now() + 213 * DAY), DAY);

      const together = await Promise.all(listing.map((j) => j.daily(tick)));
      expect(together.map((r) => r.ran).sort()).toEqual([false, true]);
      expect(together.find((r) => r.ran)?.reminded).toContain(group.id);
      const later = await Promise.all(
        listing.map((j) => j.daily(new Date(tick.getTime() + 90_000))),
      );
      expect(later.map((r) => r.ran)).toEqual([false, false]);
      // The next day runs again, and does not remind twice.
      const tomorrow = await listing[1].daily(new Date(tick.getTime() + DAY));
      expect(tomorrow.ran).toBe(true);
      expect(tomorrow.reminded).not.toContain(group.id);

      const { rows } = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification
          WHERE recipient_organisation_id = $1 AND kind = 'listing_unconfirmed'`,
        [coordinator.organisationId],
      );
      expect(rows[0].n).toBe(1);
    });
  });

  describe('service scope on pooled connections', () => {
    it("never carries one request's service into the next, under mixed load on both instances", async () => {
      const admin = await ctx.newUser('admin');
      const serviceOf = async (name: string) =>
        (await ctx.http.post('/api/services').set('Authorization', admin.auth).send({ name })).body
          .id as string;
      const services = [await serviceOf('Scope test A'), await serviceOf('Scope test B')];
      const workers = await Promise.all(
        services.flatMap((serviceId) =>
          [1, 2].map(() => ctx.newUser('link_worker', { serviceId })),
        ),
      );
      const mine = new Map<string, Set<string>>();
      for (const lw of workers) {
        const ids = new Set<string>();
        for (let i = 0; i < 3; i++) ids.add((await createReferral(ctx, lw)).id);
        const set = mine.get(lw.serviceId!) ?? new Set<string>();
        ids.forEach((id) => set.add(id));
        mine.set(lw.serviceId!, set);
      }
      // Admins read across services ('*') between the link workers' requests, on the same pools.
      const callers = [...workers, admin, admin];
      const responses = await Promise.all(
        Array.from({ length: 240 }, (_, i) => {
          const caller = callers[i % callers.length];
          return instances[i % 2]()
            .get('/api/referrals?limit=200')
            .set('Authorization', caller.auth)
            .then((res) => ({ caller, res }));
        }),
      );
      const crossService: string[] = [];
      for (const { caller, res } of responses) {
        expect(res.status).toBe(200);
        if (caller.role === 'admin') continue;
        const own = mine.get(caller.serviceId!)!;
        const seen = (res.body.items as { id: string }[]).map((r) => r.id);
        expect(seen.length).toBe(own.size);
        crossService.push(...seen.filter((id) => !own.has(id)));
      }
      expect(crossService).toEqual([]);
    });
  });
});
