import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { invalid } from '../common/domain-error';
import type { OnwardReferralDto, OutcomeDto } from './case.dto';
import { onwardReferralView, outcomeView, type OnwardReferralView } from './case.views';
import { CaseworkService } from './casework.service';
import { OnwardReferral } from './onward-referral.entity';
import type { OutcomeRecord } from './outcome-change';
import { OutcomeMeasure } from './outcome-measure.entity';
import { scoreOutcome } from './scoring/score-outcome';
import { ScopedTransactions } from '../services/scoped-transactions';

/** Onward referrals to professional support, and outcome measures, on a case. */
@Injectable()
export class CaseRecordsService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @InjectRepository(OutcomeMeasure) private readonly outcomes: Repository<OutcomeMeasure>,
    private readonly casework: CaseworkService,
    private readonly audit: AuditService,
  ) {}

  async referOnward(
    caseId: string,
    actor: AuthenticatedUser,
    dto: OnwardReferralDto,
  ): Promise<OnwardReferralView> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const referral = await em.save(
        OnwardReferral,
        em.create(OnwardReferral, {
          caseId: c.id,
          service: dto.service,
          reason: dto.reason,
          madeBy: actor.id,
        }),
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'onward_referral',
          entity: 'onward_referral',
          entityId: referral.id,
          subjectId: c.personId,
          detail: { service: dto.service },
        },
        em,
      );
      return onwardReferralView(referral);
    });
  }

  /** Scores the answers (422 naming each bad answer) and records the measure with its scores. */
  async recordOutcome(
    caseId: string,
    actor: AuthenticatedUser,
    dto: OutcomeDto,
  ): Promise<OutcomeRecord> {
    const result = scoreOutcome(dto.instrument, dto.answers);
    if (!result.ok) {
      throw invalid('invalid_answers', `The ${dto.instrument} answers cannot be scored`, [
        ...result.errors,
      ]);
    }
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const measure = await em.save(
        OutcomeMeasure,
        em.create(OutcomeMeasure, {
          caseId: c.id,
          instrument: dto.instrument,
          timepoint: dto.timepoint,
          answers: dto.answers as number[],
          scores: result.scores,
          recordedBy: actor.id,
        }),
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'record_outcome',
          entity: 'outcome_measure',
          entityId: measure.id,
          subjectId: c.personId,
          detail: { instrument: dto.instrument, timepoint: dto.timepoint },
        },
        em,
      );
      return outcomeView(measure);
    });
  }

  async onwardReferralsFor(caseId: string, em: EntityManager): Promise<OnwardReferralView[]> {
    const rows = await em.find(OnwardReferral, {
      where: { caseId },
      order: { madeAt: 'DESC', id: 'ASC' },
    });
    return rows.map(onwardReferralView);
  }

  async outcomesFor(caseId: string, em: EntityManager): Promise<OutcomeRecord[]> {
    const rows = await em.find(OutcomeMeasure, {
      where: { caseId },
      order: { recordedAt: 'ASC', id: 'ASC' },
    });
    return rows.map(outcomeView);
  }
}
