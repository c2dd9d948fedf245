import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict } from '../common/domain-error';
import type { GroupCapacityView } from '../directory/directory.ports';
import { PlacementPortService } from '../directory/placement-port.service';
import type { PlacementDeclineReason } from '../common/vocabulary';
import { GroupCapacity } from './capacity.entity';
import { CapacityReader } from './capacity-reader';
import type { SetCapacityDto } from './placement.dto';
import { IntakeService } from './intake.service';
import { ScopedTransactions, ALL_SERVICES } from '../services/scoped-transactions';

export interface CapacityView extends GroupCapacityView {
  groupId: string;
  reserved: number;
}

export interface GroupLoad {
  groupId: string;
  places: number;
  reserved: number;
  availablePlaces: number;
  waitlistEnabled: boolean;
  waitlistLength: number;
  intakePaused: boolean;
  weeklyIntakeLimit: number | null;
  /** Declines by reason over the last 90 days. */
  recentDeclines: Partial<Record<PlacementDeclineReason, number>>;
}

/** Capacity settings, set by a group's coordinators, and a group's load for link workers. */
@Injectable()
export class CapacityService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @InjectRepository(GroupCapacity) private readonly capacities: Repository<GroupCapacity>,
    private readonly directory: PlacementPortService,
    private readonly intake: IntakeService,
    private readonly audit: AuditService,
    private readonly reader: CapacityReader,
  ) {}

  /** For the group's coordinators and admins. */
  async getCapacity(groupId: string, actor: AuthenticatedUser): Promise<CapacityView> {
    await this.directory.assertCoordinatorOwnsGroup(actor, groupId);
    return this.viewOf(groupId);
  }

  async setCapacity(
    groupId: string,
    input: SetCapacityDto,
    actor: AuthenticatedUser,
  ): Promise<CapacityView> {
    await this.directory.assertCoordinatorOwnsGroup(actor, groupId);
    // Capacity is one pool for every service's placements.
    await this.scoped.run(ALL_SERVICES, async (em) => {
      await em.query(
        'INSERT INTO group_capacity (group_id) VALUES ($1) ON CONFLICT (group_id) DO NOTHING',
        [groupId],
      );
      const current = await this.intake.lock(em, groupId);
      if (current && input.places < current.reserved) {
        throw conflict(
          'places_below_reserved',
          `${current.reserved} places are reserved by current offers and placements, so places cannot be set below ${current.reserved}. End or decline placements first.`,
        );
      }
      await em.query(
        `UPDATE group_capacity
            SET places = $2, weekly_intake_limit = $3, waitlist_enabled = $4, intake_paused = $5,
                offer_expiry_days = $6, updated_at = now()
          WHERE group_id = $1`,
        [
          groupId,
          input.places,
          input.weeklyIntakeLimit ?? null,
          input.waitlistEnabled,
          input.intakePaused,
          input.offerExpiryDays,
        ],
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'set_capacity',
          entity: 'group_capacity',
          entityId: groupId,
          detail: { ...input },
        },
        em,
      );
      // More places or reopened intake: the waitlist moves up now, not at the next job run.
      await this.intake.fillFromWaitlist(em, groupId, new Date(), actor.id);
    });
    return this.viewOf(groupId);
  }

  /** What a link worker sees before offering: how loaded the group is and why it declines. */
  async load(groupId: string): Promise<GroupLoad> {
    await this.directory.groupForPlacement(groupId);
    const cap = await this.viewOf(groupId);
    // Counts only, across every service's offers to the group.
    const declines = await this.scoped.run(ALL_SERVICES, (em) =>
      em.query<{ reason: PlacementDeclineReason; n: number }[]>(
        `SELECT decline_reason AS reason, count(*)::int AS n FROM placement
          WHERE group_id = $1 AND status = 'declined' AND responded_at > now() - interval '90 days'
          GROUP BY decline_reason ORDER BY decline_reason`,
        [groupId],
      ),
    );
    return {
      groupId,
      places: cap.places,
      reserved: cap.reserved,
      availablePlaces: cap.availablePlaces,
      waitlistEnabled: cap.waitlistEnabled,
      waitlistLength: cap.waitlistLength,
      intakePaused: cap.intakePaused,
      weeklyIntakeLimit: cap.weeklyIntakeLimit,
      recentDeclines: Object.fromEntries(declines.map((d) => [d.reason, d.n])),
    };
  }

  private viewOf(groupId: string): Promise<CapacityView> {
    return this.reader.one(groupId);
  }
}
