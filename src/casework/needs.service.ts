import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { invalid } from '../common/domain-error';
import { SITUATIONAL_DOMAINS } from '../common/vocabulary';
import type { NeedsAssessmentDto } from './case.dto';
import { SupportCase } from './case.entity';
import { needsAssessmentView, type NeedsAssessmentView } from './case.views';
import { CaseworkService } from './casework.service';
import { NeedRating, NeedsAssessment } from './needs-assessment.entity';
import { ScopedTransactions } from '../services/scoped-transactions';

export interface NeedsHistory {
  latest: NeedsAssessmentView | null;
  /** Every assessment, newest first, so change over time can be shown. */
  history: NeedsAssessmentView[];
}

@Injectable()
export class NeedsService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @InjectRepository(NeedsAssessment) private readonly assessments: Repository<NeedsAssessment>,
    private readonly casework: CaseworkService,
    private readonly audit: AuditService,
  ) {}

  /** Appends a dated assessment (earlier ones are kept) and updates "what matters to me". */
  async assess(
    caseId: string,
    actor: AuthenticatedUser,
    dto: NeedsAssessmentDto,
  ): Promise<NeedsAssessmentView> {
    const duplicates = dto.needs
      .map((n, i) => ({ domain: n.domain, i }))
      .filter((n, _, all) => all.findIndex((m) => m.domain === n.domain) !== n.i);
    if (duplicates.length) {
      throw invalid(
        'duplicate_need_domain',
        'Each needs domain can appear only once in an assessment',
        duplicates.map((d) => ({ field: `needs.${d.i}.domain`, message: 'is repeated' })),
      );
    }
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const assessment = em.create(NeedsAssessment, {
        caseId: c.id,
        assessedBy: actor.id,
        whatMattersToMe: dto.whatMattersToMe ?? null,
      });
      await em.save(NeedsAssessment, assessment);
      const ratings = dto.needs.map((n) =>
        em.create(NeedRating, {
          assessmentId: assessment.id,
          domain: n.domain,
          severity: n.severity,
          priority: n.priority,
          situational: n.situational ?? SITUATIONAL_DOMAINS.includes(n.domain),
          note: n.note ?? null,
        }),
      );
      assessment.ratings = await em.save(NeedRating, ratings);
      if (dto.whatMattersToMe !== undefined) {
        await em.update(SupportCase, { id: c.id }, { whatMattersToMe: dto.whatMattersToMe });
      }
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'assess_needs',
          entity: 'needs_assessment',
          entityId: assessment.id,
          subjectId: c.personId,
        },
        em,
      );
      return needsAssessmentView(assessment);
    });
  }

  async history(caseId: string, actor: AuthenticatedUser): Promise<NeedsHistory> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForActor(caseId, actor, em);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'read_needs',
          entity: 'case',
          entityId: c.id,
          subjectId: c.personId,
        },
        em,
      );
      const history = await this.forCase(c.id, em);
      return { latest: history[0] ?? null, history };
    });
  }

  /** All assessments of a case, newest first (for the case file; the caller checks access). */
  async forCase(caseId: string, em: EntityManager): Promise<NeedsAssessmentView[]> {
    const rows = await em.find(NeedsAssessment, {
      where: { caseId },
      relations: { ratings: true },
      order: { assessedAt: 'DESC', id: 'DESC' },
    });
    return rows.map(needsAssessmentView);
  }
}
