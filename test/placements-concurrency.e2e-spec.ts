import { TestContext, type TestUser } from './support/test-app';
import {
  groupCounts,
  newPlacementCase,
  newPlacementGroup,
  offer,
} from './support/placements-factory';

/**
 * Many link workers offering places in one group at the same moment. The database, not the
 * application, must keep the count of reserved places (and this week's intake) within limits.
 */
describe('placements under concurrency', () => {
  let ctx: TestContext;
  let linkWorkers: TestUser[];

  beforeAll(async () => {
    ctx = await TestContext.create({ RATE_LIMIT_PER_MINUTE: '100000' });
    linkWorkers = await Promise.all([1, 2, 3, 4].map(() => ctx.newUser('link_worker')));
  });
  afterAll(() => ctx.close());

  /** 30 cases spread over the link workers, each offered to the group at once. */
  async function offerAtOnce(groupId: string, n = 30) {
    const cases = [];
    for (let i = 0; i < n; i++) {
      const lw = linkWorkers[i % linkWorkers.length];
      cases.push({ lw, caseId: (await newPlacementCase(ctx, lw)).caseId });
    }
    return Promise.all(cases.map(({ lw, caseId }) => offer(ctx, lw, caseId, groupId)));
  }

  it('reserves exactly the places and refuses the rest with capacity_full', async () => {
    const group = await newPlacementGroup(ctx, { places: 5 });
    const responses = await offerAtOnce(group.id);

    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    const offered = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 409);
    expect(offered).toHaveLength(5);
    expect(offered.every((r) => r.body.status === 'offered')).toBe(true);
    expect(refused).toHaveLength(25);
    expect(refused.every((r) => r.body.code === 'capacity_full')).toBe(true);

    const counts = await groupCounts(ctx, group.id);
    expect(counts.reserved).toBe(5);
    expect(counts.reservingPlacements).toBe(5);
    expect(counts.byStatus).toEqual({ offered: 5 });
  });

  it('waitlists the rest with gap-free positions 1..n when the waitlist is on', async () => {
    const group = await newPlacementGroup(ctx, { places: 5, waitlistEnabled: true });
    const responses = await offerAtOnce(group.id);

    expect(responses.filter((r) => r.status !== 201)).toEqual([]);
    const statuses = responses.map((r) => r.body.status as string);
    expect(statuses.filter((s) => s === 'offered')).toHaveLength(5);
    const positions = responses
      .filter((r) => r.body.status === 'waitlisted')
      .map((r) => r.body.position as number)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));

    const counts = await groupCounts(ctx, group.id);
    expect(counts.reserved).toBe(5);
    expect(counts.reservingPlacements).toBe(5);
    expect(counts.waitlistLength).toBe(25);
    expect(counts.positions).toEqual(positions);
  });

  it('never takes more than the weekly intake limit, even with places to spare', async () => {
    const group = await newPlacementGroup(ctx, { places: 50, weeklyIntakeLimit: 4 });
    const responses = await offerAtOnce(group.id);

    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(4);
    const refused = responses.filter((r) => r.status === 409);
    expect(refused).toHaveLength(26);
    expect(refused.every((r) => r.body.code === 'capacity_full')).toBe(true);

    const counts = await groupCounts(ctx, group.id);
    expect(counts.reserved).toBe(4);
    expect(counts.reservingPlacements).toBe(4);
    const { rows } = await ctx.db.query<{ n: number }>(
      'SELECT n FROM group_weekly_intake WHERE group_id = $1',
      [group.id],
    );
    expect(rows.map((r) => r.n)).toEqual([4]);
  });

  it('keeps the count right when declines free places while new offers arrive', async () => {
    const group = await newPlacementGroup(ctx, { places: 3, waitlistEnabled: true });
    const first = await offerAtOnce(group.id, 6);
    const offeredIds = first.filter((r) => r.body.status === 'offered').map((r) => r.body.id);
    expect(offeredIds).toHaveLength(3);

    const more = [];
    for (let i = 0; i < 6; i++)
      more.push({
        lw: linkWorkers[i % linkWorkers.length],
        caseId: (await newPlacementCase(ctx, linkWorkers[i % linkWorkers.length])).caseId,
      });
    const mixed = await Promise.all([
      ...offeredIds.map((id: string) =>
        ctx.http
          .post(`/api/placements/${id}/decline`)
          .set('Authorization', group.coordinator.auth)
          .send({ reason: 'not_suitable_time' }),
      ),
      ...more.map(({ lw, caseId }) => offer(ctx, lw, caseId, group.id)),
    ]);
    expect(mixed.filter((r) => r.status >= 300)).toEqual([]);

    const counts = await groupCounts(ctx, group.id);
    expect(counts.reserved).toBe(3);
    expect(counts.reservingPlacements).toBe(3);
    expect(counts.byStatus.declined).toBe(3);
    expect(counts.waitlistLength).toBe(6);
    expect(counts.positions).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
