import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ALL_SERVICES, ScopedTransactions } from '../services/scoped-transactions';
import { replaceNameTokens } from './person-name-token.entity';
import { PERSON_SEAL, sealIdentity, type PersonSeal } from './person-seal';

interface UnsealedRow {
  person_id: string;
  given_name: string;
  family_name: string | null;
  phone: string | null;
  email: string | null;
  nhs_number: string | null;
}

const BATCH = 500;

/**
 * People recorded before names and contact details were sealed. A migration cannot seal them (it
 * has no key), so migration `PersonSealed` moved their plain details into `person_unsealed`, and
 * the app seals them here at start, before it takes requests, then deletes those rows. With
 * several instances starting together, each takes rows the others have not locked.
 */
@Injectable()
export class PersonSealingService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PersonSealingService.name);

  constructor(
    private readonly scoped: ScopedTransactions,
    @Inject(PERSON_SEAL) private readonly seal: PersonSeal,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.sealWaiting();
    if (sealed) this.logger.log(`Sealed the names and contact details of ${sealed} people`);
  }

  /** Seals every waiting person, a batch per transaction; returns how many. */
  async sealWaiting(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.scoped.run(ALL_SERVICES, async (em) => {
        const rows = await em.query<UnsealedRow[]>(
          // As a SELECT, so the driver answers with the rows (for a DELETE it adds a count).
          `WITH taken AS (
             DELETE FROM person_unsealed
              WHERE person_id IN (SELECT person_id FROM person_unsealed
                                   ORDER BY person_id LIMIT $1 FOR UPDATE SKIP LOCKED)
             RETURNING person_id, given_name, family_name, phone, email, nhs_number)
           SELECT * FROM taken`,
          [BATCH],
        );
        for (const r of rows) {
          const s = sealIdentity(this.seal, {
            givenName: r.given_name,
            familyName: r.family_name,
            phone: r.phone,
            email: r.email,
            nhsNumber: r.nhs_number,
          });
          const [person] = await em.query<{ service_id: string; erased: boolean }[]>(
            `WITH sealed AS (
               UPDATE person SET given_name_encrypted = $2, family_name_encrypted = $3,
                      phone_encrypted = $4, email_encrypted = $5, nhs_number_encrypted = $6,
                      phone_index = $7, nhs_number_index = $8
                WHERE id = $1
                RETURNING service_id, erased_at IS NOT NULL AS erased)
             SELECT * FROM sealed`,
            [
              r.person_id,
              s.givenName,
              s.familyName,
              s.phone,
              s.email,
              s.nhsNumber,
              s.phoneIndex,
              s.nhsNumberIndex,
            ],
          );
          // An erased person keeps no token to be found by.
          await replaceNameTokens(
            em,
            { id: r.person_id, serviceId: person.service_id },
            person.erased ? [] : s.nameTokens,
          );
        }
        return rows.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }
}
