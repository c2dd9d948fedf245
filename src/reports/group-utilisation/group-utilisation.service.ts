import { byCodePoint } from '../../common/code-point-order';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PLACEMENT_DECLINE_REASONS } from '../../common/vocabulary';
import { reportsConfig } from '../../config/configuration';
import { loadLpSolver, type LpSolver } from '../statistics/lp-solver';
import type { ProtectionOptions } from '../statistics/protected-suppression';
import { protectTables, type TableKey } from '../statistics/protected-tables';
import { ScopedTransactions, type ServiceScope } from '../../services/scoped-transactions';

export const DECLINE_MEASURES = PLACEMENT_DECLINE_REASONS.map((r) => `declined_${r}` as const);
export const UTILISATION_MEASURES = [
  'reserved',
  'waitlisted',
  'offered',
  'accepted',
  'declined',
  ...DECLINE_MEASURES,
] as const;
export type UtilisationMeasure = (typeof UTILISATION_MEASURES)[number];
/** The measures protected together: the counts, and the places that bound reserved. */
type ProtectedMeasure = UtilisationMeasure | 'places';

export interface UtilisationRow {
  readonly key: TableKey;
  /**
   * Places the group offers: capacity, not people, so never suppressed for being small, but
   * suppressed (null) where it would bound a suppressed reserved count (reserved ≤ places).
   */
  readonly places: number | null;
  readonly counts: Readonly<Record<UtilisationMeasure, number | null>>;
  /** reserved ÷ places; null when either is suppressed or there are no places. */
  readonly utilisation: number | null;
}

export interface GroupUtilisationReport {
  readonly report: 'group-utilisation';
  readonly period: { readonly from: string; readonly to: string };
  readonly threshold: number;
  readonly generatedAt: string;
  readonly groups: readonly UtilisationRow[];
  readonly activityTypes: readonly UtilisationRow[];
  readonly totals: UtilisationRow;
  readonly suppressed: readonly {
    table: string;
    row: TableKey | 'totals';
    measure: UtilisationMeasure | 'places';
  }[];
  readonly notes: readonly string[];
}

const LOCAL = `AT TIME ZONE 'Europe/London'`;

/**
 * Capacity now (places, reserved, waitlist) and the offers made in the period with what the
 * groups answered, per group, in one statement: placements are aggregated per group once.
 */
const SQL = `
WITH offers AS (
  SELECT group_id,
         count(*) FILTER (WHERE status <> 'waitlisted' OR offered_at IS NOT NULL)::int AS offered,
         count(*) FILTER (WHERE responded_at IS NOT NULL AND decline_reason IS NULL
                            AND status IN ('accepted', 'paused', 'ended'))::int AS accepted,
         count(*) FILTER (WHERE status = 'declined')::int AS declined,
         ${PLACEMENT_DECLINE_REASONS.map(
           (r) =>
             `count(*) FILTER (WHERE status = 'declined' AND decline_reason = '${r}')::int AS declined_${r}`,
         ).join(',\n         ')}
    FROM report_placement
   WHERE created_at >= ($1::date)::timestamp ${LOCAL}
     AND created_at < ($2::date + 1)::timestamp ${LOCAL}
   GROUP BY group_id
)
SELECT g.id, g.name, g.activity_types,
       COALESCE(c.places, 0)::int AS places,
       COALESCE(c.reserved, 0)::int AS reserved,
       COALESCE(c.waitlist_length, 0)::int AS waitlisted,
       COALESCE(o.offered, 0) AS offered, COALESCE(o.accepted, 0) AS accepted,
       COALESCE(o.declined, 0) AS declined,
       ${DECLINE_MEASURES.map((m) => `COALESCE(o.${m}, 0) AS ${m}`).join(', ')}
  FROM report_group g
  LEFT JOIN report_group_capacity c ON c.group_id = g.id
  LEFT JOIN offers o ON o.group_id = g.id
 WHERE g.removed_at IS NULL
 ORDER BY g.id`;

type RawGroup = Record<UtilisationMeasure, number> & {
  id: string;
  name: string;
  activity_types: string[];
  places: number;
};

@Injectable()
export class GroupUtilisationService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {}

  async report(
    period: { from: string; to: string },
    scope: ServiceScope,
  ): Promise<GroupUtilisationReport> {
    const solver = await loadLpSolver();
    const raw: RawGroup[] = await this.scoped.run(scope, (em) =>
      em.query(SQL, [period.from, period.to]),
    );
    return buildGroupUtilisation(raw, period, this.config.suppressionThreshold, new Date(), solver);
  }
}

/**
 * The published report: groups, activity types (each the sum of its groups) and totals,
 * protected together by protection intervals with an audit (`protectTables`): the groups add up
 * to the totals, the decline reasons to the declines, and accepted and declined offers together
 * are at most the offers made.
 */
