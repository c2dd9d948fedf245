import { byCodePoint } from '../../common/code-point-order';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { VETTING_CHECKS_BY_LEVEL } from '../../common/vocabulary';
import { reportsConfig } from '../../config/configuration';
import { loadLpSolver, type LpSolver } from '../statistics/lp-solver';
import type { ProtectionOptions } from '../statistics/protected-suppression';
import { protectTables, type LinearTie, type TableKey } from '../statistics/protected-tables';
import { ScopedTransactions, type ServiceScope } from '../../services/scoped-transactions';

export const UNMET_MEASURES = [
  'needs',
  'unmet',
  'noGroupForNeed',
  'noGroupInLanguage',
  'noGroupAtLevel',
] as const;
export type UnmetMeasure = (typeof UNMET_MEASURES)[number];

export const UNMET_TABLES = ['domain', 'language', 'area'] as const;
export type UnmetTable = (typeof UNMET_TABLES)[number];

export interface UnmetRow {
  readonly key: TableKey;
  readonly counts: Readonly<Record<UnmetMeasure, number | null>>;
}

export interface UnmetNeedReport {
  readonly report: 'unmet-need';
  readonly period: { readonly from: string; readonly to: string };
  readonly threshold: number;
  readonly generatedAt: string;
  readonly byDomain: readonly UnmetRow[];
  readonly byLanguage: readonly UnmetRow[];
  readonly byArea: readonly UnmetRow[];
  readonly totals: Readonly<Record<UnmetMeasure, number | null>>;
  readonly suppressed: readonly {
    table: string;
    row: TableKey | 'totals';
    measure: UnmetMeasure;
  }[];
  readonly notes: readonly string[];
}

const LOCAL = `AT TIME ZONE 'Europe/London'`;
const list = (checks: readonly string[]) => checks.map((c) => `'${c}'`).join(', ');

/**
 * Each need (severity 1 or more) in each case's latest assessment made in the period, checked
 * against what the directory can offer today: an approved group (current vetting, not suspended,
 * removed or paused) serving that need, in the person's language (or with interpreters, or for
 * English speakers any group), at the safeguarding level the case requires. Coverage is
 * computed once per (need, language) from the few hundred groups and hash-joined to the needs,
 * so the cost is one pass over the assessments, not a search per need.
 */
export const UNMET_NEED_SQL = `
WITH group_level AS (
  SELECT g.id, g.needs_served, g.languages, g.interpreters,
         CASE
           WHEN count(DISTINCT v."check") FILTER (WHERE v."check" IN (${list(VETTING_CHECKS_BY_LEVEL[1])})) < 4 THEN 0
           WHEN count(DISTINCT v."check") FILTER (WHERE v."check" IN (${list(VETTING_CHECKS_BY_LEVEL[2])})) < 4 THEN 1
           WHEN count(DISTINCT v."check") FILTER (WHERE v."check" IN (${list(VETTING_CHECKS_BY_LEVEL[3])})) < 4 THEN 2
           ELSE 3
         END AS level
    FROM report_group g
    LEFT JOIN report_group_capacity gc ON gc.group_id = g.id
    LEFT JOIN report_group_vetting_check v
      ON v.group_id = g.id AND v.verified_at <= now() AND v.expires_at > now()
   WHERE g.removed_at IS NULL AND g.suspended_at IS NULL AND NOT COALESCE(gc.intake_paused, false)
   GROUP BY g.id, g.needs_served, g.languages, g.interpreters
),
offerable AS (SELECT * FROM group_level WHERE level >= 1),
need_cover AS (
  SELECT domain, max(level) AS level FROM offerable, unnest(needs_served) AS domain GROUP BY domain
),
language_cover AS (
  SELECT domain, language, max(level) AS level
    FROM offerable, unnest(needs_served) AS domain, unnest(languages) AS language
   GROUP BY domain, language
),
interpreter_cover AS (
  SELECT domain, max(level) AS level
    FROM offerable, unnest(needs_served) AS domain WHERE interpreters GROUP BY domain
),
latest AS (
  SELECT DISTINCT ON (a.case_id) a.id, a.case_id
    FROM report_needs_assessment a
   WHERE a.assessed_at >= ($1::date)::timestamp ${LOCAL}
     AND a.assessed_at < ($2::date + 1)::timestamp ${LOCAL}
   ORDER BY a.case_id, a.assessed_at DESC
),
-- What the reports know of each case's person, from the referral that opened the case (live, or
-- frozen when the person was erased); hash-joined, not looked up case by case.
case_person AS (
  SELECT latest.case_id, c.required_level, f.main_language,
         COALESCE(f.local_authority_name, f.local_authority_code, 'unknown')::text AS area
    FROM latest
    JOIN report_case c ON c.id = latest.case_id
    LEFT JOIN (
      SELECT DISTINCT ON (case_id) case_id, main_language, local_authority_name, local_authority_code
        FROM report_referral_facts WHERE case_id IN (SELECT case_id FROM latest)
       ORDER BY case_id, received_at DESC
    ) f ON f.case_id = latest.case_id
),
needs AS (
  SELECT latest.case_id,
         nr.domain::text AS domain,
         COALESCE(cp.main_language, 'not_recorded')::text AS language,
         cp.area,
         cp.required_level,
         nc.level AS need_level,
         CASE WHEN COALESCE(cp.main_language, 'en') = 'en' THEN nc.level
              ELSE GREATEST(lc.level, ic.level) END AS language_level
    FROM latest
    JOIN report_need_rating nr ON nr.assessment_id = latest.id AND nr.severity >= 1
    JOIN case_person cp ON cp.case_id = latest.case_id
    LEFT JOIN need_cover nc ON nc.domain = nr.domain
    LEFT JOIN language_cover lc ON lc.domain = nr.domain AND lc.language = cp.main_language
    LEFT JOIN interpreter_cover ic ON ic.domain = nr.domain
),
classified AS (
  SELECT case_id, domain, language, area,
         CASE WHEN need_level IS NULL THEN 'need'
              WHEN language_level IS NULL THEN 'language'
              WHEN language_level < required_level THEN 'level' END AS gap
    FROM needs
)
SELECT GROUPING(domain) AS g_domain, GROUPING(language) AS g_language, GROUPING(area) AS g_area,
       domain, language, area,
       count(*)::int AS needs,
       count(gap)::int AS unmet,
       count(*) FILTER (WHERE gap = 'need')::int AS "noGroupForNeed",
       count(*) FILTER (WHERE gap = 'language')::int AS "noGroupInLanguage",
       count(*) FILTER (WHERE gap = 'level')::int AS "noGroupAtLevel",
       count(DISTINCT case_id)::int AS people_needs,
       count(DISTINCT case_id) FILTER (WHERE gap IS NOT NULL)::int AS people_unmet,
       count(DISTINCT case_id) FILTER (WHERE gap = 'need')::int AS "people_noGroupForNeed",
       count(DISTINCT case_id) FILTER (WHERE gap = 'language')::int AS "people_noGroupInLanguage",
       count(DISTINCT case_id) FILTER (WHERE gap = 'level')::int AS "people_noGroupAtLevel"
  FROM classified
 GROUP BY GROUPING SETS ((domain), (language), (area), ())`;

