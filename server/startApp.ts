import type { AddressInfo } from 'node:net';
import { openDatabase, type Db } from '../src/store/database';
import { systemClock, type Clock } from '../src/clock';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { isStoreEmpty, loadDemoData } from '../src/demo/loadDemoData';
import { loadDemoAlerts } from '../src/demo/demoAlerts';
import { log } from '../src/log';
import type { Config } from './config';
import { createServer } from './http';
import { startScheduledJobs } from './jobs';
import { createMetrics, registerMetricsRoute } from './metrics';
import { backupIsFailing, createBackupTracker, listScheduledBackups, scheduledBackupJob } from '../src/operations/scheduledBackup';
import type { BotDeps } from '../bot/deps';
import type { HarnessPosts } from '../bot/channelPost';
import { createTeamsBot } from '../bot/teamsBot';
import { startNotifier, type Notifier } from '../bot/notifier';
import { startOutboxDispatcher, type OutboxDispatcher } from '../bot/outbox/outboxDispatcher';

export interface RunningApp {
  url: string;
  port: number;
  db: Db;
  deps: BotDeps;
  outbox: OutboxDispatcher;
  /** Stops accepting, lets in-flight turns finish, stops the outbox and closes the store. */
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  outboxPollMs?: number;
  random?: () => number;
  /** Per-conversation rate limits of the outbox; Teams' own unless a harness measures without them. */
  outboxLimits?: ReadonlyArray<{ count: number; windowMs: number }>;
  /** Post kinds of a harness that measures the outbox itself (numbered text posts). */
  harnessPosts?: HarnessPosts;
  /**
   * False: the jobs run once at start but not on their schedule. For the test harness, whose
   * stores hold dates far from the wall clock: a reminder run at a quarter-hour would post in the
   * middle of an unrelated test. Tests of a job run it by a restart or call it.
   */
  timedJobs?: boolean;
}

const SHUTDOWN_GRACE_MS = 10_000;

export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(config.dbPath);
  syncParticipants(db, loadParticipants());
  if (config.loadDemoData && isStoreEmpty(db)) {
    const loaded = loadDemoData(db, clock);
    log.info('demo.loaded', loaded);
    // Through the alert commands themselves, which commit in groups: after the rest of the demo.
    log.info('demo.alerts_loaded', await loadDemoAlerts(db, clock, config.alertAnswerDays));
  }
  let notifier: Notifier | null = null;
  const deps: BotDeps = { db, clock, config, notify: () => notifier?.notify() };
  const backups = createBackupTracker();
  const metrics = createMetrics(db, {
    lastBackup: () => {
      if (!config.backup.dir) return null;
      const status = backups.status();
      // Before this process's first run, the newest backup file in the directory says when.
      let newest: Date | null = null;
      try {
        newest = listScheduledBackups(config.backup.dir).at(-1)?.at ?? null;
      } catch {
        // The directory cannot be read: the failed run says so.
      }
      const succeededAt = status.lastSuccessAt ? new Date(status.lastSuccessAt) : newest;
      return { succeededAt, failedAt: status.lastOutcome === 'failed' && status.lastRunAt ? new Date(status.lastRunAt) : null };
    },
  });
  const bot = createTeamsBot(deps, { harnessPosts: options.harnessPosts, observeTurn: metrics.observeTurn });
  const { server, inFlight } = createServer({
    db,
    config,
    botEndpoint: bot.endpoint,
    botRoutes: bot.registerRoutes,
    // A status change made in the tab is posted to the channel like one made in Teams.
    tabApi: { clock, afterWrite: () => deps.notify() },
    degraded: () => (backupIsFailing(backups.status()) ? { backup: { lastRunAt: backups.status().lastRunAt, lastError: backups.status().lastError } } : null),
  });
  registerMetricsRoute(server, metrics, config.metricsToken);
  const outbox = startOutboxDispatcher({
    db,
    clock,
    send: bot.send,
    render: bot.render,
    pollIntervalMs: options.outboxPollMs,
    random: options.random,
    sendTimeoutMs: config.outboxSendTimeoutMs,
    limits: options.outboxLimits,
    observe: metrics.observeOutbox,
  });
  notifier = startNotifier({ db, clock, posts: bot.eventPosts, kickOutbox: () => outbox.kick() });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  if (!config.publicBaseUrl) config.publicBaseUrl = url;
  log.info('server.listening', { url, mode: config.mode });
  // Jobs start once the server answers, so a long catch-up never keeps /healthz or turns waiting.
  // The backup last: the start-up runs are sequential, and a catch-up backup may take a while.
  const backupJob = scheduledBackupJob({ db, clock }, config.backup, backups);
  const backupRun = backupJob && {
    ...backupJob,
    // A failed backup is reported, not thrown; here it counts as the failed run it is.
    run: async (signal: AbortSignal) => {
      const result = await backupJob.run(signal);
      if ('ok' in result && !result.ok) throw new Error(`backup failed: ${result.error}`);
      return result;
    },
  };
  const jobs = startScheduledJobs([...bot.jobs, ...(backupRun ? [backupRun] : [])], metrics.observeJob, { timed: options.timedJobs ?? true });
  await jobs.initialRun;

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + SHUTDOWN_GRACE_MS;
      while (inFlight() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      await jobs.stop();
      notifier!.stop();
      await notifier!.settled();
      await outbox.stop();
      // Idle keep-alive sockets would hold close() open; nothing is in flight on them any more.
      (server.server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closed;
      db.close();
    })();
    return stopping;
  };
  // Waiting for the outbox means waiting for the posts the latest events ask for too.
  const idle = async (timeoutMs?: number) => {
    await notifier!.settled();
    await outbox.idle(timeoutMs);
  };
  return { url, port, db, deps, outbox: { ...outbox, idle }, stop };
}
