import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { In, type EntityManager } from 'typeorm';
import { Appointment } from './appointment.entity';
import { appointmentView } from './appointment.views';
import { CaseReview } from './case-review.entity';
import { CaseTask } from './case-task.entity';
import { SupportCase } from './case.entity';
import {
  PERSON_ERASING,
  PERSON_EXPORTING,
  type PersonErasingEvent,
  type PersonExportingEvent,
  type PersonExportSection,
} from './casework.events';
import { CaseContact, CaseContactAmendment } from './contact.entity';
import { contactView } from './contact.views';
import { reviewView } from './review.service';
import { taskView } from './task.service';

const caseIdsOf = async (personId: string, em: EntityManager) =>
  (await em.find(SupportCase, { where: { personId }, select: { id: true } })).map((c) => c.id);

/**
 * A person's erasure and subject access export cover their contacts, appointments, reviews and
 * tasks, in the data-protection transaction: erasure clears free text and places and keeps dates,
 * modes and statuses, so activity figures already published do not change.
 */
@Injectable()
export class WorkDayDataProtectionListener {
  @OnEvent(PERSON_ERASING, { suppressErrors: false })
  async erase(event: PersonErasingEvent): Promise<void> {
    const em = event.manager;
    const caseIds = await caseIdsOf(event.personId, em);
    if (caseIds.length === 0) return;
    const inCases = { caseId: In(caseIds) };
    const contacts = await em.find(CaseContact, { where: inCases, select: { id: true } });
    await em.update(CaseContact, inCases, { note: null });
    if (contacts.length) {
      await em.update(
        CaseContactAmendment,
        { contactId: In(contacts.map((c) => c.id)) },
        { note: '[erased]' },
      );
    }
    await em.update(Appointment, inCases, { outcomeNote: null, location: null });
    await em.update(CaseReview, inCases, { note: null });
    await em.update(CaseTask, inCases, { title: '[erased]' });
  }

  @OnEvent(PERSON_EXPORTING, { suppressErrors: false })
  async export(event: PersonExportingEvent): Promise<PersonExportSection> {
    const em = event.manager;
    const caseIds = await caseIdsOf(event.personId, em);
    if (caseIds.length === 0) return { section: 'workingDay', records: [] };
    const inCases = { caseId: In(caseIds) };
    const contacts = await em.find(CaseContact, { where: inCases, order: { at: 'ASC' } });
    const amendments = contacts.length
      ? await em.find(CaseContactAmendment, {
          where: { contactId: In(contacts.map((c) => c.id)) },
          order: { writtenAt: 'ASC' },
        })
      : [];
    const appointments = await em.find(Appointment, { where: inCases, order: { startsAt: 'ASC' } });
    const reviews = await em.find(CaseReview, { where: inCases, order: { reviewedAt: 'ASC' } });
    const tasks = await em.find(CaseTask, { where: inCases, order: { dueOn: 'ASC' } });
    return {
      section: 'workingDay',
      records: [
        {
          contacts: contacts.map((c) =>
            contactView(
              c,
              amendments.filter((a) => a.contactId === c.id),
              true,
            ),
          ),
          appointments: appointments.map((a) => appointmentView(a)),
          reviews: reviews.map((r) => reviewView(r)),
          tasks: tasks.map((t) => taskView(t)),
        },
      ],
    };
  }
}
