import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { reportsConfig } from '../../config/configuration';
import { loadLpSolver } from '../statistics/lp-solver';
import type { Dimension } from './dimensions';
import { refreshReportFacts } from '../facts/refresh-report-facts';
import { REPORT_SETTINGS_SQL } from '../report-settings';
import { buildServiceAccessReport } from './service-access.report';
import {
  DIMENSION_COLUMN,
  serviceAccessSql,
  type AggregateRow,
  type CompletenessCounts,
} from './service-access.sql';
import type { ServiceAccessReport } from './service-access.types';
import { ScopedTransactions, type ServiceScope } from '../../services/scoped-transactions';

type RawRow = Record<string, unknown> & { completeness: CompletenessCounts };

@Injectable()
export class ServiceAccessService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {}

  get threshold(): number {
    return this.config.suppressionThreshold;
  }

  async report(
    query: { from: string; to: string; dimensions: readonly Dimension[] },
    scope: ServiceScope,
  ): Promise<ServiceAccessReport> {
    const solver = await loadLpSolver();
    // Short transactions of their own: the refresh's lock is held only while it writes, not while
    // the report reads, so concurrent reports do not queue behind each other's aggregation.
    await refreshReportFacts((sql) => this.scoped.run(scope, (em) => em.query(sql)));
    const raw: RawRow[] = await this.scoped.run(scope, async (em) => {
      await em.query(REPORT_SETTINGS_SQL);
      return em.query(serviceAccessSql(query.dimensions), [query.from, query.to]);
    });
    const columns = [...query.dimensions.map((d) => DIMENSION_COLUMN[d]), 'month'];
    const aggregates = raw.map((r) => toAggregate(r, columns));
    return buildServiceAccessReport(
      {
        dimensions: query.dimensions,
        period: { from: query.from, to: query.to },
        threshold: this.threshold,
        generatedAt: new Date(),
        aggregates,
        completeness: raw[0]?.completeness ?? emptyCompleteness(),
      },
      solver,
    );
  }
}

export function toAggregate(
  raw: Record<string, unknown>,
  columns: readonly string[],
): AggregateRow {
  const grouped = columns.filter((c) => Number(raw[`g_${c}`]) === 0);
  const num = (name: string) => (raw[name] === null ? null : Number(raw[name]));
  return {
    grouped,
    key: Object.fromEntries(grouped.map((c) => [c, String(raw[c])])),
    referrals: Number(raw.referrals),
    accepted: Number(raw.accepted),
    placed: Number(raw.placed),
    attended: Number(raw.attended),
    completed: Number(raw.completed),
    median_days_to_first_contact: num('median_days_to_first_contact'),
    n_first_contact: Number(raw.n_first_contact),
    median_days_to_placement: num('median_days_to_placement'),
    n_placement: Number(raw.n_placement),
    swemwbs_mean: num('swemwbs_mean'),
    swemwbs_sd: num('swemwbs_sd'),
    swemwbs_n: Number(raw.swemwbs_n),
  };
}

/** Completeness of a period with no referrals. */
export function emptyCompleteness(): CompletenessCounts {
  return {
    people: 0,
    countryOfBirth: 0,
    nationality: 0,
    yearOfArrival: 0,
    mainLanguage: 0,
    migrantStatus: 0,
    interpreterNeeded: 0,
  };
}
