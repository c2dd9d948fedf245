import type { INestApplication } from '@nestjs/common';
import { readActivitySummary } from '../../src/reports/activity/activity.summary';
import { REFRESH_REPORT_FACTS_SQL } from '../../src/reports/service-access/service-access.sql';
import { ALL_SERVICES, ScopedTransactions } from '../../src/services/scoped-transactions';

/**
 * The activity summary as the app reads it, before suppression: facts refreshed, the row-level
 * security role, every service.
 */
export const activitySummaryAsApp = (app: INestApplication, from: string, to: string) =>
  app.get(ScopedTransactions).run(ALL_SERVICES, async (em) => {
    await em.query(REFRESH_REPORT_FACTS_SQL);
    return readActivitySummary((sql, parameters) => em.query(sql, parameters), { from, to });
  });
