import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { translate } from '../common/i18n/i18n';
import { PlacementRemindersService } from '../placements/placement-reminders.service';

/** One text to send a person the day before something, in their language. */
export interface DayBeforeReminder {
  /** Unique per thing reminded of: a job that runs twice queues the text once. */
  key: string;
  personId: string;
  /** The outbox's `event`. */
  event: string;
  render: (locale: string, contactPhone: string) => string;
}

/** Something a person can be reminded of the day before: group starts, appointments… */
export interface ReminderSource {
  name: string;
  /** What starts in [from, to) (tomorrow, UK time), read in the caller's transaction. */
  dueBetween(from: Date, to: Date, em: EntityManager): Promise<DayBeforeReminder[]>;
}

/** A person's first session with the group they were placed with (`sms.groupStartReminder`). */
@Injectable()
export class GroupStartReminders implements ReminderSource {
  readonly name = 'group-start';

  constructor(private readonly placements: PlacementRemindersService) {}

  async dueBetween(from: Date, to: Date, em: EntityManager): Promise<DayBeforeReminder[]> {
    const sessions = await this.placements.firstSessionsBetween(from, to, em);
    return sessions.map((s) => ({
      key: `${this.name}:${s.placementId}:${s.startsAt.toISOString()}`,
      personId: s.personId,
      event: 'placement.starts_tomorrow',
      render: (locale, phone) =>
        translate(locale, 'sms.groupStartReminder', {
          groupName: s.groupName,
          when: s.startsAt,
          address: s.online ? s.groupName : (s.postcode ?? s.groupName),
          phone,
        }),
    }));
  }
}

/**
 * Every source of day-before reminders. Appointments (the working-day work) join here: a
 * `ReminderSource` that lists tomorrow's appointments and renders `sms.appointmentReminder`
 * with the link worker's name, the time and the place. The job, the consent check, the
 * language and the outbox are shared.
 */
export const REMINDER_SOURCES = [GroupStartReminders];
