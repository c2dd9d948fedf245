import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { Ethnicity, Religion } from '../common/vocabulary';
import type { EquityDetailsDto } from './case.dto';
import { CaseworkService } from './casework.service';
import { Person } from './person.entity';
import { ScopedTransactions } from '../services/scoped-transactions';

/** The person's equity answers as recorded; `sex` may hold words recorded before the codes. */
export interface EquityDetailsView {
  sex: string | null;
  ethnicity: Ethnicity | null;
  religion: Religion | null;
}

const FIELDS = ['sex', 'ethnicity', 'religion'] as const;

/**
 * Sex, ethnic group and religion of a case's person: read by whoever may read the case, corrected
 * by its link worker while it is open (the rule of every change to a case), each change audited
 * by the fields it touched, never their values.
 */
@Injectable()
export class PersonEquityService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly casework: CaseworkService,
    private readonly audit: AuditService,
  ) {}

  async get(caseId: string, actor: AuthenticatedUser): Promise<EquityDetailsView> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForActor(caseId, actor, em);
      return viewOf(await em.findOneOrFail(Person, { where: { id: c.personId } }));
    });
  }

  async put(
    caseId: string,
    actor: AuthenticatedUser,
    dto: EquityDetailsDto,
  ): Promise<EquityDetailsView> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const changes = Object.fromEntries(
        FIELDS.filter((f) => dto[f] !== undefined).map((f) => [f, dto[f] ?? null]),
      );
      if (Object.keys(changes).length > 0) {
        await em.update(Person, { id: c.personId }, changes);
      }
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'update_equity_details',
          entity: 'person',
          entityId: c.personId,
          subjectId: c.personId,
          detail: { fields: Object.keys(changes) },
        },
        em,
      );
      return viewOf(await em.findOneOrFail(Person, { where: { id: c.personId } }));
    });
  }
}

const viewOf = (p: Person): EquityDetailsView => ({
  sex: p.sex,
  ethnicity: p.ethnicity,
  religion: p.religion,
});
