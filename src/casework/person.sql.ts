/**
 * The intake's person statements, written out: they run on every referral, where TypeORM's query
 * building cost more CPU than the database work. Exported so the intake benchmark's raw-SQL
 * baseline runs exactly these statements, with the same sealing of names and contact details.
 */
import { duplicateNameTokens, sealIdentity, type PersonSeal } from './person-seal';
import type { PersonDetails } from './person.types';

const INSERT_PERSON = `
  INSERT INTO person (given_name_encrypted, family_name_encrypted, date_of_birth, sex, postcode,
                      phone_encrypted, phone_index, email_encrypted, preferred_contact,
                      preferred_language, interpreter_needed, gp_registered, nhs_number_encrypted,
                      nhs_number_index, access_needs, service_id, interpreter_language,
                      interpreter_dialect, interpreter_gender, interpreter_mode, ethnicity,
                      religion)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $16, $17, $19, $20, $21, $22,
          $23, $24)
  RETURNING id, service_id, date_of_birth, phone_index, nhs_number_index`;

/** The person's name tokens ($15), a row each, in the same statement as the person. */
const INSERT_NAME_TOKENS = `
  INSERT INTO person_name_token (person_id, service_id, token)
  SELECT p.id, p.service_id, t.token FROM p, unnest($15::bytea[]) AS t(token)`;

/**
 * The parameters of `INSERT_PERSON_WITH_DUPLICATES`, in order: the person belongs to the
 * referral's service; names and contact details are sealed, with their blind-index tokens ($15
 * the name's, written to person_name_token); $18 is the duplicate check's name tokens; then the
 * interpreter wishes, ethnic group and religion, plain like the other codes (reports count by them).
 */
export function personValues(
  details: PersonDetails,
  serviceId: string,
  seal: PersonSeal,
): unknown[] {
  const sealed = sealIdentity(seal, details);
  return [
    sealed.givenName,
    sealed.familyName,
    details.dateOfBirth ?? null,
    details.sex ?? null,
    details.postcode ?? null,
    sealed.phone,
    sealed.phoneIndex,
    sealed.email,
    details.preferredContact ?? null,
    details.preferredLanguage ?? null,
    details.interpreterNeeded ?? null,
    details.gpRegistered ?? null,
    sealed.nhsNumber,
    sealed.nhsNumberIndex,
    sealed.nameTokens,
    details.accessNeeds ?? null,
    serviceId,
    duplicateNameTokens(seal, details.givenName, details.familyName),
    details.interpreter?.language ?? null,
    details.interpreter?.dialect?.trim() || null,
    details.interpreter?.gender ?? null,
    details.interpreter?.mode ?? null,
    details.ethnicity ?? null,
    details.religion ?? null,
  ];
}

/**
 * Up to ten earlier people of the same service who may be the person `p`: the same NHS number, the
 * same phone, or the same date of birth and a similar name (the first three letters of the given
 * name, or the whole family name, compared as blind-index tokens: $18). Each of the three is
 * indexed, so PostgreSQL combines them. Another service's people are never matched: that would
 * tell this service who the other one supports.
 */
const DUPLICATES_OF_P = `
  SELECT other.id, other.created_at,
         CASE WHEN other.nhs_number_index = p.nhs_number_index THEN 'same_nhs_number'
              WHEN other.phone_index = p.phone_index THEN 'same_phone'
              ELSE 'same_date_of_birth_similar_name' END AS reason
    FROM person other
   WHERE other.id <> p.id AND other.erased_at IS NULL AND other.service_id = p.service_id
     AND (other.nhs_number_index = p.nhs_number_index
          OR other.phone_index = p.phone_index
          OR (other.date_of_birth = p.date_of_birth
              AND EXISTS (SELECT 1 FROM person_name_token t
                           WHERE t.person_id = other.id AND t.token = ANY($18::bytea[]))))
   ORDER BY other.created_at
   LIMIT 10`;

/**
 * Inserts the person and their name tokens and finds their possible duplicates in one round trip.
 * The statement's snapshot does not include the rows it inserts, so `p` never matches itself.
 */
export const INSERT_PERSON_WITH_DUPLICATES = `
  WITH p AS (${INSERT_PERSON}),
       name_tokens AS (${INSERT_NAME_TOKENS})
  SELECT p.id AS person_id, d.id, d.reason
    FROM p
    LEFT JOIN LATERAL (${DUPLICATES_OF_P}) d ON true
   ORDER BY d.created_at`;

/**
 * A person of the service ($1) with this NHS number token ($2) and date of birth ($3) whom a merge
 * has confirmed (others were merged into them): intake links a new referral to them. The
 * earliest, if ever two.
 */
export const FIND_MERGED_RECORD = `
  SELECT p.id FROM person p
   WHERE p.service_id = $1 AND p.nhs_number_index = $2 AND p.date_of_birth = $3
     AND p.erased_at IS NULL
     AND EXISTS (SELECT 1 FROM person_merge m WHERE m.kept_person_id = p.id)
   ORDER BY p.created_at
   LIMIT 1`;

/**
 * For a referral linked to a merged record ($1): other people of its service with the same NHS
 * number ($2), flagged as before, unless someone has said they are not the same person.
 */
export const OTHERS_WITH_NHS_NUMBER = `
  SELECT other.id, 'same_nhs_number' AS reason
    FROM person kept
    JOIN person other ON other.service_id = kept.service_id AND other.id <> kept.id
   WHERE kept.id = $1 AND other.nhs_number_index = $2 AND other.erased_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM person_duplicate_dismissal d
                      WHERE d.person_id = least(kept.id, other.id)
                        AND d.other_person_id = greatest(kept.id, other.id))
   ORDER BY other.created_at
   LIMIT 10`;
