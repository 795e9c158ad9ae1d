/** A job a feature asks the process to run at start and then on a schedule (see server/jobs.ts). */
export interface ScheduledJob {
  name: string;
  /** Cron pattern (UTC). */
  pattern: string;
  /** The signal aborts when the app stops: a long run ends between two of its batches. */
  run(signal: AbortSignal): unknown;
}
