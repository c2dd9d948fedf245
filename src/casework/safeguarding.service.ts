import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { FLAG_REQUIRED_LEVEL, type SafeguardingFlag } from '../common/vocabulary';
import type { SafeguardingDto } from './case.dto';
import { SupportCase } from './case.entity';
import { safeguardingView, type SafeguardingView } from './case.views';
import { CaseworkService } from './casework.service';
import { SafeguardingRecord } from './safeguarding-record.entity';
import { ScopedTransactions } from '../services/scoped-transactions';

/** The group safeguarding level a person's flags require (DESIGN.md); no flags → level 1. */
export function requiredLevelFor(flags: readonly SafeguardingFlag[]): number {
  return Math.max(1, ...flags.map((f) => FLAG_REQUIRED_LEVEL[f]));
}

@Injectable()
export class SafeguardingService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @InjectRepository(SafeguardingRecord) private readonly records: Repository<SafeguardingRecord>,
    private readonly casework: CaseworkService,
    private readonly audit: AuditService,
  ) {}

  /** Replaces the person's flags (the earlier record is kept) and derives the required level. */
  async set(
    caseId: string,
    actor: AuthenticatedUser,
    dto: SafeguardingDto,
  ): Promise<SafeguardingView> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const flags = [...new Set(dto.flags)];
      const requiredLevel = requiredLevelFor(flags);
      const record = await em.save(
        SafeguardingRecord,
        em.create(SafeguardingRecord, {
          caseId: c.id,
          flags,
          requiredLevel,
          note: dto.note ?? null,
          recordedBy: actor.id,
        }),
      );
      await em.update(SupportCase, { id: c.id }, { requiredLevel });
      // The flags themselves stay out of the audit log; the level is what matching acts on.
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'update_safeguarding',
          entity: 'safeguarding_record',
          entityId: record.id,
          subjectId: c.personId,
          detail: { requiredLevel },
        },
        em,
      );
      return safeguardingView(record);
    });
  }

  async current(caseId: string, em: EntityManager): Promise<SafeguardingView | null> {
    const latest = await em.findOne(SafeguardingRecord, {
      where: { caseId },
      order: { recordedAt: 'DESC', id: 'DESC' },
    });
    return latest ? safeguardingView(latest) : null;
  }
}
