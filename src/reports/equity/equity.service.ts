import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { reportsConfig } from '../../config/configuration';
import { ScopedTransactions, type ServiceScope } from '../../services/scoped-transactions';
import { POPULATION_KINDS, type PopulationKind } from '../population/census-labels';
import { loadLpSolver } from '../statistics/lp-solver';
import { buildEquityReport, type PopulationFigure, type ReferralCount } from './equity.report';
import { equityReferralsSql, KIND_OF, POPULATION_KINDS_SQL, POPULATION_SQL } from './equity.sql';
import type { EquityDimension, EquityReport } from './equity.types';

/** For `by=area`, the first kind loaded gives each area's residents (all kinds count them all). */
const AREA_KIND_PREFERENCE: readonly PopulationKind[] = [
  'ageBand',
  'sex',
  'ethnicity',
  'countryOfBirth',
];

@Injectable()
export class EquityService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {}

  async report(
    query: { from: string; to: string; by: EquityDimension },
    scope: ServiceScope,
  ): Promise<EquityReport> {
    const solver = await loadLpSolver();
    const { kind, kinds, population, raw } = await this.scoped.run(scope, async (em) => {
      const kinds: { kind: string; sources: string; census_date: string }[] =
        await em.query(POPULATION_KINDS_SQL);
      const loaded = (k: PopulationKind) => kinds.some((row) => row.kind === k);
      const kind =
        query.by === 'area'
          ? (AREA_KIND_PREFERENCE.find(loaded) ?? null)
          : loaded(KIND_OF[query.by])
            ? KIND_OF[query.by]
            : null;
      const population: Record<string, unknown>[] =
        kind === null ? [] : await em.query(POPULATION_SQL, [kind]);
      const raw: Record<string, unknown>[] = await em.query(equityReferralsSql(query.by), [
        query.from,
        query.to,
        kind ?? '',
      ]);
      return { kind, kinds, population, raw };
    });
    const source = kinds.find((k) => k.kind === kind);
    const peopleRow = raw.find((r) => r.part === 'people');
    return buildEquityReport(
      {
        by: query.by,
        period: { from: query.from, to: query.to },
        threshold: this.config.suppressionThreshold,
        generatedAt: new Date(),
        kind: kind && (POPULATION_KINDS as readonly string[]).includes(kind) ? kind : null,
        population: population.map((p): PopulationFigure => ({
          areaCode: String(p.area_code),
          areaName: p.area_name === null ? null : String(p.area_name),
          category: String(p.category),
          ageBand: String(p.age_band),
          count: Number(p.count),
        })),
        referrals: raw
          .filter((r) => r.part === 'count')
          .map((r): ReferralCount => ({
            key: r.key === null ? null : String(r.key),
            ageFloor: r.age_floor === null ? null : Number(r.age_floor),
            referrals: Number(r.referrals),
          })),
        people: {
          people: Number(peopleRow?.people ?? 0),
          sex: Number(peopleRow?.sex ?? 0),
          ethnicity: Number(peopleRow?.ethnicity ?? 0),
          religion: Number(peopleRow?.religion ?? 0),
        },
        sources: source ? source.sources.split(', ') : [],
        censusDate: source?.census_date ?? null,
      },
      solver,
    );
  }
}
