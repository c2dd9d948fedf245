import { Injectable } from '@nestjs/common';
import { Between, In, MoreThan, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict, invalid, notFound } from '../common/domain-error';
import { ukDate } from '../common/uk-date';
import type { ContactMode } from '../common/vocabulary';
import { ScopedTransactions } from '../services/scoped-transactions';
import { Appointment } from './appointment.entity';
import type {
  AppointmentOutcomeDto,
  BookAppointmentDto,
  CancelAppointmentDto,
} from './appointment.dto';
import { appointmentView, type AppointmentView, type DiaryAppointment } from './appointment.views';
import { SupportCase } from './case.entity';
import { CaseworkService } from './casework.service';
import type { InterpreterMode } from './casework.vocabulary';
import { ContactService } from './contact.service';
import { happenedAt, londonDays, parseInstant } from './london-time';
import { Person } from './person.entity';

const CLOCK_SKEW_MS = 60_000;
/** The longest stretch one diary request may ask for. */
export const DIARY_MAX_DAYS = 92;

/** How an interpreter booked for an appointment of this mode takes part. */
export const interpreterModeFor = (mode: ContactMode): InterpreterMode =>
  mode === 'phone' ? 'phone' : mode === 'video' ? 'video' : 'in_person';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A diary range from the API's from/to (dates are London days, to inclusive). */
export function diaryRange(from?: string, to?: string): { start: Date; end: Date } {
  const fromDay = from ?? ukDate();
  const start = DATE_ONLY.test(fromDay) ? londonDays(fromDay, fromDay).start : happenedAt(fromDay);
  const end = to
    ? DATE_ONLY.test(to)
      ? londonDays(to, to).end
      : parseInstant(to)
    : start && new Date(start.getTime() + 7 * 86_400_000);
  if (!start || !end) {
    throw invalid('invalid_range', 'Give the range as dates or date-times', [
      { field: start ? 'to' : 'from', message: 'must be a date or a date-time' },
    ]);
  }
  if (end <= start) {
    throw invalid('invalid_range', 'The end of the range must be after its start', [
      { field: 'to', message: 'must be after from' },
    ]);
  }
  if (end.getTime() - start.getTime() > DIARY_MAX_DAYS * 86_400_000) {
    throw invalid('range_too_long', `Ask for at most ${DIARY_MAX_DAYS} days at a time`, [
      { field: 'to', message: `must be at most ${DIARY_MAX_DAYS} days after from` },
    ]);
  }
  return { start, end };
}

