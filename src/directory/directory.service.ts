import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict, forbidden, invalid, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import { OrganisationsService } from '../organisations/organisations.service';
import {
  GROUP_CAPACITY,
  GROUP_SUSPENDED,
  NO_CAPACITY,
  type GroupCapacityReader,
  type GroupCapacityView,
  type GroupForPlacement,
  type GroupSuspendedEvent,
} from './directory.ports';
import type { CreateGroupDto, RecordVettingCheckDto, UpdateGroupDto } from './group.dto';
import { CommunityGroup } from './group.entity';
import { capacitySummary, type GroupView, type VettingCheckView } from './group.views';
import { GroupVettingCheck } from './vetting-check.entity';
import {
  currentExpiries,
  deriveStatus,
  isCurrent,
  outwardCode,
  type SafeguardingLevel,
} from './vetting-rules';
import type { VettingStatus } from '../common/vocabulary';
import { emitInTurn } from '../common/events/emit-in-turn';

/** A group with what is derived from its checks at the moment of reading. */
export interface GroupState {
  group: CommunityGroup;
  checks: GroupVettingCheck[];
  safeguardingLevel: SafeguardingLevel;
  vettingStatus: VettingStatus;
  offerable: boolean;
}

const CLOCK_SKEW_MS = 5 * 60_000;

@Injectable()
export class DirectoryService {
  constructor(
    @InjectRepository(CommunityGroup) private readonly groups: Repository<CommunityGroup>,
    @InjectRepository(GroupVettingCheck) private readonly checks: Repository<GroupVettingCheck>,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
    @Optional()
    @Inject(GROUP_CAPACITY)
    private readonly capacityReader?: GroupCapacityReader,
  ) {}

  // ---- groups -------------------------------------------------------------------------------

  async createGroup(input: CreateGroupDto, actor: AuthenticatedUser): Promise<GroupView> {
    assertAgeRange(input);
    const organisationId = await this.organisationFor(actor, input.organisationId);
    const id = await this.groups.manager.transaction(async (em) => {
      const group = em.create(CommunityGroup, {
        ...this.editableFields(input),
        organisationId,
        accessibility: accessibilityOf(input.accessibility),
      });
      await em.insert(CommunityGroup, group);
      await this.audit.record(
        { actorId: actor.id, action: 'create', entity: 'community_group', entityId: group.id },
        em,
      );
      return group.id;
    });
    return this.getGroup(id, actor);
  }

