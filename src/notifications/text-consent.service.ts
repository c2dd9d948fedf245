import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CaseLookupService } from '../casework/case-lookup.service';
import { CaseworkService } from '../casework/casework.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict, invalid } from '../common/domain-error';
import { ukDate } from '../common/uk-date';
import { ScopedTransactions } from '../services/scoped-transactions';
import { maskAddress, ukMobile } from './addresses';
import { OutboxService } from './outbox.service';
import { TextMessageConsent } from './text-consent.entity';

export interface TextConsentView {
  caseId: string;
  status: 'agreed' | 'withdrawn' | 'not_recorded';
  agreedOn: string | null;
  withdrawnAt: string | null;
  /** The number texts go to, masked; null when the person has no UK mobile number. */
  mobile: string | null;
}

/**
 * A person's consent to text messages, recorded by their link worker with the date they gave it.
 * Withdrawing it cancels every text not yet sent, in the same transaction.
 */
@Injectable()
export class TextConsentService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly casework: CaseworkService,
    private readonly cases: CaseLookupService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** Whether texts may be sent to the person now (caller's transaction). */
  async agreesToTexts(personId: string, em: EntityManager): Promise<boolean> {
    const c = await em.findOne(TextMessageConsent, { where: { personId } });
    return !!c && c.withdrawnAt === null;
  }

  async get(caseId: string, actor: AuthenticatedUser): Promise<TextConsentView> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForActor(caseId, actor, em);
      return this.view(caseId, c.personId, em);
    });
  }

  async agree(
    caseId: string,
    input: { agreedOn: string },
    actor: AuthenticatedUser,
  ): Promise<TextConsentView> {
    const real = new Date(`${input.agreedOn}T00:00:00Z`);
    if (Number.isNaN(real.getTime()) || real.toISOString().slice(0, 10) !== input.agreedOn)
      throw invalid('invalid_date', 'The date they agreed is not a real date', [
        { field: 'agreedOn', message: 'must be a real date' },
      ]);
    if (input.agreedOn > ukDate())
      throw invalid('date_in_future', 'The date they agreed cannot be in the future', [
        { field: 'agreedOn', message: 'must be today or in the past' },
      ]);
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      const person = await this.cases.personForTexts(c.personId, em);
      if (!ukMobile(person?.phone))
        throw invalid(
          'no_mobile_number',
          'The person has no UK mobile number to send texts to: add one to their details first',
          [{ field: 'agreedOn', message: 'needs a UK mobile number on the person’s details' }],
        );
      const existing = await em.findOne(TextMessageConsent, {
        where: { personId: c.personId },
        lock: { mode: 'pessimistic_write' },
      });
      const values = {
        agreedOn: input.agreedOn,
        recordedBy: actor.id,
        withdrawnAt: null,
        withdrawnBy: null,
      };
      if (existing) await em.update(TextMessageConsent, existing.id, values);
      else await em.insert(TextMessageConsent, { personId: c.personId, ...values });
      await this.record(actor, 'text_consent_given', c.personId, em, { agreedOn: input.agreedOn });
      return this.view(caseId, c.personId, em);
    });
  }

  async withdraw(caseId: string, actor: AuthenticatedUser): Promise<TextConsentView> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em, { allowClosed: true });
      const consent = await em.findOne(TextMessageConsent, {
        where: { personId: c.personId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!consent || consent.withdrawnAt)
        throw conflict('no_consent_to_withdraw', 'The person has not agreed to text messages');
      await em.update(TextMessageConsent, consent.id, {
        withdrawnAt: new Date(),
        withdrawnBy: actor.id,
      });
      const cancelled = await this.outbox.cancelTextsTo(
        c.personId,
        'The person withdrew consent to text messages',
        em,
      );
      await this.record(actor, 'text_consent_withdrawn', c.personId, em, { cancelled });
      return this.view(caseId, c.personId, em);
    });
  }

  /** Data protection: the consent record goes with the person (caller's transaction). */
  async eraseFor(personId: string, em: EntityManager): Promise<void> {
    await em.delete(TextMessageConsent, { personId });
  }

  private async view(
    caseId: string,
    personId: string,
    em: EntityManager,
  ): Promise<TextConsentView> {
    const consent = await em.findOne(TextMessageConsent, { where: { personId } });
    const mobile = ukMobile((await this.cases.personForTexts(personId, em))?.phone);
    return {
      caseId,
      status: !consent ? 'not_recorded' : consent.withdrawnAt ? 'withdrawn' : 'agreed',
      agreedOn: consent?.agreedOn ?? null,
      withdrawnAt: consent?.withdrawnAt?.toISOString() ?? null,
      mobile: mobile ? maskAddress(mobile) : null,
    };
  }

  private record(
    actor: AuthenticatedUser,
    action: string,
    personId: string,
    em: EntityManager,
    detail: Record<string, unknown>,
  ) {
    return this.audit.record(
      {
        actorId: actor.id,
        action,
        entity: 'person',
        entityId: personId,
        subjectId: personId,
        detail,
      },
      em,
    );
  }
}
