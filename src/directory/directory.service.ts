import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { forbidden, invalid, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import { OrganisationsService } from '../organisations/organisations.service';
import { isVettingOfficer } from './group-access';
import { GroupStatesService } from './group-states.service';
import type { CreateGroupDto, UpdateGroupDto } from './group.dto';
import { CommunityGroup } from './group.entity';
import type { GroupView } from './group.views';
import { markListingConfirmed } from './listing-confirmation.service';
import { outwardCode } from './vetting-rules';

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
  ) {}

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
      const group = await this.states.visibleGroup(id, actor, em, { lock: true });
      if (input.organisationId && input.organisationId !== group.organisationId) {
        if (!isVettingOfficer(actor)) throw notFound('Organisation');
        await this.assertOrganisationExists(input.organisationId);
        group.organisationId = input.organisationId;
      }
      Object.assign(group, this.editableFields(input));
      if (input.accessibility)
        group.accessibility = accessibilityOf({
          ...group.accessibility,
          ...definedOnly(input.accessibility),
        });
      markListingConfirmed(group, isVettingOfficer(actor), new Date());
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
