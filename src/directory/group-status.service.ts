import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict, forbidden } from '../common/domain-error';
import { emitInTurn } from '../common/events/emit-in-turn';
import { GROUP_SUSPENDED, type GroupSuspendedEvent } from './directory.ports';
import { isVettingOfficer } from './group-access';
import { GroupStatesService } from './group-states.service';
import { CommunityGroup } from './group.entity';
import type { GroupView } from './group.views';

/**
 * Taking a group out of the directory and back: suspending (an incident under review), reinstating
 * and removing. Suspending or removing tells placements, in the same transaction, to flag the
 * group's placements for review.
 */
@Injectable()
export class GroupStatusService {
  constructor(
    @InjectRepository(CommunityGroup) private readonly groups: Repository<CommunityGroup>,
    private readonly states: GroupStatesService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  async suspend(id: string, reason: string, actor: AuthenticatedUser): Promise<GroupView> {
    await this.changeState(id, actor, 'suspend', reason, (g) => {
      if (g.removedAt) throw conflict('group_removed', 'The group has been removed');
      if (g.suspendedAt) throw conflict('already_suspended', 'The group is already suspended');
      g.suspendedAt = new Date();
      g.suspensionReason = reason;
    });
    return this.states.view(id, actor);
  }

  async reinstate(id: string, actor: AuthenticatedUser, reason?: string): Promise<GroupView> {
    await this.changeState(id, actor, 'reinstate', reason ?? null, (g) => {
      if (g.removedAt) throw conflict('group_removed', 'A removed group cannot be reinstated');
      if (!g.suspendedAt) throw conflict('not_suspended', 'The group is not suspended');
      g.suspendedAt = null;
      g.suspensionReason = null;
    });
    return this.states.view(id, actor);
  }

  async remove(id: string, actor: AuthenticatedUser, reason?: string): Promise<GroupView> {
    await this.changeState(id, actor, 'remove', reason ?? null, (g) => {
      if (g.removedAt) throw conflict('group_removed', 'The group has already been removed');
      g.removedAt = new Date();
    });
    return this.states.view(id, actor);
  }

  private async changeState(
    id: string,
    actor: AuthenticatedUser,
    action: 'suspend' | 'reinstate' | 'remove',
    reason: string | null,
    apply: (g: CommunityGroup) => void,
  ): Promise<void> {
    if (!isVettingOfficer(actor)) throw forbidden('Only an admin can suspend, reinstate or remove');
    await this.groups.manager.transaction(async (em) => {
      const group = await this.states.visibleGroup(id, actor, em, { lock: true });
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
}
