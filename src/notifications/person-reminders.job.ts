import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Cron } from '@nestjs/schedule';
import { claimJobRun, jobSlot } from '../database/job-runs';
import { ALL_SERVICES, ScopedTransactions } from '../services/scoped-transactions';
import { Messenger } from './messenger.service';
import { REMINDER_SOURCES, type ReminderSource } from './person-reminders';
import { tomorrowInUk } from './uk-days';

const JOB = 'notifications-person-reminders';
const DAY_MS = 86_400_000;

/**
 * Once a day (10:00 UK time), queues a text for each person with something tomorrow, if they
 * agreed to texts. One instance does each day's run (its slot is claimed); a reminder is queued
 * at most once whatever happens (its key is unique in the outbox).
 */
@Injectable()
export class PersonRemindersJob {
  private readonly logger = new Logger('PersonReminders');

  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly messenger: Messenger,
    private readonly modules: ModuleRef,
  ) {}

  @Cron('0 10 * * *', { name: JOB, timeZone: 'Europe/London' })
  async daily(): Promise<void> {
    try {
      await this.run(new Date(), true);
    } catch (e) {
      this.logger.error(`Reminders failed: ${(e as Error).message}`);
    }
  }

  /** Queues tomorrow's reminders; with `claimSlot`, only if no instance has done today's run. */
  async run(now: Date, claimSlot = false): Promise<{ ran: boolean; queued: number }> {
    const { from, to } = tomorrowInUk(now);
    return this.scoped.run(ALL_SERVICES, async (em) => {
      if (claimSlot && !(await claimJobRun(em, JOB, jobSlot(now, DAY_MS))))
        return { ran: false, queued: 0 };
      let queued = 0;
      for (const source of this.sources()) {
        for (const r of await source.dueBetween(from, to, em)) {
          if (await this.messenger.textPerson(r.personId, r.event, r.render, em, r.key)) queued++;
        }
      }
      return { ran: true, queued };
    });
  }

  private sources(): ReminderSource[] {
    return REMINDER_SOURCES.map((s) => this.modules.get(s, { strict: true }));
  }
}
