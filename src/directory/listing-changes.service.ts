import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict, forbidden, notFound } from '../common/domain-error';
import { formatDate } from '../common/views/dates';
import { canManageGroup, isVettingOfficer } from './group-access';
import { loadSessions, saveSessions } from './group-sessions';
import { GroupStatesService } from './group-states.service';
import type { UpdateGroupDto } from './group.dto';
import { CommunityGroup } from './group.entity';
import type { GroupView } from './group.views';
import { GroupListingChange } from './listing-change.entity';
import { markListingConfirmed } from './listing-confirmation.service';
import {
  applyListingFields,
  changedFields,
  LISTING_FIELD_LABELS,
  LISTING_FIELDS,
  listingFieldsFrom,
  listingFieldsOf,
  type ListingField,
  type ListingFields,
} from './listing-fields';
import { ListingNotices } from './listing-notices';

export interface ListingChangeFieldView {
  field: ListingField;
  label: string;
  /** What the listing says now (for a change still waiting), or said when it was answered. */
  before: unknown;
  after: unknown;
}

export interface ListingChangeView {
  id: string;
  groupId: string;
  status: GroupListingChange['status'];
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  fields: ListingChangeFieldView[];
}

export interface PendingChangeSummary {
  id: string;
  groupId: string;
  groupName: string;
  proposedAt: string;
  fields: string[];
}

/** A notification's text has room for 500 characters; the full reason is on the changes page. */
const NOTICE_REASON_LENGTH = 300;

/**
 * Moderated edits: a coordinator's change to a group's public details waits here until an admin
 * approves it (then it applies, in one transaction with its audit entry) or rejects it with a
 * reason the coordinator sees. Until then search, matching, the group page and Open Referral show
 * the listing as it was.
 */
@Injectable()
export class ListingChangesService {
  constructor(
    @InjectRepository(GroupListingChange)
    private readonly changes: Repository<GroupListingChange>,
    private readonly states: GroupStatesService,
    private readonly audit: AuditService,
    private readonly notices: ListingNotices,
  ) {}

  /**
   * A coordinator's edit, in the caller's transaction with the group locked. What they mean is
   * the listing with their change still waiting (if any) and this edit laid over it; the fields
   * that then differ from the listing become the one pending change, replacing the old one.
   * Returns null when nothing would differ (and withdraws a change still waiting).
   */
  async propose(
    em: EntityManager,
    group: CommunityGroup,
    input: UpdateGroupDto,
    actor: AuthenticatedUser,
  ): Promise<GroupListingChange | null> {
    const live = await liveFields(em, group);
    const waiting = await em.findOne(GroupListingChange, {
      where: { groupId: group.id, status: 'pending' },
      lock: { mode: 'pessimistic_write' },
    });
    const meant: ListingFields = { ...live, ...(waiting?.proposed ?? {}) };
    const proposed = changedFields(live, { ...meant, ...listingFieldsFrom(input, meant) });
    const fields = Object.keys(proposed) as ListingField[];
    const now = new Date();
    if (waiting) {
      await em.update(
        GroupListingChange,
        { id: waiting.id },
        { status: fields.length ? 'superseded' : 'withdrawn', decidedBy: actor.id, decidedAt: now },
      );
    }
    if (fields.length === 0) {
      if (waiting) await this.record(em, actor, 'withdraw_change', group.id, waiting.id, {});
      return null;
    }
    const change = em.create(GroupListingChange, {
      groupId: group.id,
      proposedBy: actor.id,
      proposed,
      previous: pick(live, fields),
      status: 'pending',
    });
    await em.insert(GroupListingChange, change);
    await this.record(em, actor, 'propose_change', group.id, change.id, {
      fields,
      ...(waiting ? { replaces: waiting.id } : {}),
    });
    return change;
  }

  /** Every change sent for the group, newest first: for its coordinators and admins only. */
  async list(groupId: string, actor: AuthenticatedUser): Promise<ListingChangeView[]> {
    const group = await this.managedGroup(groupId, actor);
    const rows = await this.changes.find({
      where: { groupId },
      order: { createdAt: 'DESC' },
      take: 50,
    });
    const live = await liveFields(this.changes.manager, group);
    return rows.map((c) => changeView(c, live));
  }

  async one(
    groupId: string,
    changeId: string,
    actor: AuthenticatedUser,
  ): Promise<ListingChangeView> {
    const group = await this.managedGroup(groupId, actor);
    const change = await this.changes.findOne({ where: { id: changeId, groupId } });
    if (!change) throw notFound('Change');
    return changeView(change, await liveFields(this.changes.manager, group));
  }

  /** Changes waiting for an admin, oldest first, across the directory. */
  async waiting(actor: AuthenticatedUser): Promise<PendingChangeSummary[]> {
    if (!isVettingOfficer(actor)) throw forbidden('Only an admin reviews changes');
    const rows = await this.changes
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.group', 'g')
      .where("c.status = 'pending'")
      .orderBy('c.createdAt', 'ASC')
      .getMany();
    return rows.map((c) => ({
      id: c.id,
      groupId: c.groupId,
      groupName: c.group!.name,
      proposedAt: c.createdAt.toISOString(),
      fields: changedKeys(c).map((f) => LISTING_FIELD_LABELS[f]),
    }));
  }

