import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { reportsConfig } from '../../config/configuration';
import { ALL_SERVICES, ScopedTransactions } from '../../services/scoped-transactions';
import { rebuildFactChunks } from './fact-chunks';
import { refreshReportFacts, type RefreshBatch } from './refresh-report-facts';

export interface DrainRun {
  /** False when another drain (an instance's job, or a report's refresh) held the lock. */
  ran: boolean;
  /** Referrals whose fact rows were rewritten. */
  refreshed: number;
}

const JOB = 'report-facts-drain';

/**
 * The key `linkway_refresh_report_facts()` locks (migration ReportReferralFact). Advisory locks
 * are re-entrant within a session, so the refresh takes it again at once after the try below.
 */
const TRY_REFRESH_LOCK_SQL =
  "SELECT pg_try_advisory_xact_lock(hashtext('report_referral_fact')) AS locked";

/**
 * Every REPORT_FACTS_DRAIN_SECONDS: rewrites the report facts of referrals changed since the last
 * refresh, and rebuilds their chunks, so that after a bulk change (retention, an import) the next
 * report does not pay for it. Safe on several instances: a drain already running anywhere holds the refresh's lock, and
 * this one then skips at once rather than waiting for it; a drain straight after another finds
 * the queue empty, so no row is written twice.
 */
@Injectable()
export class ReportFactsDrainJob implements OnModuleInit {
  private readonly logger = new Logger(ReportFactsDrainJob.name);
  private running = false;

  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly scheduler: SchedulerRegistry,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {}

  /** Registered here (its period is a setting), so SCHEDULED_JOBS_ENABLED=false stops it. */
  onModuleInit(): void {
    if (this.config.factsDrainMs === 0) return;
    const timer = setInterval(() => void this.onTick(), this.config.factsDrainMs);
    timer.unref();
    this.scheduler.addInterval(JOB, timer);
  }

  private async onTick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const run = await this.drain();
      if (run.refreshed > 0) this.logger.log(`Report facts: ${run.refreshed} referrals refreshed`);
    } catch (error) {
      this.logger.error(`Report facts drain failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /**
   * One drain of the queue, a batch per transaction, or none if another is under way (and it
   * stops between batches if another drainer takes the lock).
   */
  async drain(batch?: number): Promise<DrainRun> {
    let ran = false;
    const refreshed = await refreshReportFacts(
      (sql) =>
        this.scoped.run(ALL_SERVICES, async (em) => {
          const [{ locked }] = (await em.query(TRY_REFRESH_LOCK_SQL)) as { locked: boolean }[];
          if (!locked) return undefined;
          ran = true;
          return (await em.query(sql)) as RefreshBatch[];
        }),
      batch,
    );
    // The service-access report's chunks of the rows just rewritten, so it finds them current.
    if (ran) await rebuildFactChunks((sql) => this.scoped.run(ALL_SERVICES, (em) => em.query(sql)));
    return { ran, refreshed };
  }
}