export function buildGroupUtilisation(
  raw: readonly RawGroup[],
  period: { from: string; to: string },
  threshold: number,
  now: Date,
  solver: LpSolver,
  options: ProtectionOptions = {},
): GroupUtilisationReport {
  // Protected and shown by name, then id, in code-point order: not in the database's collation
  // or the machine's locale, so the suppression is the same anywhere; and not by id alone, which
  // is random, so the same groups under the same names are suppressed alike in every database.
  const groups = [...raw].sort((a, b) => byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id));
  const zero = () =>
    Object.fromEntries(UTILISATION_MEASURES.map((m) => [m, 0])) as Record<
      UtilisationMeasure,
      number
    >;
  const add = (into: Record<UtilisationMeasure, number>, g: RawGroup) => {
    for (const m of UTILISATION_MEASURES) into[m] += Number(g[m]);
  };
  const totals = zero();
  const byType = new Map<
    string,
    { places: number; counts: Record<UtilisationMeasure, number>; groups: number[] }
  >();
  let places = 0;
  groups.forEach((g, index) => {
    add(totals, g);
    places += g.places;
    for (const type of g.activity_types) {
      const entry = byType.get(type) ?? { places: 0, counts: zero(), groups: [] };
      entry.places += g.places;
      add(entry.counts, g);
      entry.groups.push(index);
      byType.set(type, entry);
    }
  });
  const types = [...byType.entries()].sort(([a], [b]) => byCodePoint(a, b));
  const protection = protectTables<ProtectedMeasure>(
    [
      {
        name: 'groups',
        additive: true,
        rows: groups.map((g) => ({
          key: { groupId: g.id, group: g.name },
          counts: {
            ...(Object.fromEntries(UTILISATION_MEASURES.map((m) => [m, Number(g[m])])) as Record<
              UtilisationMeasure,
              number
            >),
            places: Number(g.places),
          },
        })),
      },
      {
        name: 'activityTypes',
        additive: false,
        rows: types.map(([type, e]) => ({
          key: { activityType: type },
          counts: { ...e.counts, places: e.places },
        })),
        // A type's figures are its groups' added up: a hidden group must not show through it.
        sumOf: { table: 'groups', rows: types.map(([, e]) => e.groups) },
      },
    ],
    [...UTILISATION_MEASURES, 'places'],
    { ...totals, places },
    threshold,
    solver,
    [{ parts: DECLINE_MEASURES, whole: 'declined' }],
    undefined,
    [
      { part: ['accepted', 'declined'], whole: 'offered' },
      // A place is reserved only while the group has it (a constraint of the database).
      { part: 'reserved', whole: 'places' },
    ],
    { ...options, notPeople: ['places'] },
  );
  // A count the method could not protect is never published: then no count is.
  const nothing = protection.gaveUp || protection.unprotected.length > 0;
  const none = () =>
    Object.fromEntries([...UTILISATION_MEASURES, 'places'].map((m) => [m, null])) as Record<
      ProtectedMeasure,
      number | null
    >;
  const result = nothing
    ? {
        tables: protection.tables.map((t) => ({
          rows: t.rows.map((r) => ({ key: r.key, counts: none() })),
        })),
        totals: none(),
        suppressed: [
          ...protection.tables.flatMap((t) =>
            t.rows.flatMap((r) =>
              UTILISATION_MEASURES.map((measure) => ({
                table: t.name,
                row: r.key,
                measure: measure as ProtectedMeasure,
              })),
            ),
          ),
          ...UTILISATION_MEASURES.map((measure) => ({
            table: 'totals',
            row: 'totals' as const,
            measure: measure as ProtectedMeasure,
          })),
        ],
      }
    : protection;
  const row = (
    key: TableKey,
    published: Record<ProtectedMeasure, number | null>,
  ): UtilisationRow => {
    const { places: rowPlaces, ...counts } = published;
    return {
      key,
      places: rowPlaces,
      counts,
      utilisation:
        counts.reserved === null || rowPlaces === null || rowPlaces === 0
          ? null
          : Math.round((counts.reserved / rowPlaces) * 1000) / 1000,
    };
  };
  return {
    report: 'group-utilisation',
    period,
    threshold,
    generatedAt: now.toISOString(),
    groups: result.tables[0].rows.map((r) => row(r.key, r.counts)),
    activityTypes: result.tables[1].rows.map((r) => row(r.key, r.counts)),
    totals: row({}, result.totals),
    suppressed: result.suppressed,
    notes: [
      `Places, reserved and waitlisted are as they stand now; offered, accepted and declined count the offers made from ${period.from} to ${period.to} inclusive and what the group has answered so far.`,
      'Reserved: places held by placements that are offered, accepted or paused. Utilisation is reserved ÷ places.',
      'Declines are by the reason the group gave (no capacity, not suitable for the group, not a suitable time, language barrier, safeguarding concern, person declined, other).',
      `Disclosure control: protection intervals with an audit (as tau-Argus does). Counts from 1 to ${threshold - 1} are suppressed ([c]); further counts are suppressed, choosing those whose loss costs least, until every suppressed count could, given the totals, the decline reasons and each activity type's groups, be any of at least ${threshold + 1} whole numbers — a linear programme checks each one. Zero is shown as 0, except that the zeros making up a suppressed total may be suppressed with it. Places are capacity, not people, so they are never suppressed for being small; but a group's places are suppressed where they would bound its suppressed reserved places (reserved can never exceed places).`,
      'A group with several activity types counts under each, so activity types add up to more than the total. Removed groups are left out.',
      ...(nothing
        ? [
            'Every count is suppressed: the tables are too sparse to protect within the work the disclosure check may do.',
          ]
        : []),
    ],
  };
}