  async updateGroup(
    id: string,
    input: UpdateGroupDto,
    actor: AuthenticatedUser,
  ): Promise<GroupView> {
    assertAgeRange(input);
    await this.groups.manager.transaction(async (em) => {
      const group = await this.visibleGroup(id, actor, em, { lock: true });
      if (input.organisationId && input.organisationId !== group.organisationId) {
        if (actor.role !== 'admin') throw notFound('Organisation');
        await this.assertOrganisationExists(input.organisationId);
        group.organisationId = input.organisationId;
      }
      Object.assign(group, this.editableFields(input));
      if (input.accessibility)
        group.accessibility = accessibilityOf({
          ...group.accessibility,
          ...definedOnly(input.accessibility),
        });
      await em.save(CommunityGroup, group);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'update',
          entity: 'community_group',
          entityId: id,
          detail: { fields: Object.keys(definedOnly(input)) },
        },
        em,
      );
    });
    return this.getGroup(id, actor);
  }

  async getGroup(id: string, actor: AuthenticatedUser): Promise<GroupView> {
    const group = await this.visibleGroup(id, actor);
    const [state] = await this.withState([group]);
    const [view] = await this.toViews([state], actor);
    return view;
  }

  async listGroups(
    query: { organisationId?: string; limit: number; cursor?: string },
    actor: AuthenticatedUser,
  ): Promise<Page<GroupView>> {
    const cursor = decodeCursor(query.cursor);
    const qb = this.groups
      .createQueryBuilder('g')
      .orderBy('g.name', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .take(query.limit + 1);
    if (actor.role === 'group_coordinator') {
      qb.andWhere('g.organisationId = :own', { own: actor.organisationId });
    }
    if (query.organisationId) qb.andWhere('g.organisationId = :org', { org: query.organisationId });
    if (cursor) qb.andWhere('(g.name, g.id) > (:at, :id)', { at: cursor.at, id: cursor.id });
    const page = toPage(await qb.getMany(), query.limit, (g) => ({ at: g.name, id: g.id }));
    const views = await this.toViews(await this.withState(page.items), actor);
    return { items: views, nextCursor: page.nextCursor };
  }

  /** Every group not removed, with its derived state: for search, Open Referral and vetting screens. */
  async allGroupStates(options: { includeRemoved?: boolean } = {}): Promise<GroupState[]> {
    const groups = await this.groups.find({
      where: options.includeRemoved ? {} : { removedAt: IsNull() },
      order: { name: 'ASC', id: 'ASC' },
    });
    return this.withState(groups);
  }

  // ---- vetting ------------------------------------------------------------------------------

  async recordVettingCheck(
    groupId: string,
    input: RecordVettingCheckDto,
    actor: AuthenticatedUser,
  ): Promise<VettingCheckView & { groupId: string; group: GroupView }> {
    if (actor.role !== 'admin') throw forbidden('Only a vetting officer (admin) records checks');
    const verifiedAt = new Date(input.verifiedAt);
    const expiresAt = new Date(input.expiresAt);
    const errors = [
      ...(verifiedAt.getTime() > Date.now() + CLOCK_SKEW_MS
        ? [{ field: 'verifiedAt', message: 'must not be in the future' }]
        : []),
      ...(expiresAt <= verifiedAt
        ? [{ field: 'expiresAt', message: 'must be after verifiedAt' }]
        : []),
    ];
    if (errors.length)
      throw invalid('invalid_vetting_dates', 'The check’s dates are not valid', errors);

    const saved = await this.groups.manager.transaction(async (em) => {
      const group = await this.visibleGroup(groupId, actor, em, { lock: true });
      const record = em.create(GroupVettingCheck, {
        groupId,
        check: input.check,
        evidence: input.evidence,
        verifiedAt,
        expiresAt,
        verifiedBy: actor.id,
      });
      await em.insert(GroupVettingCheck, record);
      const [state] = await this.withState([group], em);
      // Renewal clears the lapse; the daily job records (and announces) a new one.
      if (state.vettingStatus !== 'expired') group.expiredAt = null;
      await em.save(CommunityGroup, group); // touches updatedAt: the listing changed
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'vetting_check',
          entity: 'community_group',
          entityId: groupId,
          detail: {
            check: input.check,
            expiresAt: expiresAt.toISOString(),
            safeguardingLevel: state.safeguardingLevel,
            vettingStatus: state.vettingStatus,
          },
        },
        em,
      );
      return record;
    });
    const group = await this.getGroup(groupId, actor);
    return { ...checkView(saved, new Date(), true), groupId, group };
  }

  // ---- suspension ---------------------------------------------------------------------------

  async suspend(id: string, reason: string, actor: AuthenticatedUser): Promise<GroupView> {
    await this.changeState(id, actor, 'suspend', reason, (g) => {
      if (g.removedAt) throw conflict('group_removed', 'The group has been removed');
      if (g.suspendedAt) throw conflict('already_suspended', 'The group is already suspended');
      g.suspendedAt = new Date();
      g.suspensionReason = reason;
    });
    return this.getGroup(id, actor);
  }

  async reinstate(id: string, actor: AuthenticatedUser, reason?: string): Promise<GroupView> {
    await this.changeState(id, actor, 'reinstate', reason ?? null, (g) => {
      if (g.removedAt) throw conflict('group_removed', 'A removed group cannot be reinstated');
      if (!g.suspendedAt) throw conflict('not_suspended', 'The group is not suspended');
      g.suspendedAt = null;
      g.suspensionReason = null;
    });
    return this.getGroup(id, actor);
  }

  async remove(id: string, actor: AuthenticatedUser, reason?: string): Promise<GroupView> {
    await this.changeState(id, actor, 'remove', reason ?? null, (g) => {
      if (g.removedAt) throw conflict('group_removed', 'The group has already been removed');
      g.removedAt = new Date();
    });
    return this.getGroup(id, actor);
  }

  private async changeState(
    id: string,
    actor: AuthenticatedUser,
    action: 'suspend' | 'reinstate' | 'remove',
    reason: string | null,
    apply: (g: CommunityGroup) => void,
  ): Promise<void> {
    if (actor.role !== 'admin') throw forbidden('Only an admin can suspend, reinstate or remove');
    await this.groups.manager.transaction(async (em) => {
      const group = await this.visibleGroup(id, actor, em, { lock: true });
      apply(group);
      await em.save(CommunityGroup, group);
      await this.audit.record(
        {
          actorId: actor.id,
          action,
          entity: 'community_group',
          entityId: id,
          detail: reason ? { reason } : undefined,
        },
        em,
      );
      if (action !== 'reinstate') {
        const event: GroupSuspendedEvent = {
          groupId: id,
          reason: reason ?? (action === 'remove' ? 'Group removed' : ''),
          actorId: actor.id,
          manager: em,
        };
        await emitInTurn(this.events, GROUP_SUSPENDED, event);
      }
    });
  }

  // ---- for placements -----------------------------------------------------------------------

  async groupForPlacement(groupId: string, em?: EntityManager): Promise<GroupForPlacement> {
    const group = await (em ?? this.groups.manager).findOne(CommunityGroup, {
      where: { id: groupId },
    });
    if (!group) throw notFound('Group');
    const [s] = await this.withState([group], em);
    return {
      id: group.id,
      organisationId: group.organisationId,
      name: group.name,
      vettingStatus: s.vettingStatus,
      safeguardingLevel: s.safeguardingLevel,
      offerable: s.offerable,
      languages: group.languages,
      needsServed: group.needsServed,
    };
  }

  async groupIdsOfOrganisation(organisationId: string): Promise<string[]> {
    const rows = await this.groups.find({ select: { id: true }, where: { organisationId } });
    return rows.map((r) => r.id);
  }

  /** For coordinator actions on a group (capacity, offers): theirs, or "not found". Admins pass. */
  async assertCoordinatorOwnsGroup(actor: AuthenticatedUser, groupId: string): Promise<void> {
    const group = await this.groups.findOne({ where: { id: groupId } });
    if (!group) throw notFound('Group');
    if (actor.role === 'admin') return;
    if (actor.role !== 'group_coordinator' || group.organisationId !== actor.organisationId)
      throw notFound('Group');
  }

  async groupNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.groups.find({
      select: { id: true, name: true },
      where: { id: In(ids) },
    });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  // ---- shared reading -----------------------------------------------------------------------

  /** The group if this actor may see it; otherwise "not found", whether or not it exists. */
  async visibleGroup(
    id: string,
    actor: AuthenticatedUser,
    em?: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<CommunityGroup> {
    const group = await (em ?? this.groups.manager).findOne(CommunityGroup, {
      where: { id },
      ...(options.lock && em ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!group || !canSeeGroup(actor, group)) throw notFound('Group');
    return group;
  }

  async withState(
    groups: CommunityGroup[],
    em?: EntityManager,
    now = new Date(),
  ): Promise<GroupState[]> {
    if (groups.length === 0) return [];
    const all = await (em ?? this.checks.manager).find(GroupVettingCheck, {
      where: { groupId: In(groups.map((g) => g.id)) },
      order: { expiresAt: 'ASC' },
    });
    const byGroup = new Map<string, GroupVettingCheck[]>();
    for (const c of all) byGroup.set(c.groupId, [...(byGroup.get(c.groupId) ?? []), c]);
    return groups.map((group) => {
      const checks = byGroup.get(group.id) ?? [];
      const derived = deriveStatus(group, checks, now);
      return { group, checks, ...derived, offerable: derived.vettingStatus === 'approved' };
    });
  }

  async capacities(groupIds: string[]): Promise<Map<string, GroupCapacityView>> {
    const found =
      this.capacityReader && groupIds.length
        ? await this.capacityReader.capacityOf(groupIds)
        : new Map<string, GroupCapacityView>();
    return new Map(groupIds.map((id) => [id, found.get(id) ?? NO_CAPACITY]));
  }

  async toViews(states: GroupState[], actor: AuthenticatedUser | null): Promise<GroupView[]> {
    const ids = states.map((s) => s.group.id);
    const [capacities, orgNames] = await Promise.all([
      this.capacities(ids),
      this.organisations.namesByIds([...new Set(states.map((s) => s.group.organisationId))]),
    ]);
    const now = new Date();
    return states.map((s) => {
      const g = s.group;
      const isAdmin = actor?.role === 'admin';
      const ownsIt =
        actor?.role === 'group_coordinator' && actor.organisationId === g.organisationId;
      return {
        id: g.id,
        organisationId: g.organisationId,
        organisationName: orgNames.get(g.organisationId) ?? null,
        name: g.name,
        description: g.description,
        activityTypes: g.activityTypes,
        needsServed: g.needsServed,
        languages: g.languages,
        postcode: g.postcode,
        area: g.area,
        deliveryMode: g.deliveryMode,
        accessibility: g.accessibility,
        schedule: g.schedule,
        cost: g.cost,
        ageRange: g.ageRange,
        safeguardingLevel: s.safeguardingLevel,
        vettingStatus: s.vettingStatus,
        offerable: s.offerable,
        suspendedAt: g.suspendedAt?.toISOString() ?? null,
        ...(isAdmin || ownsIt ? { suspensionReason: g.suspensionReason } : {}),
        removedAt: g.removedAt?.toISOString() ?? null,
        capacity: capacitySummary(capacities.get(g.id) ?? NO_CAPACITY),
        ...(isAdmin || ownsIt
          ? {
              vettingChecks: s.checks.map((c) => checkView(c, now, isAdmin)),
              nextExpiry: currentExpiries(s.checks, now)[0]?.expiresAt.toISOString() ?? null,
            }
          : {}),
        createdAt: g.createdAt.toISOString(),
        updatedAt: g.updatedAt.toISOString(),
      };
    });
  }

  private async organisationFor(actor: AuthenticatedUser, requested?: string): Promise<string> {
    if (actor.role === 'group_coordinator') {
      if (!actor.organisationId) throw forbidden('Your account has no organisation');
      if (requested && requested !== actor.organisationId) throw notFound('Organisation');
      return actor.organisationId;
    }
    if (!requested)
      throw invalid('organisation_required', 'Name the organisation that runs the group', [
        { field: 'organisationId', message: 'is required' },
      ]);
    await this.assertOrganisationExists(requested);
    return requested;
  }

  private async assertOrganisationExists(id: string): Promise<void> {
    if (!(await this.organisations.exists(id)))
      throw invalid('unknown_organisation', 'The organisation does not exist', [
        { field: 'organisationId', message: 'is not a known organisation' },
      ]);
  }

  private editableFields(input: UpdateGroupDto): Partial<CommunityGroup> {
    const out: Partial<CommunityGroup> = {};
    if (input.name !== undefined) out.name = input.name;
    if (input.description !== undefined) out.description = input.description;
    if (input.activityTypes !== undefined) out.activityTypes = [...new Set(input.activityTypes)];
    if (input.needsServed !== undefined) out.needsServed = [...new Set(input.needsServed)];
    if (input.languages !== undefined) out.languages = [...new Set(input.languages)];
    if (input.postcode !== undefined) {
      out.postcode = input.postcode || null;
      out.area = outwardCode(input.postcode);
    }
    if (input.deliveryMode !== undefined) out.deliveryMode = input.deliveryMode;
    if (input.schedule !== undefined) out.schedule = input.schedule || null;
    if (input.cost !== undefined) out.cost = input.cost || null;
    if (input.ageRange !== undefined)
      out.ageRange = input.ageRange
        ? { min: input.ageRange.min ?? null, max: input.ageRange.max ?? null }
        : null;
    return out;
  }
}

export function canSeeGroup(actor: AuthenticatedUser, group: { organisationId: string }): boolean {
  if (actor.role === 'admin' || actor.role === 'link_worker') return true;
  return actor.role === 'group_coordinator' && actor.organisationId === group.organisationId;
}

function assertAgeRange(input: UpdateGroupDto): void {
  const { min, max } = input.ageRange ?? {};
  if (min != null && max != null && min > max)
    throw invalid('invalid_age_range', 'The age range is not valid', [
      { field: 'ageRange.max', message: 'must not be below the minimum age' },
    ]);
}

/** DTO instances carry declared-but-absent fields as undefined; a partial edit must skip them. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function accessibilityOf(a: Partial<CommunityGroup['accessibility']> | undefined) {
  return {
    childcare: a?.childcare ?? false,
    travelSupport: a?.travelSupport ?? false,
    stepFree: a?.stepFree ?? false,
    womenOnly: a?.womenOnly ?? false,
    interpreters: a?.interpreters ?? false,
  };
}

function checkView(c: GroupVettingCheck, now: Date, withEvidence: boolean): VettingCheckView {
  return {
    id: c.id,
    check: c.check,
    verifiedAt: c.verifiedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    current: isCurrent(c.check, [c], now),
    ...(withEvidence ? { evidence: c.evidence, verifiedBy: c.verifiedBy } : {}),
  };
}
