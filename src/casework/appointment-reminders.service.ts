import { Injectable } from '@nestjs/common';
import { And, In, LessThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { UsersService } from '../auth/users.service';
import type { ContactMode } from '../common/vocabulary';
import { Appointment } from './appointment.entity';
import { SupportCase } from './case.entity';

/** A booked appointment, for the reminder the person may get the day before. */
export interface UpcomingAppointment {
  appointmentId: string;
  personId: string;
  startsAt: Date;
  mode: ContactMode;
  /** Where, or how to join, as the link worker wrote it; null when not given. */
  location: string | null;
  /** Who the person meets: the link worker whose diary it is in. */
  linkWorkerName: string;
}

/** What modules above casework may ask about appointments to remind people of them. */
@Injectable()
export class AppointmentRemindersService {
  constructor(private readonly users: UsersService) {}

  /** Booked appointments of open cases starting in [from, to), in the caller's transaction. */
  async bookedBetween(from: Date, to: Date, em: EntityManager): Promise<UpcomingAppointment[]> {
    const appointments = await em.find(Appointment, {
      where: { status: 'booked', startsAt: And(MoreThanOrEqual(from), LessThan(to)) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    if (appointments.length === 0) return [];
    const cases = await em.find(SupportCase, {
      where: { id: In([...new Set(appointments.map((a) => a.caseId))]), status: 'open' },
    });
    const personOf = new Map(cases.map((c) => [c.id, c.personId]));
    const workers = await this.users.findByIds(
      [...new Set(appointments.map((a) => a.linkWorkerId))],
      em,
    );
    const nameOf = new Map(workers.map((u) => [u.id, u.name]));
    return appointments.flatMap((a) => {
      const personId = personOf.get(a.caseId);
      return personId
        ? [
            {
              appointmentId: a.id,
              personId,
              startsAt: a.startsAt,
              mode: a.mode,
              location: a.location,
              linkWorkerName: nameOf.get(a.linkWorkerId) ?? '',
            },
          ]
        : [];
    });
  }
}
