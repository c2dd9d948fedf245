import { Injectable } from '@nestjs/common';
import { In, IsNull, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../auth/users.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict, forbidden, invalid, notFound } from '../common/domain-error';
import { ukDate } from '../common/uk-date';
import { ScopedTransactions } from '../services/scoped-transactions';
import { canReadCase, canWorkOnCase } from './case-access';
import { SupportCase } from './case.entity';
import { CaseTask } from './case-task.entity';
import { CaseworkService } from './casework.service';
import { Person } from './person.entity';
import type { CreateTaskDto, TaskStatusFilter } from './task.dto';

export interface TaskView {
  id: string;
  caseId: string;
  title: string;
  dueOn: string;
  assigneeId: string;
  createdBy: string;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  overdue: boolean;
}

/** In the assignee's list: who the task is about (the given name the case's link worker shared). */
export interface MyTask extends TaskView {
  givenName: string;
}

export const taskView = (t: CaseTask, today = ukDate()): TaskView => ({
  id: t.id,
  caseId: t.caseId,
  title: t.title,
  dueOn: t.dueOn,
  assigneeId: t.assigneeId,
  createdBy: t.createdBy,
  createdAt: t.createdAt.toISOString(),
  completedAt: t.completedAt?.toISOString() ?? null,
  completedBy: t.completedBy,
  overdue: !t.completedAt && t.dueOn < today,
});

/** Tasks on a case: its link worker's own, or a colleague's of the same service. */
@Injectable()
export class TaskService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly casework: CaseworkService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async create(caseId: string, actor: AuthenticatedUser, dto: CreateTaskDto): Promise<TaskView> {
    if (dto.assigneeId) {
      const assignee = await this.users.activeLinkWorker(dto.assigneeId);
      if (!assignee || !actor.serviceId || assignee.serviceId !== actor.serviceId) {
        throw invalid(
          'assignee_not_in_service',
          'A task can only be given to a link worker of this service',
          [{ field: 'assigneeId', message: 'must be a link worker of this service' }],
        );
      }
    }
    return this.scoped.forActor(actor, async (em) => {
      // Working on the case means being of its service, which the assignee was just checked against.
      const c = await this.casework.caseForWork(caseId, actor, em);
      const task = await em.save(
        CaseTask,
        em.create(CaseTask, {
          caseId: c.id,
          title: dto.title,
          dueOn: dto.dueOn,
          assigneeId: dto.assigneeId ?? c.linkWorkerId,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'create_task',
          entity: 'case_task',
          entityId: task.id,
          subjectId: c.personId,
          detail: { assigneeId: task.assigneeId, dueOn: task.dueOn },
        },
        em,
      );
      return taskView(task);
    });
  }

  /** The caller's tasks: open ones by due date (overdue first), done ones latest first. */
  async mine(actor: AuthenticatedUser, status: TaskStatusFilter = 'open'): Promise<MyTask[]> {
    return this.scoped.forActor(actor, async (em) => {
      const where: FindOptionsWhere<CaseTask> = { assigneeId: actor.id };
      if (status === 'open') where.completedAt = IsNull();
      if (status === 'done') where.completedAt = Not(IsNull());
      const tasks = await em.find(CaseTask, {
        where,
        order:
          status === 'done'
            ? { completedAt: 'DESC', id: 'ASC' }
            : { dueOn: 'ASC', createdAt: 'ASC' },
        take: 500,
      });
      const names = await givenNames(
        tasks.map((t) => t.caseId),
        em,
      );
      const today = ukDate();
      return tasks.map((t) => ({ ...taskView(t, today), givenName: names.get(t.caseId) ?? '' }));
    });
  }

  /** Done: by its assignee, or by whoever works on its case (its link worker, or their cover). */
  async complete(taskId: string, actor: AuthenticatedUser): Promise<TaskView> {
    return this.scoped.forActor(actor, async (em) => {
      const task = await em.findOne(CaseTask, {
        where: { id: taskId },
        lock: { mode: 'pessimistic_write' },
      });
      const found = task && (await em.findOne(SupportCase, { where: { id: task.caseId } }));
      if (!task || !found) throw notFound('Task');
      const c = await this.casework.withCover(found, actor, em);
      const isAssignee = actor.role === 'link_worker' && task.assigneeId === actor.id;
      if (!isAssignee && !canWorkOnCase(actor, c)) {
        if (canReadCase(actor, c))
          throw forbidden('Only the task’s assignee or the case’s link worker can complete it');
        throw notFound('Task');
      }
      if (task.completedAt) throw conflict('task_already_completed', 'This task is already done');
      task.completedAt = new Date();
      task.completedBy = actor.id;
      await em.save(CaseTask, task);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'complete_task',
          entity: 'case_task',
          entityId: task.id,
          subjectId: c.personId,
        },
        em,
      );
      return taskView(task);
    });
  }

  /** A case's tasks, open first by due date, in the caller's transaction (it has checked the case). */
  async forCase(caseId: string, em: EntityManager): Promise<TaskView[]> {
    const rows = await em.find(CaseTask, {
      where: { caseId },
      order: { dueOn: 'ASC', createdAt: 'ASC' },
    });
    const today = ukDate();
    return rows
      .map((t) => taskView(t, today))
      .sort((a, b) => Number(!!a.completedAt) - Number(!!b.completedAt));
  }
}

/** The given names of the people these cases are about. */
export async function givenNames(
  caseIds: string[],
  em: EntityManager,
): Promise<Map<string, string>> {
  const ids = [...new Set(caseIds)];
  if (ids.length === 0) return new Map();
  const cases = await em.find(SupportCase, { where: { id: In(ids) } });
  const people = await em.find(Person, { where: { id: In(cases.map((c) => c.personId)) } });
  const nameOf = new Map(people.map((p) => [p.id, p.givenName]));
  return new Map(cases.map((c) => [c.id, nameOf.get(c.personId) ?? '']));
}