  async approve(
    groupId: string,
    changeId: string,
    actor: AuthenticatedUser,
  ): Promise<ListingChangeView & { group: GroupView }> {
    await this.decide(groupId, changeId, actor, async (em, group, change, now) => {
      const fields = changedKeys(change);
      const replaced = pick(await liveFields(em, group), fields);
      const sessions = applyListingFields(group, change.proposed);
      // The coordinator said this is right, and an admin has checked it.
      markListingConfirmed(group, true, now);
      await em.save(CommunityGroup, group);
      if (sessions) await saveSessions(em, groupId, sessions);
      await em.update(
        GroupListingChange,
        { id: change.id },
        { status: 'approved', previous: replaced, decidedBy: actor.id, decidedAt: now },
      );
      await this.record(em, actor, 'approve_change', groupId, change.id, {
        fields,
        proposedBy: change.proposedBy,
      });
      await this.notices.tellCoordinators(em, {
        groupId,
        organisationId: group.organisationId,
        kind: 'listing_change_approved',
        text: `The changes you sent to ${group.name} on ${formatDate(change.createdAt)} were approved. They now show in the directory.`,
        link: `/groups/${groupId}`,
      });
    });
    const view = await this.one(groupId, changeId, actor);
    return { ...view, group: await this.states.view(groupId, actor) };
  }

  async reject(
    groupId: string,
    changeId: string,
    reason: string,
    actor: AuthenticatedUser,
  ): Promise<ListingChangeView> {
    await this.decide(groupId, changeId, actor, async (em, group, change, now) => {
      await em.update(
        GroupListingChange,
        { id: change.id },
        { status: 'rejected', rejectionReason: reason, decidedBy: actor.id, decidedAt: now },
      );
      await this.record(em, actor, 'reject_change', groupId, change.id, {
        fields: changedKeys(change),
        proposedBy: change.proposedBy,
        reason,
      });
      const shortReason =
        reason.length > NOTICE_REASON_LENGTH
          ? `${reason.slice(0, NOTICE_REASON_LENGTH - 1)}…`
          : reason;
      await this.notices.tellCoordinators(em, {
        groupId,
        organisationId: group.organisationId,
        kind: 'listing_change_rejected',
        text: `The changes you sent to ${group.name} on ${formatDate(change.createdAt)} were not approved: ${shortReason}`,
        link: `/groups/${groupId}/changes`,
      });
    });
    return this.one(groupId, changeId, actor);
  }

  /** Approving and rejecting: admins only, a change still waiting, the group not removed. */
  private async decide(
    groupId: string,
    changeId: string,
    actor: AuthenticatedUser,
    act: (
      em: EntityManager,
      group: CommunityGroup,
      change: GroupListingChange,
      now: Date,
    ) => Promise<void>,
  ): Promise<void> {
    if (!isVettingOfficer(actor)) throw forbidden('Only an admin approves or rejects changes');
    await this.changes.manager.transaction(async (em) => {
      const group = await this.states.visibleGroup(groupId, actor, em, { lock: true });
      const change = await em.findOne(GroupListingChange, {
        where: { id: changeId, groupId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!change) throw notFound('Change');
      if (change.status !== 'pending')
        throw conflict(
          'change_not_pending',
          `This change is no longer waiting for review: it was ${change.status}`,
        );
      if (group.removedAt)
        throw conflict('group_removed', 'The group has been removed from the directory');
      await act(em, group, change, new Date());
    });
  }

  private async managedGroup(groupId: string, actor: AuthenticatedUser): Promise<CommunityGroup> {
    const group = await this.states.visibleGroup(groupId, actor);
    if (!canManageGroup(actor, group)) throw notFound('Group');
    return group;
  }

  private record(
    em: EntityManager,
    actor: AuthenticatedUser,
    action: string,
    groupId: string,
    changeId: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        actorId: actor.id,
        action,
        entity: 'community_group',
        entityId: groupId,
        detail: { changeId, ...detail },
      },
      em,
    );
  }
}

const changedKeys = (c: GroupListingChange): ListingField[] =>
  LISTING_FIELDS.filter((f) => f in c.proposed);

function pick(fields: ListingFields, keys: ListingField[]): Partial<ListingFields> {
  return Object.fromEntries(keys.map((k) => [k, fields[k]])) as Partial<ListingFields>;
}

async function liveFields(em: EntityManager, group: CommunityGroup): Promise<ListingFields> {
  const sessions = await loadSessions(em, [group.id]);
  return listingFieldsOf(group, sessions.get(group.id) ?? []);
}

function changeView(c: GroupListingChange, live: ListingFields): ListingChangeView {
  return {
    id: c.id,
    groupId: c.groupId,
    status: c.status,
    proposedBy: c.proposedBy,
    proposedAt: c.createdAt.toISOString(),
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    rejectionReason: c.rejectionReason,
    fields: changedKeys(c).map((field) => ({
      field,
      label: LISTING_FIELD_LABELS[field],
      before: c.status === 'pending' ? live[field] : (c.previous[field] ?? null),
      after: c.proposed[field],
    })),
  };
}
