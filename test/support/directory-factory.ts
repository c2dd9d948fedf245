import { DirectoryService } from '../../src/directory/directory.service';
import { VettingService } from '../../src/directory/vetting.service';
import type { CreateGroupDto } from '../../src/directory/group.dto';
import { VETTING_CHECKS_BY_LEVEL, type VettingCheck } from '../../src/common/vocabulary';
import { asActor, type TestContext, type TestUser } from './test-app';

const DAY = 86_400_000;
const vettingOfficers = new WeakMap<TestContext, Promise<TestUser>>();

/** One admin per test context who records checks for factory-made groups. */
export function vettingOfficer(ctx: TestContext): Promise<TestUser> {
  if (!vettingOfficers.has(ctx)) vettingOfficers.set(ctx, ctx.newUser('admin'));
  return vettingOfficers.get(ctx)!;
}

/** A valid POST /api/groups body; pass organisationId for admins. */
export function groupBody(overrides: Partial<CreateGroupDto> = {}): CreateGroupDto {
  return {
    name: 'Conversation café',
    description: 'English conversation over tea, with a crèche.',
    activityTypes: ['conversation_esol', 'befriending'],
    needsServed: ['language', 'social_connection'],
    languages: ['en', 'ar'],
    postcode: 'NG7 1AA',
    deliveryMode: 'in_person',
    accessibility: { childcare: true, travelSupport: false, stepFree: true, womenOnly: false },
    schedule: 'Tuesdays 10:00–12:00',
    cost: 'Free',
    ...overrides,
  };
}

/** The checks a group needs for a level (levels 1..n). */
export function checksForLevel(level: 0 | 1 | 2 | 3): VettingCheck[] {
  return ([1, 2, 3] as const)
    .filter((n) => n <= level)
    .flatMap((n) => [...VETTING_CHECKS_BY_LEVEL[n]]);
}

/** Records verified checks on a group, through the real service, as an admin would. */
export async function recordChecks(
  ctx: TestContext,
  groupId: string,
  checks: VettingCheck[],
  dates: { verifiedAt?: Date; expiresAt?: Date } = {},
): Promise<void> {
  const admin = asActor(await vettingOfficer(ctx));
  const vetting = ctx.app.get(VettingService);
  for (const check of checks) {
    await vetting.recordVettingCheck(
      groupId,
      {
        check,
        evidence: `Seen ${check}`,
        verifiedAt: (dates.verifiedAt ?? new Date(Date.now() - 10 * DAY)).toISOString(),
        expiresAt: (dates.expiresAt ?? new Date(Date.now() + 365 * DAY)).toISOString(),
      },
      admin,
    );
  }
}

/** A group with verified checks up to the level (0 = pending). Returns its id and organisation. */
export async function newApprovedGroup(
  ctx: TestContext,
  options: {
    level: 0 | 1 | 2 | 3;
    organisationId?: string;
    languages?: string[];
    needsServed?: CreateGroupDto['needsServed'];
  } & Partial<CreateGroupDto>,
): Promise<{ id: string; organisationId: string; name: string }> {
  const { level, ...rest } = options;
  const admin = asActor(await vettingOfficer(ctx));
  const organisationId =
    rest.organisationId ?? (await ctx.newOrganisation({ kind: 'community_group' })).id;
  const group = await ctx.app.get(DirectoryService).createGroup(
    groupBody({
      name: `Group L${level} ${Math.random().toString(36).slice(2, 7)}`,
      ...rest,
      organisationId,
    }),
    admin,
  );
  await recordChecks(ctx, group.id, checksForLevel(level));
  return { id: group.id, organisationId, name: group.name };
}
