import type { EntityManager } from 'typeorm';

/**
 * The slot a scheduled run belongs to: the cron tick, rounded to the nearest multiple of the
 * job's period so that instances whose clocks differ by a little (less than half a period)
 * name the same slot.
 */
export function jobSlot(at: Date, periodMs: number): Date {
  return new Date(Math.round(at.getTime() / periodMs) * periodMs);
}

/**
 * Claims one run of a scheduled job, inside the transaction that does the job's work. Every
 * instance triggers each cron tick; only the first to claim (job, slot) does the work. An
 * advisory lock alone stops two runs overlapping but not a second run after the first has
 * finished. The claim commits or rolls back with the work, so a failed run can be retried.
 */
export async function claimJobRun(em: EntityManager, job: string, slot: Date): Promise<boolean> {
  const claimed = (await em.query(
    `INSERT INTO scheduled_job_run (job, slot) VALUES ($1, $2)
       ON CONFLICT (job, slot) DO NOTHING RETURNING job`,
    [job, slot],
  )) as unknown[];
  if (claimed.length === 0) return false;
  // Old claims only need to outlive any instance's clock skew; a month keeps the table tiny.
  await em.query(
    `DELETE FROM scheduled_job_run WHERE job = $1 AND slot < $2::timestamptz - interval '30 days'`,
    [job, slot],
  );
  return true;
}
