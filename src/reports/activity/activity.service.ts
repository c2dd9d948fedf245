import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { reportsConfig } from '../../config/configuration';
import { ScopedTransactions, type ServiceScope } from '../../services/scoped-transactions';
import { refreshReportFacts } from '../facts/refresh-report-facts';
import { REPORT_SETTINGS_SQL } from '../report-settings';
import { loadLpSolver } from '../statistics/lp-solver';
import {
  publishActivity,
  type ActivityCasesInput,
  type ActivityFigures,
  type ActivityInput,
} from './activity.figures';
import { ACTIVITY_BY_MONTH_SQL, type ActivityMonthRow } from './activity.sql';
import { readActivityCases, readActivitySummary } from './activity.summary';

/** Link workers' activity in a period, suppressed: for the service-access report and team leads. */
@Injectable()
export class ActivityService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {}

  async figures(
    period: { from: string; to: string },
    scope: ServiceScope,
  ): Promise<ActivityFigures> {
    return this.publish(await this.read(period, scope));
  }

  /** The activity's figures before suppression: all of its work in the database. */
  read(period: { from: string; to: string }, scope: ServiceScope): Promise<ActivityInput> {
    return this.readWith(period, scope, (query) => readActivitySummary(query, period));
  }

  /**
   * The same without days to first contact, for the service-access report, whose grand total
   * counts the same referrals' days and so gives them (`withFirstContact`).
   */
  readCases(
    period: { from: string; to: string },
    scope: ServiceScope,
  ): Promise<ActivityCasesInput> {
    return this.readWith(period, scope, (query) => readActivityCases(query, period));
  }

  private async readWith<Summary>(
    period: { from: string; to: string },
    scope: ServiceScope,
    readSummary: (
      query: (sql: string, parameters: unknown[]) => Promise<Record<string, unknown>[]>,
    ) => Promise<Summary>,
  ) {
    // The summary (people contacted, first places and the sessions before them, days to first
    // contact) is read from the report facts, so those must be current.
    await refreshReportFacts((sql) => this.scoped.run(scope, (em) => em.query(sql)));
    const { months, summary } = await this.scoped.run(scope, async (em) => {
      await em.query(REPORT_SETTINGS_SQL);
      const byMonth: ActivityMonthRow[] = await em.query(ACTIVITY_BY_MONTH_SQL, [
        period.from,
        period.to,
      ]);
      return { months: byMonth, summary: await readSummary((sql, p) => em.query(sql, p)) };
    });
    return {
      period,
      threshold: this.config.suppressionThreshold,
      generatedAt: new Date(),
      months: months.map((m) => ({
        month: m.month,
        contacts: Number(m.contacts),
        appointments: Number(m.appointments),
        did_not_attend: Number(m.did_not_attend),
      })),
      summary,
    };
  }

  /** The published figures: suppression and its checks, CPU work in this process. */
  async publish(input: ActivityInput): Promise<ActivityFigures> {
    return publishActivity(input, await loadLpSolver());
  }
}
