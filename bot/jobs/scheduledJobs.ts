import { Cron } from 'croner';
import { log } from '../../src/log';

export interface ScheduledJob {
  name: string;
  /** Cron pattern (UTC). */
  pattern: string;
  run(): unknown;
}

/**
 * Runs each job once at start (catching up on whatever came due while the app was down) and then
 * on its schedule. Jobs decide what is due from the store, so a restart neither skips nor repeats.
 */
export function startScheduledJobs(jobs: ScheduledJob[]): { stop(): void } {
  const runSafely = (job: ScheduledJob) => {
    try {
      const result = job.run();
      log.info('job.ran', { job: job.name, result: result as Record<string, unknown> });
    } catch (error) {
      log.error('job.failed', { job: job.name, error: error as Error });
    }
  };
  jobs.forEach(runSafely);
  const crons = jobs.map((job) => new Cron(job.pattern, { timezone: 'UTC', protect: true, unref: true }, () => runSafely(job)));
  return {
    stop: () => crons.forEach((cron) => cron.stop()),
  };
}