/** Each measure counts needs; `people_<measure>` counts the people (cases) they belong to. */
type RawRow = Record<UnmetMeasure, number> &
  Record<`people_${UnmetMeasure}`, number> & {
    g_domain: number;
    g_language: number;
    g_area: number;
    domain: string | null;
    language: string | null;
    area: string | null;
  };

@Injectable()
export class UnmetNeedService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {}

  async report(
    period: { from: string; to: string },
    scope: ServiceScope,
  ): Promise<UnmetNeedReport> {
    const solver = await loadLpSolver();
    const raw: RawRow[] = await this.scoped.run(scope, (em) =>
      em.query(UNMET_NEED_SQL, [period.from, period.to]),
    );
    return buildUnmetNeed(raw, period, this.config.suppressionThreshold, new Date(), solver);
  }
}

/**
 * The published report: the three tables and the totals protected together by protection
 * intervals with an audit (`protectTables`): each table adds up to the totals, the reasons add up
 * to unmet, and unmet is at most the needs.
 */
export function buildUnmetNeed(
  raw: readonly RawRow[],
  period: { from: string; to: string },
  threshold: number,
  now: Date,
  solver: LpSolver,
  options: ProtectionOptions = {},
): UnmetNeedReport {
  const counts = (r: RawRow) =>
    Object.fromEntries(UNMET_MEASURES.map((m) => [m, Number(r[m])])) as Record<
      UnmetMeasure,
      number
    >;
  // A person counts once per need, so a cell of many needs can still be one person's.
  const fewPeople = (r: RawRow) =>
    Object.fromEntries(
      UNMET_MEASURES.map((m) => {
        const people = Number(r[`people_${m}`]);
        return [m, people >= 1 && people < threshold];
      }),
    ) as Partial<Record<UnmetMeasure, boolean>>;
  // Values in code-point order (the same on every machine, so the suppression is too), with
  // "not recorded" and "unknown" last.
  const missing = (v: string) => (v === 'not_recorded' || v === 'unknown' ? 1 : 0);
  const byValue = (a: string, b: string) => missing(a) - missing(b) || byCodePoint(a, b);
  const table = (name: UnmetTable) =>
    raw
      .filter((r) => Number(r[`g_${name}`]) === 0)
      .map((r) => ({
        key: { [name]: String(r[name]) },
        counts: counts(r),
        alsoHidden: fewPeople(r),
        ties: name === 'domain' ? noGroupTie(counts(r)) : [],
      }))
      .sort((a, b) => byValue(a.key[name], b.key[name]));
  const totalRow = raw.find(
    (r) => Number(r.g_domain) + Number(r.g_language) + Number(r.g_area) === 3,
  );
  const totals = totalRow
    ? counts(totalRow)
    : (Object.fromEntries(UNMET_MEASURES.map((m) => [m, 0])) as Record<UnmetMeasure, number>);
  const protection = protectTables(
    UNMET_TABLES.map((name) => ({ name, additive: true, rows: table(name) })),
    UNMET_MEASURES,
    totals,
    threshold,
    solver,
    [{ parts: ['noGroupForNeed', 'noGroupInLanguage', 'noGroupAtLevel'], whole: 'unmet' }],
    totalRow ? fewPeople(totalRow) : undefined,
    [{ part: 'unmet', whole: 'needs' }],
    options,
  );
  // A count the method could not protect is never published: then nothing is.
  const nothing = protection.gaveUp || protection.unprotected.length > 0;
  const result = nothing ? everythingSuppressed(protection) : protection;
  const [byDomain, byLanguage, byArea] = result.tables.map((t) => t.rows);
  return {
    report: 'unmet-need',
    period,
    threshold,
    generatedAt: now.toISOString(),
    byDomain,
    byLanguage,
    byArea,
    totals: result.totals,
    suppressed: result.suppressed,
    notes: [
      `Needs: each need rated 1 (low) or more in the latest holistic needs assessment of each case assessed from ${period.from} to ${period.to} inclusive. A person with several needs counts once per need, so a count is also suppressed when its needs belong to 1 to ${threshold - 1} people, however many needs that is.`,
      'Unmet: no group Linkway can offer today matches. Groups that can be offered are approved (current vetting), not suspended or removed, and not pausing intake; full groups with a waitlist still count as offerable.',
      "Why: no offerable group serves the need; or none in the person's main language (or preferred language) and none with interpreters — English speakers match any group; or none of those is vetted to the safeguarding level the person's circumstances require. The first reason that applies is counted.",
      'Area is the local authority of the person\'s postcode (ONS Postcode Directory); "unknown" where there is no postcode or it is not in the lookup. For a person whose record was erased or anonymised, it is the area kept when that was done.',
      `Disclosure control: protection intervals with an audit (as tau-Argus does). Counts from 1 to ${threshold - 1} are suppressed ([c]); further counts are suppressed, choosing those whose loss costs least, until every suppressed count could, given the totals, the other tables, the reasons and which needs no group serves at all (the directory shows it), be any of at least ${threshold + 1} whole numbers — a linear programme checks each one. Zero is shown as 0, except that the zeros making up a suppressed total may be suppressed with it.`,
      'Caveat: the match uses the directory as it stands now, not as it stood when the need was assessed.',
      ...(nothing
        ? [
            'Every count is suppressed: the tables are too sparse to protect within the work the disclosure check may do. Choose a longer period.',
          ]
        : []),
    ],
  };
}

