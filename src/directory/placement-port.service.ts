import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { notFound } from '../common/domain-error';
import type { GroupForPlacement } from './directory.ports';
import { canManageGroup } from './group-access';
import { GroupStatesService } from './group-states.service';
import { notOfferableReason } from './offerability';
import { CommunityGroup } from './group.entity';

/** What placements may ask the directory about groups, and nothing more. */
@Injectable()
export class PlacementPortService {
  constructor(
    @InjectRepository(CommunityGroup) private readonly groups: Repository<CommunityGroup>,
    private readonly states: GroupStatesService,
  ) {}

  async groupForPlacement(groupId: string, em?: EntityManager): Promise<GroupForPlacement> {
    const group = await (em ?? this.groups.manager).findOne(CommunityGroup, {
      where: { id: groupId },
    });
    if (!group) throw notFound('Group');
    const [s] = await this.states.withState([group], em);
    return {
      id: group.id,
      organisationId: group.organisationId,
      name: group.name,
      vettingStatus: s.vettingStatus,
      safeguardingLevel: s.safeguardingLevel,
      offerable: s.offerable,
      notOfferableReason: notOfferableReason(s),
      languages: group.languages,
      needsServed: group.needsServed,
    };
  }

  /** A group's name, in the caller's transaction. */
  async groupName(groupId: string, em: EntityManager): Promise<string | null> {
    const group = await em.findOne(CommunityGroup, {
      select: { id: true, name: true },
      where: { id: groupId },
    });
    return group?.name ?? null;
  }

  async groupIdsOfOrganisation(organisationId: string): Promise<string[]> {
    const rows = await this.groups.find({ select: { id: true }, where: { organisationId } });
    return rows.map((r) => r.id);
  }

  /** For coordinator actions on a group (capacity, offers): theirs, or "not found". Admins pass. */
  async assertCoordinatorOwnsGroup(actor: AuthenticatedUser, groupId: string): Promise<void> {
    const group = await this.groups.findOne({ where: { id: groupId } });
    if (!group || !canManageGroup(actor, group)) throw notFound('Group');
  }

  /** Where each group meets, for reminders to the people placed with it. */
  async groupWhereabouts(
    ids: string[],
    em?: EntityManager,
  ): Promise<Map<string, { name: string; postcode: string | null; deliveryMode: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await (em ?? this.groups.manager).find(CommunityGroup, {
      select: { id: true, name: true, postcode: true, deliveryMode: true },
      where: { id: In(ids) },
    });
    return new Map(
      rows.map((r) => [r.id, { name: r.name, postcode: r.postcode, deliveryMode: r.deliveryMode }]),
    );
  }

  /** In the caller's transaction when given one (so it needs no second connection). */
  async groupNames(ids: string[], em?: EntityManager): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await (em ?? this.groups.manager).find(CommunityGroup, {
      select: { id: true, name: true },
      where: { id: In(ids) },
    });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
