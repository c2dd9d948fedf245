import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { notFound } from '../common/domain-error';
import type { VettingStatus } from '../common/vocabulary';
import { OrganisationsService } from '../organisations/organisations.service';
import {
  GROUP_CAPACITY,
  NO_CAPACITY,
  type GroupCapacityReader,
  type GroupCapacityView,
} from './directory.ports';
import { canManageGroup, canSeeGroup, isVettingOfficer } from './group-access';
import { CommunityGroup } from './group.entity';
import { GroupListingChange } from './listing-change.entity';
import { capacitySummary, checkView, type GroupView } from './group.views';
import { GroupVettingCheck } from './vetting-check.entity';
import { loadSessions } from './group-sessions';
import { listingState, type ListingState } from './listing-rules';
import { notOfferableReason } from './offerability';
import { scheduleText, type Session } from './schedule';
import { currentExpiries, deriveStatus, type SafeguardingLevel } from './vetting-rules';

/**
 * A group with what is derived at the moment of reading: its vetting state from its checks, and
 * where its listing stands on the confirmation schedule.
 */
export interface GroupState extends ListingState {
  group: CommunityGroup;
  checks: GroupVettingCheck[];
  /** When it meets, by day and time. */
  sessions: Session[];
  safeguardingLevel: SafeguardingLevel;
  vettingStatus: VettingStatus;
  /** Approved, and its listing confirmed within 9 months. */
  offerable: boolean;
}

/**
 * Reading groups as the rest of the directory needs them: the group if the actor may see it, its
 * vetting state derived from its checks, its capacity (through the placements port) and its view.
 */
@Injectable()
export class GroupStatesService {
  constructor(
    @InjectRepository(CommunityGroup) private readonly groups: Repository<CommunityGroup>,
    @InjectRepository(GroupVettingCheck) private readonly checks: Repository<GroupVettingCheck>,
    @InjectRepository(GroupListingChange)
    private readonly changes: Repository<GroupListingChange>,
    private readonly organisations: OrganisationsService,
    @Optional()
    @Inject(GROUP_CAPACITY)
    private readonly capacityReader?: GroupCapacityReader,
  ) {}

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

  /** One group as this actor may see it. */
  async view(id: string, actor: AuthenticatedUser): Promise<GroupView> {
    const group = await this.visibleGroup(id, actor);
    const [view] = await this.toViews(await this.withState([group]), actor);
    return view;
  }

  /** Every group not removed, with its derived state: for search, Open Referral and vetting screens. */
  async allGroupStates(options: { includeRemoved?: boolean } = {}): Promise<GroupState[]> {
    const groups = await this.groups.find({
      where: options.includeRemoved ? {} : { removedAt: IsNull() },
      order: { name: 'ASC', id: 'ASC' },
    });
    return this.withState(groups);
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
    const sessions = await loadSessions(
      em ?? this.checks.manager,
      groups.map((g) => g.id),
    );
    return groups.map((group) => {
      const checks = byGroup.get(group.id) ?? [];
      const derived = deriveStatus(group, checks, now);
      const listing = listingState(group.lastConfirmedAt, now);
      return {
        group,
        checks,
        sessions: sessions.get(group.id) ?? [],
        ...derived,
        ...listing,
        offerable: derived.vettingStatus === 'approved' && !listing.listingLapsed,
      };
    });
  }

  async capacities(groupIds: string[]): Promise<Map<string, GroupCapacityView>> {
    const found =
      this.capacityReader && groupIds.length
        ? await this.capacityReader.capacityOf(groupIds)
        : new Map<string, GroupCapacityView>();
    return new Map(groupIds.map((id) => [id, found.get(id) ?? NO_CAPACITY]));
  }

  /** The change waiting for an admin, by group (only its id: the change itself is not shown). */
  private async pendingChanges(groupIds: string[]): Promise<Map<string, string>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.changes.find({
      select: { id: true, groupId: true },
      where: { groupId: In(groupIds), status: 'pending' },
    });
    return new Map(rows.map((r) => [r.groupId, r.id]));
  }

  async toViews(states: GroupState[], actor: AuthenticatedUser | null): Promise<GroupView[]> {
    const ids = states.map((s) => s.group.id);
    const managed = states.filter((s) => canManageGroup(actor, s.group)).map((s) => s.group.id);
    const [capacities, orgNames, pending] = await Promise.all([
      this.capacities(ids),
      this.organisations.namesByIds([...new Set(states.map((s) => s.group.organisationId))]),
      this.pendingChanges(managed),
    ]);
    const now = new Date();
    return states.map((s) => {
      const g = s.group;
      const manages = canManageGroup(actor, g);
      const vets = isVettingOfficer(actor);
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
        sessions: s.sessions,
        scheduleNotes: g.scheduleNotes,
        schedule: scheduleText(s.sessions, g.scheduleNotes),
        cost: g.cost,
        ageRange: g.ageRange,
        safeguardingLevel: s.safeguardingLevel,
        vettingStatus: s.vettingStatus,
        offerable: s.offerable,
        notOfferableReason: notOfferableReason(s),
        lastConfirmedAt: g.lastConfirmedAt.toISOString(),
        listingStatus: s.listingStatus,
        listingLapsed: s.listingLapsed,
        confirmationDueOn: s.confirmationDueOn,
        listingLapsesOn: s.listingLapsesOn,
        assuredAt: g.assuredAt?.toISOString() ?? null,
        suspendedAt: g.suspendedAt?.toISOString() ?? null,
        ...(manages ? { suspensionReason: g.suspensionReason } : {}),
        removedAt: g.removedAt?.toISOString() ?? null,
        capacity: capacitySummary(capacities.get(g.id) ?? NO_CAPACITY),
        ...(manages
          ? {
              vettingChecks: s.checks.map((c) => checkView(c, now, vets)),
              nextExpiry: currentExpiries(s.checks, now)[0]?.expiresAt.toISOString() ?? null,
              pendingChangeId: pending.get(g.id) ?? null,
            }
          : {}),
        createdAt: g.createdAt.toISOString(),
        updatedAt: g.updatedAt.toISOString(),
      };
    });
  }
}
