import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { AuditService } from '../audit/audit.service';
import { SupportCase } from './case.entity';
import type { ConsentToShareDto } from './case.dto';
import { CaseworkService } from './casework.service';
import { ScopedTransactions } from '../services/scoped-transactions';

export interface ConsentView {
  caseId: string;
  shareWithProviders: boolean;
}

/**
 * The person's agreement to share details with community groups, as it stands now: given later
 * (a FHIR referral often arrives without it) or withdrawn. Groups see contact details only while
 * it holds, and no place can be offered without it.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @InjectRepository(SupportCase) private readonly cases: Repository<SupportCase>,
    private readonly casework: CaseworkService,
    private readonly audit: AuditService,
  ) {}

  async set(
    caseId: string,
    actor: AuthenticatedUser,
    dto: ConsentToShareDto,
  ): Promise<ConsentView> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      await em.update(SupportCase, { id: c.id }, { consentToShare: dto.shareWithProviders });
      await this.audit.record(
        {
          actorId: actor.id,
          action: dto.shareWithProviders ? 'consent_to_share_given' : 'consent_to_share_withdrawn',
          entity: 'support_case',
          entityId: c.id,
          subjectId: c.personId,
        },
        em,
      );
      return { caseId: c.id, shareWithProviders: dto.shareWithProviders };
    });
  }
}
