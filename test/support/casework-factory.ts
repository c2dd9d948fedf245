import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseworkService } from '../../src/casework/casework.service';
import type { PersonDetails } from '../../src/casework/person.types';
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
  linkWorker: Pick<TestUser, 'id'>,
  overrides: CaseOverrides = {},
): Promise<{ caseId: string; personId: string }> {
  const casework = ctx.app.get(CaseworkService);
  return ctx.app.get(DataSource).transaction(async (em) => {
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
