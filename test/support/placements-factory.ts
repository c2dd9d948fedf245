import { EventEmitter2 } from '@nestjs/event-emitter';
import { emitInTurn } from '../../src/common/events/emit-in-turn';
import type { CaseEvent } from '../../src/casework/casework.events';
import { newCase, type CaseOverrides } from './casework-factory';
import { newApprovedGroup } from './directory-factory';
import type { TestContext, TestUser } from './test-app';
import { ScopedTransactions, ALL_SERVICES } from '../../src/services/scoped-transactions';

export interface CapacityBody {
  places: number;
  weeklyIntakeLimit?: number | null;
  waitlistEnabled: boolean;
  intakePaused: boolean;
  offerExpiryDays: number;
}

export const capacityBody = (overrides: Partial<CapacityBody> = {}): CapacityBody => ({
  places: 5,
  waitlistEnabled: false,
  intakePaused: false,
  offerExpiryDays: 7,
  ...overrides,
});

export interface GroupWithCoordinator {
  id: string;
  name: string;
  organisationId: string;
  coordinator: TestUser;
}

/** An approved group (level 1 unless said), its coordinator, and its capacity set through the API. */
export async function newPlacementGroup(
  ctx: TestContext,
  capacity: Partial<CapacityBody> = {},
  level: 1 | 2 | 3 = 1,
): Promise<GroupWithCoordinator> {
  const coordinator = await ctx.newUser('group_coordinator');
  const group = await newApprovedGroup(ctx, {
    level,
    organisationId: coordinator.organisationId!,
  });
  await ctx.http
    .put(`/api/groups/${group.id}/capacity`)
    .set('Authorization', coordinator.auth)
    .send(capacityBody(capacity))
    .expect(200);
  return { ...group, coordinator };
}

/** An open case held by the link worker, with consent to share unless overridden. */
export function newPlacementCase(
  ctx: TestContext,
  linkWorker: TestUser,
  overrides: CaseOverrides = {},
) {
  return newCase(ctx, linkWorker, overrides);
}

export function offer(ctx: TestContext, linkWorker: TestUser, caseId: string, groupId: string) {
  return ctx.http
    .post(`/api/cases/${caseId}/placements`)
    .set('Authorization', linkWorker.auth)
    .send({ groupId, note: 'Would like to practise English.' });
}

/** Publishes a casework event inside a transaction, as casework does, and commits. */
export async function emitCaseEvent(
  ctx: TestContext,
  name: string,
  event: Omit<CaseEvent, 'manager'> & { reason?: string },
): Promise<void> {
  // As casework publishes it: inside a transaction scoped to the case's service.
  await ctx.app.get(ScopedTransactions).run(ALL_SERVICES, async (manager) => {
    await emitInTurn(ctx.app.get(EventEmitter2), name, { ...event, manager });
  });
}

/** What the database holds for a group: reserved count and waitlist as stored. */
export async function groupCounts(ctx: TestContext, groupId: string) {
  const { rows: cap } = await ctx.db.query<{ reserved: number; waitlist_length: number }>(
    'SELECT reserved, waitlist_length FROM group_capacity WHERE group_id = $1',
    [groupId],
  );
  const { rows } = await ctx.db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM placement WHERE group_id = $1 GROUP BY status',
    [groupId],
  );
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
  const { rows: positions } = await ctx.db.query<{ position: number }>(
    `SELECT position FROM placement WHERE group_id = $1 AND status = 'waitlisted' ORDER BY position`,
    [groupId],
  );
  return {
    reserved: cap[0]?.reserved ?? 0,
    waitlistLength: cap[0]?.waitlist_length ?? 0,
    reservingPlacements:
      (byStatus.offered ?? 0) + (byStatus.accepted ?? 0) + (byStatus.paused ?? 0),
    byStatus,
    positions: positions.map((p) => p.position),
  };
}
