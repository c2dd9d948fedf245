import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../auth/users.service';
import { formatDate } from '../common/views/dates';
import { claimJobRun, jobSlot } from '../database/job-runs';
import { DirectoryNotice } from './directory-notice.entity';
import { GroupStatesService, type GroupState } from './group-states.service';
import { CommunityGroup } from './group.entity';
import { ListingNotices } from './listing-notices';

export interface ListingRunResult {
  ran: boolean;
  /** Groups whose coordinators were reminded to confirm (6 months). */
  reminded: string[];
  /** Groups whose listing lapsed (9 months). */
  lapsed: string[];
}

/** Any constant works; it only has to be the same on every instance. */
const LOCK_KEY = 'linkway.directory.listing-confirmation';
const JOB = 'directory-listing-confirmation';
const DAY_MS = 86_400_000;
const NOT_RUN: ListingRunResult = { ran: false, reminded: [], lapsed: [] };

/**
 * Daily: reminds a group's coordinators to confirm its listing once it is 6 months unconfirmed,
 * and announces its lapse at 9 months (to them, and to admins on the vetting screen). Whether a
 * listing is unconfirmed or lapsed is derived at every read, so this job only tells people, once
 * per confirmation. Safe on several instances, as the vetting expiry job: the advisory lock stops
 * two runs overlapping, and each day's slot is claimed so that it runs once.
 */
@Injectable()
export class ListingConfirmationJob {
  private readonly logger = new Logger(ListingConfirmationJob.name);

  constructor(
    @InjectRepository(CommunityGroup) private readonly groups: Repository<CommunityGroup>,
    private readonly states: GroupStatesService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly notices: ListingNotices,
  ) {}

  // cron passes its own argument to the handler, so the tick's time is taken here.
  @Cron(CronExpression.EVERY_DAY_AT_7AM, { name: JOB })
  async onTick(): Promise<void> {
    await this.daily(new Date());
  }

  /** Every instance's scheduler fires this; each day's run is done by one of them only. */
  async daily(at: Date): Promise<ListingRunResult> {
    const result = await this.run(at, jobSlot(at, DAY_MS));
    if (result.ran && (result.reminded.length || result.lapsed.length))
      this.logger.log(
        `Listings: ${result.reminded.length} reminders, ${result.lapsed.length} lapsed`,
      );
    return result;
  }

  /** With a scheduled `slot`, the run is claimed so that it is done once per slot. */
  async run(now = new Date(), slot?: Date): Promise<ListingRunResult> {
    return this.groups.manager.transaction(async (em) => {
      const [{ locked }] = (await em.query(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
        [LOCK_KEY],
      )) as { locked: boolean }[];
      if (!locked || (slot && !(await claimJobRun(em, JOB, slot)))) return NOT_RUN;

      const groups = await em.find(CommunityGroup, { where: { removedAt: IsNull() } });
      const states = await this.states.withState(groups, em, now);
      const result: ListingRunResult = { ran: true, reminded: [], lapsed: [] };
      let admins: string[] | undefined;
      for (const s of states) {
        if (s.listingLapsed && !s.group.listingLapseNoticedAt) {
          admins ??= (await this.users.list({ role: 'admin' })).map((u) => u.id);
          await this.announceLapse(em, s, admins, now);
          result.lapsed.push(s.group.id);
        } else if (s.listingStatus === 'unconfirmed' && !s.group.confirmationRemindedAt) {
          await this.remind(em, s, now);
          result.reminded.push(s.group.id);
        }
      }
      return result;
    });
  }

  private async remind(em: EntityManager, s: GroupState, now: Date): Promise<void> {
    const g = s.group;
    await this.notices.tellCoordinators(em, {
      groupId: g.id,
      organisationId: g.organisationId,
      kind: 'listing_unconfirmed',
      text:
        `Please check that the details of ${g.name} are still right and confirm them. ` +
        `They were last confirmed on ${formatDate(g.lastConfirmedAt)}. If they are not confirmed ` +
        `by ${formatDate(s.listingLapsesOn)}, the group will no longer be offered.`,
      link: `/groups/${g.id}`,
    });
    await this.stamp(em, g.id, { confirmationRemindedAt: now });
  }

  private async announceLapse(
    em: EntityManager,
    s: GroupState,
    admins: string[],
    now: Date,
  ): Promise<void> {
    const g = s.group;
    const since = formatDate(g.lastConfirmedAt);
    await this.audit.record(
      {
        actorId: null,
        action: 'listing_lapsed',
        entity: 'community_group',
        entityId: g.id,
        detail: { lastConfirmedAt: g.lastConfirmedAt.toISOString() },
      },
      em,
    );
    await this.notices.tellCoordinators(em, {
      groupId: g.id,
      organisationId: g.organisationId,
      kind: 'listing_lapsed',
      text:
        `${g.name} is no longer offered to link workers or published, because its details have ` +
        `not been confirmed since ${since}. Check them and confirm they are right to restore it.`,
      link: `/groups/${g.id}`,
    });
    if (admins.length)
      await em.insert(DirectoryNotice, {
        groupId: g.id,
        kind: 'listing_lapsed',
        recipientIds: admins,
        message: `${g.name} is no longer offered: its details have not been confirmed since ${since}.`,
      });
    await this.stamp(em, g.id, {
      listingLapseNoticedAt: now,
      confirmationRemindedAt: g.confirmationRemindedAt ?? now,
    });
  }

  /** Records that people were told, without moving updatedAt: the listing itself did not change. */
  private async stamp(
    em: EntityManager,
    id: string,
    values: Pick<Partial<CommunityGroup>, 'confirmationRemindedAt' | 'listingLapseNoticedAt'>,
  ): Promise<void> {
    await em.update(CommunityGroup, { id }, { ...values, updatedAt: () => 'updated_at' });
  }
}