/** Appointments with the person, in the link worker's diary until their outcome is recorded. */
@Injectable()
export class AppointmentService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly casework: CaseworkService,
    private readonly contacts: ContactService,
    private readonly audit: AuditService,
  ) {}

  async book(
    caseId: string,
    actor: AuthenticatedUser,
    dto: BookAppointmentDto,
  ): Promise<AppointmentView> {
    const startsAt = parseInstant(dto.startsAt);
    if (!startsAt) {
      throw invalid('invalid_date', 'Enter the date and time of the appointment', [
        { field: 'startsAt', message: 'must be a date and a time' },
      ]);
    }
    if (startsAt.getTime() < Date.now() - CLOCK_SKEW_MS) {
      throw invalid(
        'appointment_in_past',
        'An appointment cannot be booked in the past: choose a time from now on',
        [{ field: 'startsAt', message: 'must not be in the past' }],
      );
    }
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const appointment = em.create(Appointment, {
        caseId: c.id,
        linkWorkerId: actor.id,
        startsAt,
        durationMinutes: dto.durationMinutes,
        mode: dto.mode,
        location: dto.location ?? null,
        interpreterLanguage: dto.interpreterLanguage ?? null,
        bookedBy: actor.id,
      });
      await em.save(Appointment, appointment);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'book_appointment',
          entity: 'appointment',
          entityId: appointment.id,
          subjectId: c.personId,
        },
        em,
      );
      return appointmentView(appointment);
    });
  }

  /** The caller's own appointments starting in [start, end), earliest first. */
  async diary(
    actor: AuthenticatedUser,
    range: { start: Date; end: Date },
  ): Promise<DiaryAppointment[]> {
    return this.scoped.forActor(actor, async (em) => {
      const rows = await em.find(Appointment, {
        where: {
          linkWorkerId: actor.id,
          startsAt: Between(range.start, new Date(range.end.getTime() - 1)),
        },
        order: { startsAt: 'ASC', id: 'ASC' },
      });
      const names = await this.namesFor(
        rows.map((r) => r.caseId),
        actor,
        em,
      );
      return rows.map((r) => ({ ...appointmentView(r), givenName: names.get(r.caseId) ?? null }));
    });
  }

  /**
   * Given names for the cases the actor may read, as link worker or as cover (a past appointment
   * stays in the diary of whoever held it after the case moves on).
   */
  private async namesFor(
    caseIds: string[],
    actor: AuthenticatedUser,
    em: EntityManager,
  ): Promise<Map<string, string>> {
    const readable = await this.casework.readableCaseIds(caseIds, actor, em);
    if (readable.size === 0) return new Map();
    const cases = await em.find(SupportCase, { where: { id: In([...readable]) } });
    const people = cases.length
      ? await em.find(Person, { where: { id: In(cases.map((c) => c.personId)) } })
      : [];
    const nameOf = new Map(people.map((p) => [p.id, p.givenName]));
    return new Map(cases.map((c) => [c.id, nameOf.get(c.personId) ?? '']));
  }

  /**
   * What happened: attended (the appointment becomes a contact on the case, in the same
   * transaction) or did not attend. Only once, and only once it has started.
   */
  async recordOutcome(
    appointmentId: string,
    actor: AuthenticatedUser,
    dto: AppointmentOutcomeDto,
  ): Promise<AppointmentView> {
    return this.scoped.forActor(actor, async (em) => {
      const { appointment: a, theCase: c } = await this.forWork(appointmentId, actor, em);
      if (a.status !== 'booked') {
        throw conflict(
          'outcome_already_recorded',
          a.status === 'cancelled'
            ? 'This appointment was cancelled'
            : 'The outcome of this appointment is already recorded',
        );
      }
      if (a.startsAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
        throw invalid(
          'appointment_not_started',
          'You can record what happened once the appointment has started',
          [{ field: 'attended', message: 'can be recorded once the appointment has started' }],
        );
      }
      if (dto.attended) {
        const contact = await this.contacts.add(
          c,
          {
            at: a.startsAt,
            mode: a.mode,
            initiatedBy: 'link_worker',
            durationMinutes: a.durationMinutes,
            interpreter: a.interpreterLanguage
              ? { language: a.interpreterLanguage, mode: interpreterModeFor(a.mode) }
              : null,
            note: dto.note ?? null,
            appointmentId: a.id,
          },
          actor.id,
          em,
        );
        a.contactId = contact.id;
      } else {
        a.outcomeNote = dto.note ?? null;
      }
      a.status = dto.attended ? 'attended' : 'did_not_attend';
      a.outcomeRecordedAt = new Date();
      a.outcomeRecordedBy = actor.id;
      await em.save(Appointment, a);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'record_appointment_outcome',
          entity: 'appointment',
          entityId: a.id,
          subjectId: c.personId,
          detail: { attended: dto.attended },
        },
        em,
      );
      return appointmentView(a);
    });
  }

  async cancel(
    appointmentId: string,
    actor: AuthenticatedUser,
    dto: CancelAppointmentDto,
  ): Promise<AppointmentView> {
    return this.scoped.forActor(actor, async (em) => {
      const { appointment: a, theCase: c } = await this.forWork(appointmentId, actor, em);
      if (a.status !== 'booked') {
        throw conflict('appointment_not_booked', 'Only a booked appointment can be cancelled');
      }
      Object.assign(a, {
        status: 'cancelled',
        outcomeNote: dto.note ?? null,
        outcomeRecordedAt: new Date(),
        outcomeRecordedBy: actor.id,
      });
      await em.save(Appointment, a);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'cancel_appointment',
          entity: 'appointment',
          entityId: a.id,
          subjectId: c.personId,
        },
        em,
      );
      return appointmentView(a);
    });
  }

  /**
   * When a case closes, its appointments still to come are cancelled in the closing transaction,
   * so they leave the diary, the calendar feed and the person's reminders. One that has started
   * stays booked: what happened can still be recorded.
   */
  async cancelUpcoming(caseId: string, actorId: string, em: EntityManager): Promise<number> {
    const upcoming = await em.find(Appointment, {
      where: { caseId, status: 'booked', startsAt: MoreThan(new Date()) },
    });
    for (const a of upcoming) {
      Object.assign(a, {
        status: 'cancelled',
        outcomeRecordedAt: new Date(),
        outcomeRecordedBy: actorId,
      });
      await em.save(Appointment, a);
    }
    return upcoming.length;
  }

  /** One appointment for its outcome page: the same rule as changing it. */
  async forOutcomePage(appointmentId: string, actor: AuthenticatedUser): Promise<DiaryAppointment> {
    return this.scoped.forActor(actor, async (em) => {
      const { appointment, theCase } = await this.forWork(appointmentId, actor, em, false);
      const person = await em.findOneOrFail(Person, { where: { id: theCase.personId } });
      return { ...appointmentView(appointment), givenName: person.givenName };
    });
  }

  /** A case's appointments, latest first, in the caller's transaction (it has checked the case). */
  async forCase(caseId: string, em: EntityManager, withNotes: boolean): Promise<AppointmentView[]> {
    const rows = await em.find(Appointment, {
      where: { caseId },
      order: { startsAt: 'DESC', id: 'ASC' },
    });
    return rows.map((r) => appointmentView(r, withNotes));
  }

  /**
   * The appointment and its case, if the actor may change it: whoever may not see the case is
   * told the appointment does not exist; one who may see but not change it is refused.
   */
  private async forWork(
    appointmentId: string,
    actor: AuthenticatedUser,
    em: EntityManager,
    lock = true,
  ): Promise<{ appointment: Appointment; theCase: SupportCase }> {
    const appointment = await em.findOne(Appointment, {
      where: { id: appointmentId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!appointment) throw notFound('Appointment');
    const theCase = await this.casework.caseForWork(appointment.caseId, actor, em, {
      allowClosed: true,
    });
    return { appointment, theCase };
  }
}
