import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Request, Response, Server } from 'restify';
import { sql, type Db } from '../src/store/database';
import type { TurnObservation } from '../bot/http/botEndpoint';
import type { OutboxOutcome } from '../bot/outbox/outboxDispatcher';

const PREFIX = 'cooperation_desk_';

/** The newest successful scheduled backup, and the last run if it failed; null when backups are off. */
export type LastBackup = () => { succeededAt: Date | null; failedAt: Date | null } | null;

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/**
 * The figures an operator watches, in Prometheus' text format: turns, the outbox, the jobs, the
 * last backup, and the process's own (memory, event loop lag). Each app has a registry of its own,
 * so that two apps in one process (the tests) do not share counters.
 */
export function createMetrics(db: Db, options: { lastBackup?: LastBackup } = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const turns = new Histogram({
    name: `${PREFIX}turn_duration_seconds`,
    help: 'Activities posted to /api/messages, by kind and outcome (HTTP status class), and how long they took to answer.',
    labelNames: ['kind', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const posts = new Counter({
    name: `${PREFIX}outbox_attempts_total`,
    help: 'Channel post attempts by result: delivered, retried, given_up, dropped (its record was gone).',
    labelNames: ['result'],
    registers: [registry],
  });
  const throttled = new Counter({ name: `${PREFIX}connector_throttled_total`, help: '429 answers received from the Bot Connector.', registers: [registry] });
  const jobs = new Counter({ name: `${PREFIX}job_runs_total`, help: 'Scheduled job runs (retention, reminders, coordinators, backups) by job and result.', labelNames: ['job', 'result'], registers: [registry] });
  // Read from the store at each scrape, so they are right after a restart too.
  new Gauge({
    name: `${PREFIX}outbox_backlog`,
    help: 'Channel posts waiting to be sent.',
    registers: [registry],
    collect() {
      this.set((sql(db, "SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n);
    },
  });
  new Gauge({
    name: `${PREFIX}outbox_oldest_pending_age_seconds`,
    help: 'Age of the oldest channel post still waiting to be sent (0 when none is).',
    registers: [registry],
    collect() {
      const { oldest } = sql(db, "SELECT min(created_at) AS oldest FROM outbox WHERE status = 'pending'").get() as { oldest: string | null };
      this.set(oldest ? Math.max(0, (Date.now() - Date.parse(oldest)) / 1000) : 0);
    },
  });
  new Gauge({
    name: `${PREFIX}backup_last_run_timestamp_seconds`,
    help: 'When the newest scheduled backup was written (result="ok"), and when the last run failed if it did (result="failed"), in Unix time.',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      const last = options.lastBackup?.() ?? null;
      this.reset();
      if (last?.succeededAt) this.set({ result: 'ok' }, last.succeededAt.getTime() / 1000);
      if (last?.failedAt) this.set({ result: 'failed' }, last.failedAt.getTime() / 1000);
    },
  });
  return {
    registry,
    observeTurn(turn: TurnObservation): void {
      turns.observe({ kind: turn.kind, outcome: statusClass(turn.status) }, turn.seconds);
    },
    observeOutbox(outcome: OutboxOutcome): void {
      posts.inc({ result: outcome.kind });
      if ((outcome.kind === 'retried' || outcome.kind === 'given_up') && outcome.status === 429) throttled.inc();
    },
    observeJob(job: string, ok: boolean): void {
      jobs.inc({ job, result: ok ? 'ok' : 'failed' });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * A scrape from this machine (not relayed by a proxy: one that forwards sets X-Forwarded-For), or
 * with the configured bearer token. Anything else is told 401 and learns nothing.
 */
function mayScrape(req: Request, token: string | null): boolean {
  const authorization = req.header('authorization') ?? '';
  if (token && authorization.startsWith('Bearer ')) {
    const given = Buffer.from(authorization.slice('Bearer '.length));
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  const relayed = req.header('x-forwarded-for') !== undefined || req.header('forwarded') !== undefined;
  return !relayed && LOOPBACK.has(req.socket.remoteAddress ?? '');
}

export function registerMetricsRoute(server: Server, metrics: Metrics, token: string | null): void {
  server.get('/metrics', async (req: Request, res: Response) => {
    if (!mayScrape(req, token)) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer', 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    const text = await metrics.registry.metrics();
    res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
    res.end(text);
  });
}
