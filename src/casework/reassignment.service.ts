import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { In, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../auth/users.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict, invalid, notFound } from '../common/domain-error';
import { emitInTurn } from '../common/events/emit-in-turn';
import { ScopedTransactions, onlyService, scopeOf } from '../services/scoped-transactions';
import { Appointment } from './appointment.entity';
import { canReassignCase } from './case-access';
import { CaseTask } from './case-task.entity';
import { SupportCase } from './case.entity';
import { CASES_REASSIGNED, type CasesReassignedEvent } from './casework.events';
import { ASSIGNED_REFERRALS, type AssignedReferralsCounter } from './casework.ports';
import { toSummary, type CaseSummary } from './casework.service';

export interface CaseloadReassigned {
  fromLinkWorkerId: string;
  toLinkWorkerId: string;
  reassigned: number;
  caseIds: string[];
}

const field = (name: string, code: string, message: string) =>
  invalid(code, message, [{ field: name, message }]);

/**
 * A team lead (of the case's service) or an admin hands cases to another link worker of the same
 * service: one case, or every open case of a leaver, with a reason that goes to the audit trail
 * and nowhere else (the person is sent nothing). From the commit on, the new link worker has the
 * case file, its migration profile and safeguarding detail; the old one is told it does not exist.
 * The old link worker's booked appointments and open tasks on the case go with it, so their diary,
 * calendar feed and task list stop showing a case they no longer hold. Placements and the opening
 * referral follow (CASES_REASSIGNED).
 */
@Injectable()
export class ReassignmentService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
    @Optional()
    @Inject(ASSIGNED_REFERRALS)
    private readonly assignedReferrals?: AssignedReferralsCounter,
  ) {}

  async reassign(
    caseId: string,
    input: { linkWorkerId: string; reason: string },
    actor: AuthenticatedUser,
  ): Promise<CaseSummary> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await em.findOne(SupportCase, {
        where: { id: caseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!c || !canReassignCase(actor, c)) throw notFound('Case');
      if (c.status === 'closed')
        throw conflict('case_closed', 'The case is closed: there is nothing to hand over');
      if (c.linkWorkerId === input.linkWorkerId)
        throw conflict('already_assigned', 'The case is already with this link worker');
      await this.makeRoom(em, input.linkWorkerId, 'linkWorkerId', c.serviceId, 1);
      await this.move(em, [c], input.linkWorkerId, input.reason, actor);
      return toSummary(c);
    });
  }

  /** Every open case of a leaver, to one colleague, in one transaction: all move or none do. */
  async reassignCaseload(
    input: { fromLinkWorkerId: string; toLinkWorkerId: string; reason: string },
    actor: AuthenticatedUser,
  ): Promise<CaseloadReassigned> {
    const [leaver] = await this.users.findByIds([input.fromLinkWorkerId]);
    if (
      !leaver ||
      leaver.role !== 'link_worker' ||
      !leaver.serviceId ||
      !canReassignCase(actor, { serviceId: leaver.serviceId })
    )
      throw field(
        'fromLinkWorkerId',
        'link_worker_unknown',
        'Choose a link worker of your service whose cases are to be handed over',
      );
    if (input.toLinkWorkerId === input.fromLinkWorkerId)
      throw field(
        'toLinkWorkerId',
        'same_link_worker',
        'Choose a different link worker to take the cases',
      );
    const serviceId = leaver.serviceId;
    const scope = actor.role === 'admin' ? onlyService(serviceId) : scopeOf(actor);
    return this.scoped.run(scope, async (em) => {
      const cases = await em.find(SupportCase, {
        where: { linkWorkerId: input.fromLinkWorkerId, status: 'open', serviceId },
        order: { openedAt: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (cases.length)
        await this.makeRoom(em, input.toLinkWorkerId, 'toLinkWorkerId', serviceId, cases.length);
      await this.move(em, cases, input.toLinkWorkerId, input.reason, actor);
      return {
        fromLinkWorkerId: input.fromLinkWorkerId,
        toLinkWorkerId: input.toLinkWorkerId,
        reassigned: cases.length,
        caseIds: cases.map((c) => c.id),
      };
    });
  }

  /**
   * The new link worker is an active link worker of the case's service (422 otherwise) with room
   * for `adding` more: open cases and referrals assigned to them count, as when assigning a
   * referral, and the same lock keeps two hand-overs from both taking the last place (409).
   */
  private async makeRoom(
    em: EntityManager,
    linkWorkerId: string,
    fieldName: string,
    serviceId: string,
    adding: number,
  ): Promise<void> {
    const worker = await this.users.activeLinkWorker(linkWorkerId);
    if (!worker)
      throw field(fieldName, 'link_worker_unknown', 'Choose a link worker who is still active');
    if (worker.serviceId !== serviceId)
      throw field(
        fieldName,
        'link_worker_other_service',
        'Choose a link worker of the case’s own service: this one works in another service',
      );
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `caseload:${linkWorkerId}`,
    ]);
    const open = await em.count(SupportCase, { where: { linkWorkerId, status: 'open' } });
    const waiting = (await this.assignedReferrals?.countAssigned(linkWorkerId, em)) ?? 0;
    if (open + waiting + adding > worker.caseloadLimit)
      throw conflict(
        'caseload_full',
        `This link worker's caseload is full: ${open + waiting} of ${worker.caseloadLimit}` +
          (adding > 1 ? `, with no room for ${adding} more` : ''),
      );
  }

  private async move(
    em: EntityManager,
    cases: SupportCase[],
    toLinkWorkerId: string,
    reason: string,
    actor: AuthenticatedUser,
  ): Promise<void> {
    if (cases.length === 0) return;
    await em.update(
      SupportCase,
      { id: In(cases.map((c) => c.id)) },
      { linkWorkerId: toLinkWorkerId },
    );
    for (const c of cases) {
      const carried = await this.carryDiaryAndTasks(em, c, toLinkWorkerId);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'reassign',
          entity: 'case',
          entityId: c.id,
          subjectId: c.personId,
          detail: { fromLinkWorkerId: c.linkWorkerId, toLinkWorkerId, reason, ...carried },
        },
        em,
      );
      c.linkWorkerId = toLinkWorkerId;
    }
    const event: CasesReassignedEvent = {
      caseIds: cases.map((c) => c.id),
      toLinkWorkerId,
      actorId: actor.id,
      manager: em,
    };
    await emitInTurn(this.events, CASES_REASSIGNED, event);
  }

  /**
   * What the old link worker still had to do on the case becomes the new one's: appointments
   * without an outcome (booked; one already past is the new link worker's to record) and open
   * tasks assigned to the old link worker. A colleague's own appointment or task stays theirs, and
   * what is done stays with whoever did it.
   */
  private async carryDiaryAndTasks(
    em: EntityManager,
    c: SupportCase,
    toLinkWorkerId: string,
  ): Promise<{ appointmentsMoved: number; tasksMoved: number }> {
    const appointments = await em.update(
      Appointment,
      { caseId: c.id, linkWorkerId: c.linkWorkerId, status: 'booked' },
      { linkWorkerId: toLinkWorkerId },
    );
    const tasks = await em.update(
      CaseTask,
      { caseId: c.id, assigneeId: c.linkWorkerId, completedAt: IsNull() },
      { assigneeId: toLinkWorkerId },
    );
    return { appointmentsMoved: appointments.affected ?? 0, tasksMoved: tasks.affected ?? 0 };
  }
}
