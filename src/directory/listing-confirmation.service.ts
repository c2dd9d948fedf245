import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict, notFound } from '../common/domain-error';
import { canManageGroup, isVettingOfficer } from './group-access';
import { GroupStatesService } from './group-states.service';
import { CommunityGroup } from './group.entity';
import type { GroupView } from './group.views';

/**
 * The listing is right as it stands, as of `now`: the schedule starts again and any reminder or
 * lapse is cleared. When an admin says so, it also counts as an admin's review (assured_date).
 */
export function markListingConfirmed(group: CommunityGroup, byAdmin: boolean, now: Date): void {
  group.lastConfirmedAt = now;
  group.confirmationRemindedAt = null;
  group.listingLapseNoticedAt = null;
  if (byAdmin) group.assuredAt = now;
}

/** One click from its coordinator (or an admin): the group's listing is still right. */
@Injectable()
export class ListingConfirmationService {
  constructor(
    @InjectRepository(CommunityGroup) private readonly groups: Repository<CommunityGroup>,
    private readonly states: GroupStatesService,
    private readonly audit: AuditService,
  ) {}

  async confirm(id: string, actor: AuthenticatedUser): Promise<GroupView> {
    await this.groups.manager.transaction(async (em) => {
      const group = await this.states.visibleGroup(id, actor, em, { lock: true });
      if (!canManageGroup(actor, group)) throw notFound('Group');
      if (group.removedAt)
        throw conflict('group_removed', 'The group has been removed from the directory');
      const [before] = await this.states.withState([group], em);
      markListingConfirmed(group, isVettingOfficer(actor), new Date());
      // Saving moves updatedAt, so a feed reader asking for changes sees a lapsed listing return.
      await em.save(CommunityGroup, group);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'confirm_listing',
          entity: 'community_group',
          entityId: id,
          detail: {
            wasUnconfirmed: before.listingStatus === 'unconfirmed',
            wasLapsed: before.listingLapsed,
          },
        },
        em,
      );
    });
    return this.states.view(id, actor);
  }
}
