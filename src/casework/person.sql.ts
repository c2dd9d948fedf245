/**
 * The intake's person statements, written out: they run on every referral, where TypeORM's query
 * building cost more CPU than the database work. Exported so the intake benchmark's raw-SQL
 * baseline runs exactly these statements.
 */
import type { PersonDetails } from './person.types';

const digitsOf = (phone: string | null | undefined) => {
  const d = (phone ?? '').replace(/\D/g, '');
  return d.length >= 7 ? d.replace(/^44/, '0') : null;
};

const INSERT_PERSON = `
  INSERT INTO person (given_name, family_name, date_of_birth, sex, postcode, phone, phone_digits,
                      email, preferred_contact, preferred_language, interpreter_needed,
                      gp_registered, nhs_number, access_needs, service_id,
                      interpreter_language, interpreter_dialect, interpreter_gender,
                      interpreter_mode, ethnicity, religion)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
          $20, $21)
  RETURNING id, service_id, given_name, family_name, date_of_birth, phone_digits, nhs_number`;

/** The parameters of `INSERT_PERSON`, in order: the person belongs to the referral's service. */
export const personValues = (details: PersonDetails, serviceId: string): unknown[] => [
  details.givenName.trim(),
  details.familyName?.trim() || null,
  details.dateOfBirth ?? null,
  details.sex ?? null,
  details.postcode ?? null,
  details.phone ?? null,
  digitsOf(details.phone),
  details.email ?? null,
  details.preferredContact ?? null,
  details.preferredLanguage ?? null,
  details.interpreterNeeded ?? null,
  details.gpRegistered ?? null,
  details.nhsNumber ? details.nhsNumber.replace(/\s/g, '') : null,
  details.accessNeeds ?? null,
  serviceId,
  details.interpreter?.language ?? null,
  details.interpreter?.dialect?.trim() || null,
  details.interpreter?.gender ?? null,
  details.interpreter?.mode ?? null,
  details.ethnicity ?? null,
  details.religion ?? null,
];

/**
 * Up to ten earlier people of the same service who may be the person `p`: the same NHS number, the
 * same phone, or the same date of birth and a similar name. Each of the three is indexed, so
 * PostgreSQL combines them. Another service's people are never matched: that would tell this
 * service who the other one supports.
 */
const DUPLICATES_OF_P = `
  SELECT other.id, other.created_at,
         CASE WHEN other.nhs_number = p.nhs_number THEN 'same_nhs_number'
              WHEN other.phone_digits = p.phone_digits THEN 'same_phone'
              ELSE 'same_date_of_birth_similar_name' END AS reason
    FROM person other
   WHERE other.id <> p.id AND other.erased_at IS NULL AND other.service_id = p.service_id
     AND (other.nhs_number = p.nhs_number
          OR other.phone_digits = p.phone_digits
          OR (other.date_of_birth = p.date_of_birth
              AND (lower(left(other.given_name, 3)) = lower(left(p.given_name, 3))
                   OR (p.family_name IS NOT NULL AND lower(other.family_name) = lower(p.family_name)))))
   ORDER BY other.created_at
   LIMIT 10`;

/**
 * Inserts the person and finds their possible duplicates in one round trip. The statement's
 * snapshot does not include the row it inserts, so `p` never matches itself.
 */
export const INSERT_PERSON_WITH_DUPLICATES = `
  WITH p AS (${INSERT_PERSON})
  SELECT p.id AS person_id, d.id, d.reason
    FROM p
    LEFT JOIN LATERAL (${DUPLICATES_OF_P}) d ON true
   ORDER BY d.created_at`;
