import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { ConfigType } from '@nestjs/config';
import { reportsConfig } from '../../config/configuration';
import { loadLpSolver } from '../statistics/lp-solver';
import type { Dimension } from './dimensions';
import { refreshReportFacts } from '../facts/refresh-report-facts';
import { FACT_CHUNKS_CURRENT_SQL, rebuildFactChunks } from '../facts/fact-chunks';

/** Reads of the chunks, the last of which rebuilds inside its own transaction. */
const READ_ATTEMPTS = 3;
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

  /** The report's figures before suppression: the facts' and chunks' refresh, and their sums. */
  async read(
    query: { from: string; to: string; dimensions: readonly Dimension[] },
    scope: ServiceScope,
  ): Promise<ServiceAccessInput> {
    // The refresh and the rebuild in short transactions of their own, so that concurrent reports
    // do not queue behind each other's reading.
    const columns = query.dimensions.map((d) => DIMENSION_COLUMN[d]);
    let figures: Awaited<ReturnType<typeof readServiceAccessChunks>> | undefined;
    for (let attempt = 1; figures === undefined; attempt++) {
      await refreshReportFacts((sql) => this.scoped.run(scope, (em) => em.query(sql)));
      await rebuildFactChunks((sql) => this.scoped.run(scope, (em) => em.query(sql)));
      figures = await this.scoped.run(scope, async (em) => {
        // Chunks and fact rows from one moment: if a refresh came between the rebuild and here,
        // go round again; the last time, rebuild in this transaction, holding out refreshes.
        if (attempt < READ_ATTEMPTS) {
          const [{ current }] = (await em.query(FACT_CHUNKS_CURRENT_SQL, [
            query.from,
            query.to,
          ])) as { current: boolean }[];
          if (!current) return undefined;
        } else {
          await rebuildFactChunks((sql) => em.query(sql));
        }
        const client = (await em.queryRunner!.connect()) as PoolClient;
        return readServiceAccessChunks(client, columns, query);
      });
    }
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
