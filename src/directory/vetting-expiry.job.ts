import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../auth/users.service';
import { humanLabel } from '../common/views/labels';
import { claimJobRun, jobSlot } from '../database/job-runs';
import { DirectoryNotice } from './directory-notice.entity';
import { GroupStatesService } from './group-states.service';
import { CommunityGroup } from './group.entity';
import { GroupVettingCheck } from './vetting-check.entity';
import { currentExpiries, expiresWithinNoticePeriod } from './vetting-rules';
import { ukDate } from '../common/uk-date';

export interface ExpiryRunResult {
  ran: boolean;
  expired: string[];
  noticesSent: number;
}

/** Any constant works; it only has to be the same on every instance. */
const LOCK_KEY = 'linkway.directory.vetting-expiry';
const JOB = 'directory-vetting-expiry';
const DAY_MS = 86_400_000;

/**
 * Daily: records groups whose vetting has lapsed (status is also derived at every read, so the
 * lapse takes effect at once) and tells coordinators and admins a month before a check lapses.
 * Safe on several instances: only the one holding the advisory lock does the work, and a
 * scheduled day's run is claimed so that it is done once, not once per instance.
 */
@Injectable()
export class VettingExpiryJob {
  private readonly logger = new Logger(VettingExpiryJob.name);

  constructor(
    @InjectRepository(CommunityGroup) private readonly groups: Repository<CommunityGroup>,
    private readonly states: GroupStatesService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  // cron passes its own argument to the handler, so the tick's time is taken here.
  @Cron(CronExpression.EVERY_DAY_AT_6AM, { name: JOB })
  async onTick(): Promise<void> {
    await this.daily(new Date());
  }

  /** Every instance's scheduler fires this; each day's run is done by one of them only. */
  async daily(at: Date): Promise<ExpiryRunResult> {
    const result = await this.run(at, jobSlot(at, DAY_MS));
    if (result.ran && (result.expired.length || result.noticesSent))
      this.logger.log(`Vetting: ${result.expired.length} expired, ${result.noticesSent} notices`);
    return result;
  }

  /** With a scheduled `slot`, the run is claimed so that it is done once per slot. */
  async run(now = new Date(), slot?: Date): Promise<ExpiryRunResult> {
    return this.groups.manager.transaction(async (em) => {
      const [{ locked }] = (await em.query(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
        [LOCK_KEY],
      )) as { locked: boolean }[];
      if (!locked || (slot && !(await claimJobRun(em, JOB, slot))))
        return { ran: false, expired: [], noticesSent: 0 };

      const groups = await em.find(CommunityGroup, { where: { removedAt: IsNull() } });
      const states = await this.states.withState(groups, em, now);
      const admins = (await this.users.list({ role: 'admin' })).map((u) => u.id);
      const coordinators = await this.coordinatorsByOrganisation();
      const expired: string[] = [];
      let noticesSent = 0;

      for (const s of states) {
        const recipients = [...(coordinators.get(s.group.organisationId) ?? []), ...admins];
        if (s.vettingStatus === 'expired' && !s.group.expiredAt) {
          await em.update(CommunityGroup, { id: s.group.id }, { expiredAt: now });
          await this.audit.record(
            {
              actorId: null,
              action: 'vetting_expired',
              entity: 'community_group',
              entityId: s.group.id,
            },
            em,
          );
          await this.notify(
            em,
            s.group,
            'vetting_expired',
            recipients,
            `Vetting for ${s.group.name} has lapsed: it cannot be offered until its checks are renewed.`,
          );
          expired.push(s.group.id);
          noticesSent++;
        }
        noticesSent += await this.warnOfExpiringChecks(em, s.group, s.checks, recipients, now);
      }
      return { ran: true, expired, noticesSent };
    });
  }

  private async warnOfExpiringChecks(
    em: EntityManager,
    group: CommunityGroup,
    checks: GroupVettingCheck[],
    recipients: string[],
    now: Date,
  ): Promise<number> {
    const soon = currentExpiries(checks, now).filter((e) =>
      expiresWithinNoticePeriod(e.expiresAt, now),
    );
    const unwarned = soon.filter((e) =>
      checks.some(
        (c) =>
          c.check === e.check &&
          c.expiresAt.getTime() === e.expiresAt.getTime() &&
          !c.expiryNoticeAt,
      ),
    );
    if (unwarned.length === 0) return 0;
    const list = unwarned.map((e) => `${humanLabel(e.check)} (${ukDate(e.expiresAt)})`).join(', ');
    await this.notify(
      em,
      group,
      'vetting_expiring',
      recipients,
      `Vetting checks for ${group.name} expire within a month: ${list}.`,
    );
    for (const e of unwarned) {
      await em.update(
        GroupVettingCheck,
        { groupId: group.id, check: e.check, expiresAt: e.expiresAt },
        { expiryNoticeAt: now },
      );
    }
    return 1;
  }

  private async notify(
    em: EntityManager,
    group: CommunityGroup,
    kind: DirectoryNotice['kind'],
    recipientIds: string[],
    message: string,
  ): Promise<void> {
    await em.insert(DirectoryNotice, { groupId: group.id, kind, recipientIds, message });
  }

  private async coordinatorsByOrganisation(): Promise<Map<string, string[]>> {
    const byOrg = new Map<string, string[]>();
    for (const u of await this.users.list({ role: 'group_coordinator' })) {
      if (!u.organisationId) continue;
      byOrg.set(u.organisationId, [...(byOrg.get(u.organisationId) ?? []), u.id]);
    }
    return byOrg;
  }
}