/**
 * Whether a group serves a domain does not depend on the need (UNMET_NEED_SQL's need_cover is by
 * domain alone), so in a domain no offerable group serves, every need is unmet for that reason,
 * and in any other none is. A reader of the directory knows which domains those are.
 */
function noGroupTie(counts: Record<UnmetMeasure, number>): LinearTie<UnmetMeasure>[] {
  if (counts.noGroupForNeed === 0) return [{ terms: [['noGroupForNeed', 1]], atMost: 0 }];
  if (counts.noGroupForNeed === counts.needs) {
    return [
      {
        terms: [
          ['needs', 1],
          ['noGroupForNeed', -1],
        ],
        atMost: 0,
      },
    ];
  }
  return [];
}

/** The same tables with every count suppressed (always safe). */
function everythingSuppressed<T extends ReturnType<typeof protectTables<UnmetMeasure>>>(
  result: T,
): Pick<T, 'tables' | 'totals' | 'suppressed'> {
  const none = () =>
    Object.fromEntries(UNMET_MEASURES.map((m) => [m, null])) as Record<UnmetMeasure, null>;
  return {
    tables: result.tables.map((t) => ({
      name: t.name,
      rows: t.rows.map((r) => ({ key: r.key, counts: none() })),
    })),
    totals: none(),
    suppressed: [
      ...result.tables.flatMap((t) =>
        t.rows.flatMap((r) =>
          UNMET_MEASURES.map((measure) => ({ table: t.name, row: r.key, measure })),
        ),
      ),
      ...UNMET_MEASURES.map((measure) => ({ table: 'totals', row: 'totals' as const, measure })),
    ],
  };
}
