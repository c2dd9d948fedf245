import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { ConfigType } from '@nestjs/config';
import { reportsConfig } from '../../config/configuration';
import { loadLpSolver } from '../statistics/lp-solver';
import type { Dimension } from './dimensions';
import { refreshReportFacts } from '../facts/refresh-report-facts';
import { rebuildFactChunks } from '../facts/fact-chunks';
import { buildServiceAccessReport, type ServiceAccessInput } from './service-access.report';
import { DIMENSION_COLUMN } from './service-access.sql';
import { readServiceAccessChunks } from './service-access.chunks';
import type { ServiceAccessReport } from './service-access.types';
import { ScopedTransactions, type ServiceScope } from '../../services/scoped-transactions';

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
    return this.publish(await this.read(query, scope));
  }

  /** The report's figures before suppression: all of its work in the database. */
  async read(
    query: { from: string; to: string; dimensions: readonly Dimension[] },
    scope: ServiceScope,
  ): Promise<ServiceAccessInput> {
    // Short transactions of their own: the refresh's lock is held only while it writes, not while
    // the report reads, so concurrent reports do not queue behind each other's aggregation.
    await refreshReportFacts((sql) => this.scoped.run(scope, (em) => em.query(sql)));
    await rebuildFactChunks((sql) => this.scoped.run(scope, (em) => em.query(sql)));
    const columns = query.dimensions.map((d) => DIMENSION_COLUMN[d]);
    const figures = await this.scoped.run(scope, async (em) =>
      readServiceAccessChunks((await em.queryRunner!.connect()) as PoolClient, columns, query),
    );
    return {
      dimensions: query.dimensions,
      period: { from: query.from, to: query.to },
      threshold: this.threshold,
      generatedAt: new Date(),
      ...figures,
    };
  }

  /** The published report: suppression and its checks, CPU work in this process. */
  async publish(figures: ServiceAccessInput): Promise<ServiceAccessReport> {
    return buildServiceAccessReport(figures, await loadLpSolver());
  }
}
