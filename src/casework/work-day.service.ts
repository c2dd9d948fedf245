import { Injectable } from '@nestjs/common';
import { LessThanOrEqual } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { ukDate } from '../common/uk-date';
import { ScopedTransactions } from '../services/scoped-transactions';
import { AppointmentService } from './appointment.service';
import type { AppointmentView, DiaryAppointment } from './appointment.views';
import { canReadSensitiveDetail, canWorkOnCase } from './case-access';
import { CaseworkService } from './casework.service';
import { ContactService, correctableInPlace } from './contact.service';
import type { ContactHistoryItem } from './contact.views';
import { londonDays } from './london-time';
import { ReviewService, type ReviewView } from './review.service';
import { givenNames, TaskService, type MyTask, type TaskView } from './task.service';
import { SupportCase } from './case.entity';

export interface ReviewDue {
  caseId: string;
  givenName: string;
  reviewBy: string;
  overdue: boolean;
  inCrisis: boolean;
}

export interface LinkWorkerHome {
  today: string;
  appointments: DiaryAppointment[];
  overdueTasks: MyTask[];
  tasksDueToday: MyTask[];
  reviewsDue: ReviewDue[];
}

export interface CaseWorkPanel {
  contacts: (ContactHistoryItem & { correctable?: boolean })[];
  appointments: AppointmentView[];
  reviews: ReviewView[];
  tasks: TaskView[];
}

/** What a link worker's day is made of: the home page, and the day's records on a case page. */
@Injectable()
export class WorkDayService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly casework: CaseworkService,
    private readonly contacts: ContactService,
    private readonly appointments: AppointmentService,
    private readonly reviews: ReviewService,
    private readonly tasks: TaskService,
    private readonly audit: AuditService,
  ) {}

  /** Today's appointments, then what is overdue or due today: tasks and reviews. */
  async home(actor: AuthenticatedUser): Promise<LinkWorkerHome> {
    const today = ukDate();
    const appointments = await this.appointments.diary(actor, londonDays(today, today));
    const open = await this.tasks.mine(actor, 'open');
    const reviewsDue = await this.reviewsDue(actor, today);
    return {
      today,
      appointments,
      overdueTasks: open.filter((t) => t.dueOn < today),
      tasksDueToday: open.filter((t) => t.dueOn === today),
      reviewsDue,
    };
  }

  /** The caller's own open cases whose review is due today or overdue, in crisis first. */
  private async reviewsDue(actor: AuthenticatedUser, today: string): Promise<ReviewDue[]> {
    return this.scoped.forActor(actor, async (em) => {
      const cases = await em.find(SupportCase, {
        where: { linkWorkerId: actor.id, status: 'open', reviewBy: LessThanOrEqual(today) },
        order: { inCrisis: 'DESC', reviewBy: 'ASC', id: 'ASC' },
        take: 200,
      });
      // Names through the entity, so however a name is kept at rest it reads the same.
      const names = await givenNames(
        cases.map((c) => c.id),
        em,
      );
      return cases.map((c) => ({
        caseId: c.id,
        givenName: names.get(c.id) ?? '',
        reviewBy: c.reviewBy ?? today,
        overdue: (c.reviewBy ?? today) < today,
        inCrisis: c.inCrisis,
      }));
    });
  }

  /** The case page's contacts, appointments, reviews and tasks, read as one audited read. */
  async casePanel(caseId: string, actor: AuthenticatedUser): Promise<CaseWorkPanel> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForActor(caseId, actor, em);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'read_contacts',
          entity: 'case',
          entityId: c.id,
          subjectId: c.personId,
        },
        em,
      );
      const notes = canReadSensitiveDetail(actor, c);
      const works = canWorkOnCase(actor, c) && c.status === 'open';
      const now = new Date();
      const contacts = (await this.contacts.historyOf(c, em, notes)).map((item) =>
        item.kind === 'contact'
          ? {
              ...item,
              correctable: works,
              inPlace:
                works &&
                correctableInPlace(
                  { recordedBy: item.recordedBy, recordedAt: new Date(item.recordedAt) },
                  actor.id,
                  now,
                ),
            }
          : item,
      );
      return {
        contacts,
        appointments: await this.appointments.forCase(c.id, em, notes),
        reviews: await this.reviews.forCase(c.id, em, notes),
        tasks: await this.tasks.forCase(c.id, em),
      };
    });
  }
}
