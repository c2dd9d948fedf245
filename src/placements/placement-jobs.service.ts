import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { claimJobRun, jobSlot } from '../database/job-runs';
import { GroupCapacity } from './capacity.entity';
import { IntakeService } from './intake.service';
import {
  PLACEMENT_ROW_COLUMNS,
  PlacementPublisher,
  type PlacementRow,
} from './placement-publisher';
import { returning } from './sql';
import { ScopedTransactions, ALL_SERVICES } from '../services/scoped-transactions';

/** An arbitrary constant naming the expiry job's advisory lock, so one instance runs it at a time. */
const EXPIRY_LOCK_KEY = 7_204_118_611;
const EXPIRY_JOB = 'placements-expiry';
const EXPIRY_PERIOD_MS = 15 * 60_000;
const DAY_MS = 86400_000;

export interface ExpiryRun {
  /** False when another instance held the job's lock or had already done this slot's run. */
  ran: boolean;
  expired: number;
  reminded: number;
  offeredFromWaitlist: number;
}

@Injectable()
export class PlacementJobsService {
  private readonly logger = new Logger('PlacementJobs');

  constructor(
    private readonly scoped: ScopedTransactions,
    @InjectRepository(GroupCapacity) private readonly capacities: Repository<GroupCapacity>,
    private readonly intake: IntakeService,
    private readonly publisher: PlacementPublisher,
    private readonly audit: AuditService,
  ) {}

  // cron passes its own argument to the handler, so the tick's time is taken here.
  @Cron('*/15 * * * *', { name: EXPIRY_JOB })
  async onTick(): Promise<void> {
    await this.runScheduled(new Date());
  }

  /**
   * Every instance's scheduler fires this; the run for each 15-minute slot is done by one of
   * them only, whichever claims it first.
   */
  async runScheduled(at: Date): Promise<ExpiryRun | undefined> {
    try {
      const run = await this.expireOverdueOffers(at, jobSlot(at, EXPIRY_PERIOD_MS));
      if (run.expired || run.reminded || run.offeredFromWaitlist)
        this.logger.log(
          `Expired ${run.expired}, reminded ${run.reminded}, offered ${run.offeredFromWaitlist} from waitlists`,
        );
      return run;
    } catch (e) {
      this.logger.error(`Placement jobs failed: ${(e as Error).message}`);
      return undefined;
    }
  }

  /**
   * Expires offers not answered by their expiry (freeing their places for the waitlist), sends
   * reminders a day before expiry, and offers any free places to waitlists (a weekly limit may
   * have rolled over). One transaction under an advisory lock: safe with several instances.
   * With a scheduled `slot`, the run is also claimed, so it is done once per slot.
   */
  async expireOverdueOffers(now: Date, slot?: Date): Promise<ExpiryRun> {
    return this.scoped.run(ALL_SERVICES, async (em) => {
      const [{ locked }] = await returning<{ locked: boolean }>(
        em,
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [EXPIRY_LOCK_KEY],
      );
      if (!locked || (slot && !(await claimJobRun(em, EXPIRY_JOB, slot))))
        return { ran: false, expired: 0, reminded: 0, offeredFromWaitlist: 0 };

      const groups = await returning<{ group_id: string }>(
        em,
        `SELECT DISTINCT group_id FROM placement
          WHERE status = 'offered' AND expires_at <= $1 ORDER BY group_id`,
        [now],
      );
      let expired = 0;
      let offeredFromWaitlist = 0;
      for (const { group_id } of groups) {
        await this.intake.lock(em, group_id);
        const gone = await returning<PlacementRow>(
          em,
          `UPDATE placement SET status = 'expired', ended_at = $2, updated_at = now()
            WHERE group_id = $1 AND status = 'offered' AND expires_at <= $2
          RETURNING ${PLACEMENT_ROW_COLUMNS}`,
          [group_id, now],
        );
        if (!gone.length) continue;
        await this.intake.release(em, group_id, gone.length);
        for (const p of gone) {
          await this.audit.record(
            {
              actorId: null,
              action: 'expire',
              entity: 'placement',
              entityId: p.id,
              subjectId: p.person_id,
            },
            em,
          );
          await this.publisher.publishRow(p, 'expired', em, { by: 'system' });
        }
        expired += gone.length;
        offeredFromWaitlist += (await this.intake.fillFromWaitlist(em, group_id, now, null)).length;
      }

      const reminders = await returning<PlacementRow>(
        em,
        `UPDATE placement SET reminder_sent_at = $1, updated_at = now()
          WHERE status = 'offered' AND reminder_sent_at IS NULL
            AND expires_at > $1 AND expires_at <= $2
        RETURNING ${PLACEMENT_ROW_COLUMNS}`,
        [now, new Date(now.getTime() + DAY_MS)],
      );
      for (const r of reminders) {
        await this.publisher.publishRow(r, 'expiring', em, { by: 'system' });
      }

      const waiting = await returning<{ group_id: string }>(
        em,
        `SELECT group_id FROM group_capacity
          WHERE waitlist_length > 0 AND reserved < places AND NOT intake_paused ORDER BY group_id`,
        [],
      );
      for (const { group_id } of waiting) {
        await this.intake.lock(em, group_id);
        offeredFromWaitlist += (await this.intake.fillFromWaitlist(em, group_id, now, null)).length;
      }
      return { ran: true, expired, reminded: reminders.length, offeredFromWaitlist };
    });
  }
}
