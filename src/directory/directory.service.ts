import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { forbidden, invalid, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import { OrganisationsService } from '../organisations/organisations.service';
import { canManageGroup, isVettingOfficer } from './group-access';
import { GroupStatesService } from './group-states.service';
import type { CreateGroupDto, UpdateGroupDto } from './group.dto';
import { CommunityGroup } from './group.entity';
import type { GroupView } from './group.views';
import { ListingChangesService, type ListingChangeView } from './listing-changes.service';
import { markListingConfirmed } from './listing-confirmation.service';
import {
  accessibilityOf,
  applyListingFields,
  definedOnly,
  listingFieldsFrom,
  scheduleProblems,
} from './listing-fields';
import { saveSessions } from './group-sessions';

/** What an edit did: applied at once, or sent to an admin as a pending change. */
export type GroupEdit = { applied: GroupView } | { pending: ListingChangeView };

/**
 * The directory's groups: adding them, changing their details, reading them. Vetting, suspension
 * and what placements may ask live beside it (vetting.service, group-status.service,
 * placement-port.service); all read groups through GroupStatesService.
 */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectRepository(CommunityGroup) private readonly groups: Repository<CommunityGroup>,
    private readonly states: GroupStatesService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly changes: ListingChangesService,
  ) {}

  async createGroup(input: CreateGroupDto, actor: AuthenticatedUser): Promise<GroupView> {
    assertListingInput(input);
    const organisationId = await this.organisationFor(actor, input.organisationId);
    const id = await this.groups.manager.transaction(async (em) => {
      const group = em.create(CommunityGroup, {
        organisationId,
        accessibility: accessibilityOf(input.accessibility),
      });
      const sessions = applyListingFields(group, listingFieldsFrom(input, group));
      await em.insert(CommunityGroup, group);
      if (sessions) await saveSessions(em, group.id, sessions);
      await this.audit.record(
        { actorId: actor.id, action: 'create', entity: 'community_group', entityId: group.id },
        em,
      );
      return group.id;
    });
    return this.getGroup(id, actor);
  }

  /**
   * An admin's edit applies at once (and counts as confirming the listing). A coordinator's edit
   * to the public details becomes a change waiting for an admin; an edit that changes nothing
   * leaves the group as it is.
   */
  async updateGroup(
    id: string,
    input: UpdateGroupDto,
    actor: AuthenticatedUser,
  ): Promise<GroupEdit> {
    assertListingInput(input);
    const pendingId = await this.groups.manager.transaction(async (em) => {
      const group = await this.states.visibleGroup(id, actor, em, { lock: true });
      if (!canManageGroup(actor, group)) throw notFound('Group');
      if (input.organisationId && input.organisationId !== group.organisationId) {
        if (!isVettingOfficer(actor)) throw notFound('Organisation');
        await this.assertOrganisationExists(input.organisationId);
        group.organisationId = input.organisationId;
      }
      if (!isVettingOfficer(actor))
        return (await this.changes.propose(em, group, input, actor))?.id ?? null;

      const sessions = applyListingFields(group, listingFieldsFrom(input, group));
      markListingConfirmed(group, true, new Date());
      await em.save(CommunityGroup, group);
      if (sessions) await saveSessions(em, id, sessions);
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
      return null;
    });
    return pendingId
      ? { pending: await this.changes.one(id, pendingId, actor) }
      : { applied: await this.getGroup(id, actor) };
  }

  getGroup(id: string, actor: AuthenticatedUser): Promise<GroupView> {
    return this.states.view(id, actor);
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
    const views = await this.states.toViews(await this.states.withState(page.items), actor);
    return { items: views, nextCursor: page.nextCursor };
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
}

/** What the DTO cannot check: the age range's order, and the schedule (scheduleProblems). */
function assertListingInput(input: UpdateGroupDto): void {
  const { min, max } = input.ageRange ?? {};
  if (min != null && max != null && min > max)
    throw invalid('invalid_age_range', 'The age range is not valid', [
      { field: 'ageRange.max', message: 'must not be below the minimum age' },
    ]);
  const problems = scheduleProblems(input);
  if (problems.length) throw invalid('invalid_schedule', 'The schedule is not valid', problems);
}
