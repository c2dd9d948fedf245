/**
 * The activity summary as it was computed before the report facts kept each case's person,
 * contact days, first place and sessions (migration ReportFactsCaseActivity): from the cases,
 * placements and contacts themselves.
 * Kept as the reference the facts-based statement must agree with; never used by the app.
 */
const LOCAL = `AT TIME ZONE 'Europe/London'`;
const IN_PERIOD = (column: string) =>
  `${column} >= ($1::date)::timestamp ${LOCAL} AND ${column} < ($2::date + 1)::timestamp ${LOCAL}`;

export const REFERENCE_ACTIVITY_SUMMARY_SQL = `
WITH first_place AS (
  SELECT case_id, min(responded_at) AS placed_at
    FROM report_placement
   WHERE responded_at IS NOT NULL AND decline_reason IS NULL
     AND status IN ('accepted', 'paused', 'ended')
     AND responded_at < ($2::date + 1)::timestamp ${LOCAL}
   GROUP BY case_id
  HAVING min(responded_at) >= ($1::date)::timestamp ${LOCAL}
),
placed AS (
  SELECT fp.case_id, count(c.case_id) AS sessions
    FROM first_place fp
    LEFT JOIN report_contact c
      ON c.case_id = fp.case_id AND c.at < fp.placed_at
     AND c.mode IN ('face_to_face','phone','video','home_visit','drop_in')
   GROUP BY fp.case_id
),
first_contact AS (
  SELECT extract(epoch FROM first_contact_at - received_at) / 86400 AS days
    FROM report_referral
   WHERE ${IN_PERIOD('received_at')} AND first_contact_at >= received_at
)
SELECT
  (SELECT count(DISTINCT k.person_id)::int
     FROM report_case k
    WHERE k.id IN (SELECT c.case_id FROM report_contact c WHERE ${IN_PERIOD('c.at')}))
    AS people_contacted,
  (SELECT count(*)::int FROM placed) AS placed_cases,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY sessions) FROM placed) AS median_sessions,
  (SELECT avg(sessions)::float8 FROM placed) AS mean_sessions,
  (SELECT count(*)::int FROM first_contact) AS first_contact_n,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM first_contact)
    AS median_days_to_first_contact`;
