import { randomUUID } from 'node:crypto';
import { CaseworkService } from '../../src/casework/casework.service';
import type { PersonDetails } from '../../src/casework/person.types';
import { PERSON_SEAL, personQuery, type PersonSeal } from '../../src/casework/person-seal';
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

const SEALED = ['given_name', 'family_name', 'phone', 'email', 'nhs_number'] as const;

/**
 * A person's row as stored, with its sealed columns (`given_name_encrypted`…) opened under their
 * plain names (`given_name`…), for tests that check what was written. The blind-index columns
 * stay as they are.
 */
export async function storedPerson(
  ctx: TestContext,
  personId: string,
): Promise<Record<string, unknown>> {
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT p.*, ARRAY(SELECT t.token FROM person_name_token t WHERE t.person_id = p.id) AS name_tokens
       FROM person p WHERE p.id = $1`,
    [personId],
  );
  if (!rows[0]) throw new Error(`no person ${personId}`);
  const seal = ctx.app.get<PersonSeal>(PERSON_SEAL);
  const row = { ...rows[0] };
  for (const column of SEALED) {
    row[column] = seal.cipher.decryptNullable(row[`${column}_encrypted`] as string | null);
    delete row[`${column}_encrypted`];
  }
  return row;
}

/** The ids of people whose name has every word of `name` (the caseload search's own tokens). */
export async function personIdsNamed(ctx: TestContext, name: string): Promise<string[]> {
  const seal = ctx.app.get<PersonSeal>(PERSON_SEAL);
  const query = personQuery(seal, name);
  if (query?.kind !== 'name') throw new Error(`not a name: ${name}`);
  const { rows } = await ctx.db.query<{ id: string }>(
    `SELECT p.id FROM person p
      WHERE (SELECT count(*) FROM person_name_token t
              WHERE t.person_id = p.id AND t.token = ANY($1::bytea[])) = $2
      ORDER BY p.created_at`,
    [query.tokens, query.tokens.length],
  );
  return rows.map((r) => r.id);
}
