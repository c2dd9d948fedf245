/**
 * Activity figures, in statements of their own (kept apart from the service-access facts so the
 * two can change independently). $1 and $2 are the period's first and last London dates. They
 * read the report_* views (security_invoker), `report_activity_day` and `report_referral_fact`,
 * so row-level security keeps them to the scope.
 */
const LOCAL = `AT TIME ZONE 'Europe/London'`;
const IN_PERIOD = (column: string) =>
  `${column} >= ($1::date)::timestamp ${LOCAL} AND ${column} < ($2::date + 1)::timestamp ${LOCAL}`;

/**
 * Contacts and appointments with a known outcome, by month (YYYY-MM, London), from the counts the
 * writes keep per service per London day (migration ActivityDayCounts): a few hundred rows for a
 * year, where counting the contacts themselves read millions at a million referrals.
 */
export const ACTIVITY_BY_MONTH_SQL = `
SELECT to_char(date_trunc('month', day), 'YYYY-MM') AS month,
       sum(contacts)::int AS contacts,
       sum(appointments)::int AS appointments,
       sum(did_not_attend)::int AS did_not_attend
  FROM report_activity_day
 WHERE day BETWEEN $1::date AND $2::date
 GROUP BY 1
HAVING sum(contacts) > 0 OR sum(appointments) > 0
 ORDER BY 1`;

/** Percent of the period's pages sampled for the window around the middle days to first contact. */
const FIRST_CONTACT_SAMPLE_PERCENT = 1;

/** Contact days a case may have and still be in the case-person index (migration CasePersonContactIndex). */
const INDEXED_CONTACT_DAYS = 500;

/**
 * A case (alias `t`) had a contact in the period when it had more contact days up to the period's
 * end than before its start: width_bucket counts the sorted days up to a date, by binary search.
 */
const contacted = (t: string) =>
  `width_bucket($2::date, ${t}.contact_days) > width_bucket($1::date - 1, ${t}.contact_days)`;
const indexed = (t: string) => `cardinality(${t}.contact_days) <= ${INDEXED_CONTACT_DAYS}`;

/**
 * People contacted in the period (a case is one person's support), and cases whose first group
 * place (a placement a group accepted) came in the period, with the one-to-one sessions they had
 * before it (median and mean), from the report facts (migrations ReportReferralFact and
 * ReportFactsCaseActivity: the caller refreshes them first), each one aggregate.
 *
 * People contacted are the distinct people in the case-person index (an index-only scan in
 * person order), and then the people of cases with more contact days than that index holds whom
 * it did not already count.
 */
const CASES_COLUMNS = `people.contacted AS people_contacted,
       placed.cases AS placed_cases,
       placed.median AS median_sessions,
       placed.mean AS mean_sessions`;
const CASES_FROM = `(SELECT ((SELECT count(*)
                   FROM (SELECT DISTINCT f.case_person_id
                           FROM report_referral_fact f
                          WHERE f.case_person_id IS NOT NULL AND ${indexed('f')}
                            AND ${contacted('f')}) p)
               + (SELECT count(DISTINCT l.case_person_id)
                    FROM report_referral_fact l
                   WHERE l.case_person_id IS NOT NULL AND NOT ${indexed('l')} AND ${contacted('l')}
                     -- A probe of the index per long case, not a join (which would read it all).
                     AND (SELECT count(*) FROM report_referral_fact other
                           WHERE other.case_person_id = l.case_person_id
                             AND ${indexed('other')} AND ${contacted('other')}) = 0))::int AS contacted
       ) people,
       (SELECT count(*)::int AS cases,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY sessions) AS median,
               avg(sessions)::float8 AS mean
          FROM (SELECT case_id, min(sessions_before_place) AS sessions
                  FROM report_referral_fact
                 WHERE ${IN_PERIOD('placed_at')}
                 GROUP BY case_id) c
       ) placed`;

/**
 * The cases' part of the summary alone, for the service-access report: its own total gives the
 * days to first contact, over the same referrals, so reading them again here would be waste.
 */
export const ACTIVITY_CASES_SQL = `SELECT ${CASES_COLUMNS}\n  FROM ${CASES_FROM}`;

/**
 * The whole summary in one statement, and so one snapshot: the cases' part, and days from
 * referral to first contact for referrals received in the period.
 *
 * Days to first contact come as their count, the count below a window of middle values read off
 * a sample, and the values inside it, from which readActivitySummary picks the median rather than
 * one process sorting them all (statistics/window-median.ts). Only when the window misses the
 * middle does the statement take percentile_cont over all of them (`first_contact_whole`).
 */
export function activitySummarySql({ samplePercent = FIRST_CONTACT_SAMPLE_PERCENT } = {}): string {
  const percent = Math.min(100, Math.max(0, samplePercent));
  const bound = (i: 1 | 2) => `(SELECT bounds[${i}] FROM first_contact_window)`;
  const inside = 'coalesce(cardinality(first_contact.in_window), 0)';
  const missed = `first_contact.n > 0 AND NOT (first_contact.below <= (first_contact.n - 1) / 2
                  AND first_contact.n / 2 < first_contact.below + ${inside})`;
  return `
WITH first_contact_window AS MATERIALIZED (
  SELECT percentile_disc(ARRAY[0.4, 0.6]) WITHIN GROUP (ORDER BY days_to_first_contact) AS bounds
    FROM report_referral_fact TABLESAMPLE SYSTEM (${percent}) REPEATABLE (0)
   WHERE local_day BETWEEN $1::date AND $2::date
)
SELECT ${CASES_COLUMNS},
       first_contact.n AS first_contact_n,
       first_contact.below AS first_contact_below,
       first_contact.in_window AS first_contact_window,
       CASE WHEN ${missed} THEN
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_first_contact)
            FROM report_referral_fact
           WHERE local_day BETWEEN $1::date AND $2::date AND days_to_first_contact IS NOT NULL)
       END AS first_contact_whole
  FROM ${CASES_FROM},
       -- The facts' days to first contact are those of referrals contacted after they arrived.
       (SELECT count(*)::int AS n,
               count(*) FILTER (WHERE days_to_first_contact < ${bound(1)})::int AS below,
               array_agg(days_to_first_contact)
                 FILTER (WHERE days_to_first_contact BETWEEN ${bound(1)} AND ${bound(2)}) AS in_window
          FROM report_referral_fact
         WHERE local_day BETWEEN $1::date AND $2::date AND days_to_first_contact IS NOT NULL
       ) first_contact`;
}

export interface ActivityMonthRow {
  month: string;
  contacts: number;
  appointments: number;
  did_not_attend: number;
}

/** The cases' part of the summary, before suppression. */
export interface ActivityCasesRow {
  people_contacted: number;
  placed_cases: number;
  median_sessions: number | null;
  mean_sessions: number | null;
}

/** Referrals received in the period with a first contact, and the median days to it. */
export interface FirstContactFigures {
  first_contact_n: number;
  median_days_to_first_contact: number | null;
}

/** The summary's figures, before suppression. */
export type ActivitySummaryRow = ActivityCasesRow & FirstContactFigures;
