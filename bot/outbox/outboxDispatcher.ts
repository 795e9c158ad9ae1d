import type { Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';
import { dueMessages, enqueue, markDropped, markFailed, markSent, nextDueAt, scheduleRetry, type OutboxContent, type OutboxMessage } from '../../src/outbox/outbox';
import { log } from '../../src/log';
import { ConversationThrottle } from './conversationThrottle';
import { retryDecision } from './retryPolicy';

export type SendOutboxMessage = (message: OutboxMessage, activity: unknown) => Promise<string | null>;
/** The activity a message's content stands for now; null when its record is gone. */
export type RenderOutboxContent = (content: OutboxContent) => unknown | null;

export interface OutboxDispatcher {
  /** Wakes the dispatcher now (after a write queued a post). */
  kick(): void;
  /** Stops polling and waits for the message being sent, if any (not for one waiting for the rate limit). */
  stop(): Promise<void>;
  /** Resolves when nothing is pending any more (or after the timeout); for tests and shutdown. */
  idle(timeoutMs?: number): Promise<void>;
}

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  send: SendOutboxMessage;
  render: RenderOutboxContent;
  pollIntervalMs?: number;
  maxAttempts?: number;
  random?: () => number;
}

/**
 * Sends queued channel posts one at a time, within Teams' per-conversation rate limits, retrying
 * transient failures with exponential backoff and jitter. A message is marked sent right after
 * the connector accepted it, and the queue is unique per dedupe key, so nothing is posted twice.
 */
export function startOutboxDispatcher(options: DispatcherOptions): OutboxDispatcher {
  const { db, clock, send, render } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? 8;
  const random = options.random ?? Math.random;
  const throttle = new ConversationThrottle(() => clock.now().getTime());
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let again = false;
  let endPause: (() => void) | null = null;

  /** A wait for the rate limit that stop() cuts short: the message then stays queued for the next start. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timeout);
        endPause = null;
        resolve();
      };
      const timeout = setTimeout(done, ms);
      endPause = done;
    });
  }

  async function deliver(message: OutboxMessage): Promise<void> {
    const wait = throttle.waitMs(message.conversationId);
    if (wait > 0) await pause(wait);
    if (stopped) return;
    // Drawn after the wait, so that the post shows its record as it is when it goes out.
    let activity: unknown;
    try {
      activity = render(message.content);
    } catch (error) {
      // A card that cannot be drawn will not be drawn by trying again.
      markFailed(db, message.id, 'render failed');
      log.error('outbox.render_failed', { id: message.id, error: error as Error });
      return;
    }
    if (activity === null) {
      markDropped(db, message.id, 'record gone');
      log.info('outbox.dropped', { id: message.id, reason: 'record gone' });
      return;
    }
    throttle.record(message.conversationId);
    let activityId: string | null;
    try {
      activityId = await send(message, activity);
    } catch (error) {
      const decision = retryDecision(error, message.attempts + 1, maxAttempts, random);
      if (decision.retry) {
        scheduleRetry(db, message.id, new Date(clock.now().getTime() + decision.delayMs), decision.reason);
        log.warn('outbox.retry', { id: message.id, attempt: message.attempts + 1, delayMs: decision.delayMs, reason: decision.reason });
      } else {
        markFailed(db, message.id, decision.reason);
        log.error('outbox.failed', { id: message.id, attempts: message.attempts + 1, reason: decision.reason });
      }
      return;
    }
    markSent(db, clock, message.id, activityId);
    try {
      followIfChangedInFlight(message, activity, activityId);
    } catch (error) {
      log.error('outbox.follow_up_failed', { id: message.id, error: error as Error });
    }
  }

  /**
   * A change made while a record's card was on its way found no posted message to update, so the
   * post is followed by one update, drawn when it goes out.
   */
  function followIfChangedInFlight(message: OutboxMessage, sent: unknown, activityId: string | null): void {
    if (message.kind !== 'post' || !('card' in message.content) || !activityId) return;
    const current = render(message.content);
    if (current === null || JSON.stringify(current) === JSON.stringify(sent)) return;
    enqueue(db, clock, { conversationId: message.conversationId, dedupeKey: `${message.dedupeKey}:changed-in-flight`, kind: 'update', content: message.content, targetActivityId: activityId });
    again = true;
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      for (const message of dueMessages(db, clock)) {
        if (stopped) return;
        await deliver(message);
      }
    } while (again && !stopped);
  }

  function schedule(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const due = nextDueAt(db);
    const delay = due ? Math.min(Math.max(Date.parse(due) - clock.now().getTime(), 0), pollIntervalMs) : pollIntervalMs;
    timer = setTimeout(run, delay);
    timer.unref();
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error) => log.error('outbox.drain_failed', { error }))
      .finally(() => {
        running = null;
        schedule();
      });
  }

  schedule();
  return {
    kick: () => setImmediate(run),
    async stop() {
      stopped = true;
      endPause?.();
      if (timer) clearTimeout(timer);
      await running;
    },
    async idle(timeoutMs = 10_000) {
      // Waits for every pending message, retries scheduled for later included.
      const deadline = Date.now() + timeoutMs;
      while (!stopped && Date.now() < deadline) {
        await running;
        if (nextDueAt(db) === null && !running) return;
        run();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
