import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { jobsConfig } from '../config/configuration';

/**
 * With SCHEDULED_JOBS_ENABLED=false, this instance's cron jobs, intervals and timeouts are stopped
 * as it starts: it serves requests only. The jobs' methods stay callable (tests drive them with
 * their own clock, so no job fires at a wall-clock edge in the middle of a test).
 */
@Injectable()
export class ScheduledJobsSwitch implements OnApplicationBootstrap {
  private readonly logger = new Logger('ScheduledJobs');

  constructor(
    @Inject(jobsConfig.KEY) private readonly config: ConfigType<typeof jobsConfig>,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.scheduled) return;
    for (const job of this.scheduler.getCronJobs().values()) void job.stop();
    for (const name of this.scheduler.getIntervals()) this.scheduler.deleteInterval(name);
    for (const name of this.scheduler.getTimeouts()) this.scheduler.deleteTimeout(name);
    this.logger.log('Scheduled jobs are off on this instance (SCHEDULED_JOBS_ENABLED=false)');
  }
}
