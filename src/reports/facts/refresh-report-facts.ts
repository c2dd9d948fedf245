import { REFRESH_BATCH, refreshReportFactsSql } from '../service-access/service-access.sql';

export interface RefreshBatch {
  taken: number;
  refreshed: number;
}

/**
 * Brings the report facts up to date, one batch per transaction: `inTransaction` runs the SQL in a
 * transaction of its own and returns its rows, or undefined when it did not run (another drainer
 * holds the lock). Repeats while a whole batch was taken, so it ends once the queue has been
 * emptied, even while intake keeps adding to it. Returns the referrals refreshed.
 */
export async function refreshReportFacts(
  inTransaction: (sql: string) => Promise<RefreshBatch[] | undefined>,
  batch = REFRESH_BATCH,
): Promise<number> {
  let refreshed = 0;
  for (;;) {
    const rows = await inTransaction(refreshReportFactsSql(batch));
    if (rows === undefined) return refreshed;
    refreshed += Number(rows[0].refreshed);
    if (Number(rows[0].taken) < batch) return refreshed;
  }
}
