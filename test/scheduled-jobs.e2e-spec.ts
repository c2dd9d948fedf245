import { SchedulerRegistry } from '@nestjs/schedule';
import { TestContext } from './support/test-app';

/** SCHEDULED_JOBS_ENABLED: an instance that only serves requests runs no job on its clock. */
describe('Scheduled jobs switch', () => {
  const cronState = (ctx: TestContext) =>
    [...ctx.app.get(SchedulerRegistry).getCronJobs()].map(([name, job]) => [name, job.isActive]);

  it('runs every job on its clock by default', async () => {
    const ctx = await TestContext.create({ SCHEDULED_JOBS_ENABLED: 'true' });
    try {
      const jobs = cronState(ctx);
      expect(jobs.map(([name]) => name)).toEqual(
        expect.arrayContaining(['placements-expiry', 'directory-vetting-expiry', 'retention']),
      );
      expect(jobs.every(([, active]) => active)).toBe(true);
      expect(ctx.app.get(SchedulerRegistry).getIntervals()).toContain('report-facts-drain');
    } finally {
      await ctx.close();
    }
  });

  it('stops them all when it is off', async () => {
    const ctx = await TestContext.create({ SCHEDULED_JOBS_ENABLED: 'false' });
    try {
      const jobs = cronState(ctx);
      expect(jobs.length).toBeGreaterThanOrEqual(3);
      expect(jobs.filter(([, active]) => active)).toEqual([]);
      expect(ctx.app.get(SchedulerRegistry).getIntervals()).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('has no report facts drain when REPORT_FACTS_DRAIN_SECONDS is 0', async () => {
    const ctx = await TestContext.create({
      SCHEDULED_JOBS_ENABLED: 'true',
      REPORT_FACTS_DRAIN_SECONDS: '0',
    });
    try {
      expect(ctx.app.get(SchedulerRegistry).getIntervals()).not.toContain('report-facts-drain');
    } finally {
      await ctx.close();
    }
  });
});
