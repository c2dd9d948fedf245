import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type EntityManager, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict, invalid, notFound } from '../common/domain-error';
import type { RecordCrisisDto, ResolveCrisisDto } from './case.dto';
import { SupportCase } from './case.entity';
import { crisisPointView, type CrisisPointView } from './case.views';
import { addDays, earlierDate, ukDate } from './casework-dates';
import { CASE_PLACEMENTS_PAUSE, CASE_PLACEMENTS_RESUME, type CaseEvent } from './casework.events';
import { CaseworkService } from './casework.service';
import { CrisisPoint } from './crisis-point.entity';
import { emitInTurn } from '../common/events/emit-in-turn';
import { ScopedTransactions } from '../services/scoped-transactions';

/** A crisis brings the next review within this many days. */
export const CRISIS_REVIEW_DAYS = 7;

/**
 * A date-time is that instant; a date alone is the start of that day, or now when it is today
 * (so a crisis resolved "today" does not precede one recorded this morning). Never in the future.
 */
function pastInstant(value: string, field: string): Date {
  const dateOnly = value.length === 10;
  const at = dateOnly && value === ukDate() ? new Date() : new Date(value);
  const day = dateOnly ? value : ukDate(at);
  if (Number.isNaN(at.getTime()) || day > ukDate() || at.getTime() > Date.now() + 60_000) {
    throw invalid('date_in_future', `The ${field} date cannot be in the future`, [
      { field, message: 'must not be in the future' },
    ]);
  }
  return at;
}

@Injectable()
export class CrisisService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @InjectRepository(CrisisPoint) private readonly crises: Repository<CrisisPoint>,
    private readonly casework: CaseworkService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * Records a crisis: the case is in crisis, its review comes within 7 days, and (when asked)
   * placements pause in the same transaction, keeping their places.
   */
  async record(
    caseId: string,
    actor: AuthenticatedUser,
    dto: RecordCrisisDto,
  ): Promise<CrisisPointView> {
    const occurredAt = pastInstant(dto.occurredAt, 'occurredAt');
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const crisis = await em.save(
        CrisisPoint,
        em.create(CrisisPoint, {
          caseId: c.id,
          type: dto.type,
          occurredAt,
          note: dto.note ?? null,
          placementsPaused: dto.pausePlacements,
          recordedBy: actor.id,
        }),
      );
      const reviewBy = earlierDate(c.reviewBy, addDays(ukDate(), CRISIS_REVIEW_DAYS));
      await em.update(SupportCase, { id: c.id }, { inCrisis: true, reviewBy });
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'record_crisis',
          entity: 'crisis_point',
          entityId: crisis.id,
          subjectId: c.personId,
          detail: { pausePlacements: dto.pausePlacements },
        },
        em,
      );
      if (dto.pausePlacements) {
        await emitInTurn(this.events, CASE_PLACEMENTS_PAUSE, caseEvent(c.id, actor, em));
      }
      return crisisPointView(crisis);
    });
  }

  async resolve(
    caseId: string,
    crisisId: string,
    actor: AuthenticatedUser,
    dto: ResolveCrisisDto,
  ): Promise<CrisisPointView> {
    const resolvedAt = pastInstant(dto.resolvedAt, 'resolvedAt');
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const crisis = await em.findOne(CrisisPoint, {
        where: { id: crisisId, caseId: c.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!crisis) throw notFound('Crisis point');
      if (crisis.resolvedAt)
        throw conflict('crisis_already_resolved', 'This crisis point is already resolved');
      if (resolvedAt < crisis.occurredAt && ukDate(resolvedAt) < ukDate(crisis.occurredAt)) {
        throw invalid('resolved_before_crisis', 'A crisis cannot be resolved before it happened', [
          { field: 'resolvedAt', message: 'must not be before the crisis occurred' },
        ]);
      }
      Object.assign(crisis, {
        resolvedAt,
        resolvedBy: actor.id,
        placementsResumed: dto.resumePlacements,
      });
      await em.save(CrisisPoint, crisis);
      const stillOpen = await em.count(CrisisPoint, {
        where: { caseId: c.id, resolvedAt: IsNull() },
      });
      await em.update(SupportCase, { id: c.id }, { inCrisis: stillOpen > 0 });
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'resolve_crisis',
          entity: 'crisis_point',
          entityId: crisis.id,
          subjectId: c.personId,
          detail: { resumePlacements: dto.resumePlacements },
        },
        em,
      );
      if (dto.resumePlacements) {
        await emitInTurn(this.events, CASE_PLACEMENTS_RESUME, caseEvent(c.id, actor, em));
      }
      return crisisPointView(crisis);
    });
  }

  async forCase(caseId: string, em: EntityManager): Promise<CrisisPointView[]> {
    const rows = await em.find(CrisisPoint, {
      where: { caseId },
      order: { occurredAt: 'DESC', id: 'ASC' },
    });
    return rows.map(crisisPointView);
  }
}

const caseEvent = (
  caseId: string,
  actor: AuthenticatedUser,
  manager: EntityManager,
): CaseEvent => ({
  caseId,
  actorId: actor.id,
  manager,
});
