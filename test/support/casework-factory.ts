import { randomUUID } from 'node:crypto';
import { CaseworkService } from '../../src/casework/casework.service';
import type { PersonDetails } from '../../src/casework/person.types';
import { ScopedTransactions, onlyService } from '../../src/services/scoped-transactions';
import { ServicesService } from '../../src/services/services.service';
import type { TestContext, TestUser } from './test-app';

export interface CaseOverrides {
  person?: Partial<PersonDetails>;
  consentToShare?: boolean;
  referralId?: string;
}

/**
 * A person and an open case held by the link worker, made through the real CaseworkService in
 * one transaction, as accepting a referral does.
 */
export async function newCase(
  ctx: TestContext,
  linkWorker: Pick<TestUser, 'id' | 'serviceId'>,
  overrides: CaseOverrides = {},
): Promise<{ caseId: string; personId: string }> {
  const casework = ctx.app.get(CaseworkService);
  const serviceId = linkWorker.serviceId ?? (await ctx.app.get(ServicesService).defaultServiceId());
  return ctx.app.get(ScopedTransactions).run(onlyService(serviceId), async (em) => {
    const { personId } = await casework.registerPerson(
      {
        givenName: 'Amina',
        familyName: 'Yusuf',
        dateOfBirth: '1990-04-02',
        postcode: 'NG7 1AA',
        preferredLanguage: 'so',
        interpreterNeeded: true,
        ...overrides.person,
      },
      serviceId,
      em,
    );
    const caseId = await casework.openCase(
      {
        personId,
        referralId: overrides.referralId ?? randomUUID(),
        linkWorkerId: linkWorker.id,
        consentToShare: overrides.consentToShare ?? true,
        actorId: linkWorker.id,
      },
      em,
    );
    return { caseId, personId };
  });
}
