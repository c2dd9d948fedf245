import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Cron, CronExpression } from '@nestjs/schedule';
import { retentionConfig } from '../config/configuration';
import { RetentionService } from './retention.service';

/**
 * Nightly: anonymises people past their retention period (RETENTION_* settings). Safe on several
 * instances: the service runs under an advisory lock, so only one of them works at a time, and a
 * run is idempotent (an erased person is never due again), so another instance's run straight
 * after finds nobody left to anonymise.
 */
@Injectable()
export class RetentionJob {
  private readonly logger = new Logger(RetentionJob.name);

  constructor(
    private readonly retention: RetentionService,
    @Inject(retentionConfig.KEY) private readonly config: ConfigType<typeof retentionConfig>,
  ) {}

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'retention' })
  async nightly(): Promise<void> {
    if (!this.config.jobEnabled) return;
    try {
      const run = await this.retention.apply(null);
      if (run.ran && run.total > 0)
        this.logger.log(
          `Retention anonymised ${run.total}: ${Object.entries(run.counts)
            .map(([kind, n]) => `${n} ${kind}`)
            .join(', ')}`,
        );
    } catch (error) {
      this.logger.error(`Retention failed: ${(error as Error).message}`);
    }
  }
}
