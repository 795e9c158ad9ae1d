import { Cron } from 'croner';
import { log } from '../src/log';
import type { ScheduledJob } from '../bot/scheduledJob';

export type { ScheduledJob };

export interface RunningJobs {
  /** The catch-up run of every job at start, in order; resolves when all are done. */
  initialRun: Promise<void>;
  /** Stops the schedule and waits for runs under way to reach their next batch boundary. */
  stop(): Promise<void>;
}

/**
 * Runs each job once at start (catching up on whatever came due while the app was down) and then
 * on its schedule. Jobs decide what is due from the store, so a restart neither skips nor repeats.
 * With `timed: false` only the start-up run happens: a harness driving the app through its
 * requests, where a run at the wall clock's next quarter-hour would land in the middle of a test.
 */
export function startScheduledJobs(
  jobs: ScheduledJob[],
  observe?: (job: string, ok: boolean) => void,
  options: { timed: boolean } = { timed: true },
): RunningJobs {
  const stopping = new AbortController();
  const running = new Set<Promise<void>>();
  const runSafely = (job: ScheduledJob): Promise<void> => {
    const run = (async () => {
      try {
        const result = await job.run(stopping.signal);
        log.info('job.ran', { job: job.name, result: result as Record<string, unknown> });
        observe?.(job.name, true);
      } catch (error) {
        log.error('job.failed', { job: job.name, error: error as Error });
        observe?.(job.name, false);
      }
    })();
    running.add(run);
    void run.finally(() => running.delete(run));
    return run;
  };
  const initialRun = (async () => {
    for (const job of jobs) await runSafely(job);
  })();
  // protect: a run still going when the next is due is not started twice.
  const crons = (options.timed ? jobs : []).map((job) => new Cron(job.pattern, { timezone: 'UTC', protect: true, unref: true }, () => runSafely(job)));
  return {
    initialRun,
    async stop() {
      crons.forEach((cron) => cron.stop());
      stopping.abort();
      await Promise.all([...running]);
    },
  };
}
