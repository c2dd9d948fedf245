/**
 * The intake's referral statements, written out: they run on every referral, where TypeORM's
 * query building cost more CPU than the database work. Exported so the intake benchmark's raw-SQL
 * baseline runs exactly these statements.
 */

/**
 * The referral with its reference (LW-2026-000123) from `referral_reference_seq`. Parameters: $1
 * year of receipt, $2 channel, $3 organisation, $4 referring user (also who recorded consent),
 * $5 referrer name, $6 referrer contact, $7 person, $8 sealed person details, $9 reasons,
 * $10 sealed summary, $11 urgency, $12 consent date, $13 share with providers, $14 consent given
 * by, $15 possible duplicates (JSON), $16 received at (also its first `updated_at`, so the two
 * agree even when the app's and the database's clocks do not), $17 the service it is routed to.
 */
export const INSERT_REFERRAL = `
  INSERT INTO referral (reference, status, channel, organisation_id, created_by_id, referrer_name,
                        referrer_contact, person_id, person_details_encrypted, reasons,
                        summary_encrypted, urgency, consent_referral_discussed, consent_date,
                        consent_share_with_providers, consent_given_by, consent_recorded_by_id,
                        possible_duplicates, received_at, updated_at, service_id)
  SELECT 'LW-' || $1::text || '-' || lpad(n, greatest(6, length(n)), '0'), 'received', $2, $3, $4,
         $5, $6, $7, $8, $9, $10, $11, true, $12, $13, $14, $4, $15, $16, $16, $17
    FROM (SELECT nextval('referral_reference_seq')::text AS n) seq
  RETURNING id, reference`;

/**
 * `INSERT_REFERRAL` and its idempotency record in one statement, so a retry with the same key
 * gets this answer back. Further parameters: $18 scope, $19 key, $20 request hash, $21 received
 * at as ISO text (as the first answer gave it).
 */
export const INSERT_REFERRAL_WITH_IDEMPOTENCY_KEY = `
  WITH r AS (${INSERT_REFERRAL}),
       k AS (INSERT INTO referral_idempotency_key
               (scope, key, request_hash, response_status, response_body, referral_id)
             SELECT $18, $19, $20, 201,
                    jsonb_build_object('id', r.id, 'reference', r.reference,
                                       'status', 'received', 'receivedAt', $21::text),
                    r.id
               FROM r)
  SELECT id, reference FROM r`;
