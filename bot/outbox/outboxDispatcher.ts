import type { Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';
import {
  dueHeadOf,
  enqueue,
  hasPending,
  markAttemptStarted,
  markDropped,
  markFailed,
  markSent,
  pendingHeads,
  scheduleRetry,
  takeInterruptedAttempts,
  type OutboxContent,
  type OutboxMessage,
} from '../../src/outbox/outbox';
import { log } from '../../src/log';
import { ConversationThrottle, mentionsTag, TEAMS_CONVERSATION_LIMITS, TEAMS_TAG_MENTION_LIMITS } from './conversationThrottle';
import { retryDecision, statusOf } from './retryPolicy';

/** Sends one message; the signal aborts the request when the dispatcher stops waiting for it. */
export type SendOutboxMessage = (message: OutboxMessage, activity: unknown, signal: AbortSignal) => Promise<string | null>;
/** The activity a message's content stands for now; null when its record is gone. */
export type RenderOutboxContent = (content: OutboxContent) => unknown | null;

export interface OutboxDispatcher {
  /** Wakes the dispatcher now (after a write queued a post). */
  kick(): void;
  /** Stops polling and waits for the messages being sent, if any (not for those waiting for the rate limit). */
  stop(): Promise<void>;
  /** Resolves when nothing is pending any more (or after the timeout); for tests and shutdown. */
  idle(timeoutMs?: number): Promise<void>;
}

/** What became of one attempt, for the operator's metrics; `status` is the connector's HTTP answer when there was one. */
export type OutboxOutcome = { kind: 'delivered' } | { kind: 'retried'; status: number | null } | { kind: 'given_up'; status: number | null } | { kind: 'dropped' };

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  send: SendOutboxMessage;
  render: RenderOutboxContent;
  pollIntervalMs?: number;
  maxAttempts?: number;
  random?: () => number;
  /** How long a send may go unanswered before it is abandoned and retried like a 504. */
  sendTimeoutMs?: number;
  /** Per-conversation rate limits; Teams' documented ones unless a harness measures something else. */
  limits?: ReadonlyArray<{ count: number; windowMs: number }>;
  /** The stricter limits on messages that mention a Teams tag; Teams' documented ones by default. */
  tagLimits?: ReadonlyArray<{ count: number; windowMs: number }>;
  /** Conversations sent to at the same time (each still one message at a time, in order). */
  maxConversations?: number;
  observe?: (outcome: OutboxOutcome) => void;
}

/** Teams resends an invoke after 15 s: a connector that has not answered by then is not going to. */
export const DEFAULT_SEND_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_CONVERSATIONS = 16;

class SendTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`the connector did not answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Sends queued channel posts within Teams' per-conversation rate limits, retrying transient
 * failures with exponential backoff and jitter. Each conversation has a lane of its own: its
 * messages go out one at a time in the order they were queued (a retry keeps its place), while
 * a conversation that hangs, is rate limited or waits for a retry holds up no other.
 *
 * Every send is recorded as started before it leaves and as sent the moment the connector
 * answers. The Bot Connector has no idempotency key, so a send cut off by a crash between the
 * two is sent again at the next start: at least once, a duplicate only if the crash fell inside
 * that one round trip (see README, Reliability).
 */
export function startOutboxDispatcher(options: DispatcherOptions): OutboxDispatcher {
  const { db, clock, send, render } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? 8;
  const random = options.random ?? Math.random;
  const sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const maxConversations = options.maxConversations ?? DEFAULT_MAX_CONVERSATIONS;
  const throttle = new ConversationThrottle(() => clock.now().getTime(), options.limits ?? TEAMS_CONVERSATION_LIMITS);
  const tagThrottle = new ConversationThrottle(() => clock.now().getTime(), options.tagLimits ?? TEAMS_TAG_MENTION_LIMITS);
  const lanes = new Map<string, Promise<void>>();
  const pauses = new Set<() => void>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  for (const attempt of takeInterruptedAttempts(db)) {
    // An update is idempotent (same activity, same content); a post may show twice in Teams.
    log.warn('outbox.interrupted_attempt', { id: attempt.id, kind: attempt.kind, startedAt: attempt.startedAt, next: attempt.kind === 'update' ? 'update again' : 'post again' });
  }

  /** A wait for the rate limit that stop() cuts short: the message then stays queued for the next start. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timeout);
        pauses.delete(done);
        resolve();
      };
      const timeout = setTimeout(done, ms);
      pauses.add(done);
    });
  }

  /** The send, or a timeout error once it has gone unanswered too long (its request aborted). */
  function sendWithin(message: OutboxMessage, activity: unknown): Promise<string | null> {
    const controller = new AbortController();
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => {
        const error = new SendTimeout(sendTimeoutMs);
        controller.abort(error);
        reject(error);
      }, sendTimeoutMs);
    });
    return Promise.race([send(message, activity, controller.signal), timedOut]).finally(() => clearTimeout(timeout));
  }

  /** The activity as its record is now; undefined when it cannot be drawn (then marked failed). */
  function drawn(message: OutboxMessage): unknown {
    try {
      return render(message.content);
    } catch (error) {
      // A card that cannot be drawn will not be drawn by trying again.
      markFailed(db, message.id, 'render failed');
      log.error('outbox.render_failed', { id: message.id, error: error as Error });
      options.observe?.({ kind: 'given_up', status: null });
      return undefined;
    }
  }

  async function deliver(message: OutboxMessage): Promise<void> {
    const wait = throttle.waitMs(message.conversationId);
    if (wait > 0) await pause(wait);
    if (stopped) return;
    // Drawn after the wait, so that the post shows its record as it is when it goes out.
    let activity = drawn(message);
    if (activity === undefined) return;
    const tagged = activity !== null && mentionsTag(activity);
    const tagWait = tagged ? tagThrottle.waitMs(message.conversationId) : 0;
    if (tagWait > 0) {
      await pause(tagWait);
      if (stopped) return;
      activity = drawn(message);
      if (activity === undefined) return;
    }
    if (activity === null) {
      markDropped(db, message.id, 'record gone');
      log.info('outbox.dropped', { id: message.id, reason: 'record gone' });
      options.observe?.({ kind: 'dropped' });
      return;
    }
    throttle.record(message.conversationId);
    if (tagged) tagThrottle.record(message.conversationId);
    markAttemptStarted(db, clock, message.id);
    let activityId: string | null;
    try {
      activityId = await sendWithin(message, activity);
    } catch (error) {
      const decision = retryDecision(error, message.attempts + 1, maxAttempts, random);
      const status = statusOf((error ?? {}) as Parameters<typeof statusOf>[0]) ?? null;
      options.observe?.({ kind: decision.retry ? 'retried' : 'given_up', status });
      if (decision.retry) {
        scheduleRetry(db, message.id, new Date(clock.now().getTime() + decision.delayMs), decision.reason);
        log.warn('outbox.retry', { id: message.id, attempt: message.attempts + 1, delayMs: decision.delayMs, reason: decision.reason });
      } else {
        markFailed(db, message.id, decision.reason);
        log.error('outbox.failed', { id: message.id, attempts: message.attempts + 1, reason: decision.reason });
      }
      return;
    }
    // Nothing between the answer and its record: that gap is the one a crash turns into a duplicate.
    markSent(db, clock, message.id, activityId);
    options.observe?.({ kind: 'delivered' });
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
  }

  /** One conversation's messages, one after the other, until none of them is due. */
  async function lane(first: OutboxMessage): Promise<void> {
    let message: OutboxMessage | null = first;
    while (message && !stopped) {
      await deliver(message);
      message = stopped ? null : dueHeadOf(db, clock, first.conversationId);
    }
  }

  function startLane(message: OutboxMessage): void {
    const running = lane(message)
      .catch((error) => log.error('outbox.lane_failed', { error }))
      .finally(() => {
        lanes.delete(message.conversationId);
        run();
      });
    lanes.set(message.conversationId, running);
  }

  /**
   * Starts a lane for each idle conversation whose first message is due, then sleeps until the
   * next one is; a busy lane wakes the dispatcher itself when it is done.
   */
  function run(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    let delay = pollIntervalMs;
    try {
      const now = clock.now();
      for (const head of pendingHeads(db)) {
        if (lanes.has(head.conversationId)) continue;
        if (lanes.size >= maxConversations) break;
        const wait = Date.parse(head.nextAttemptAt) - now.getTime();
        if (wait > 0) {
          delay = Math.min(delay, wait);
          break;
        }
        const message = dueHeadOf(db, clock, head.conversationId);
        if (message) startLane(message);
      }
    } catch (error) {
      log.error('outbox.drain_failed', { error });
    }
    timer = setTimeout(run, delay);
    timer.unref();
  }

  let kicked = false;
  /** Posts queued by one turn of the event loop (a group-commit batch) wake the dispatcher once. */
  function kick(): void {
    if (kicked) return;
    kicked = true;
    setImmediate(() => {
      kicked = false;
      run();
    });
  }

  timer = setTimeout(run, 0);
  timer.unref();
  return {
    kick,
    async stop() {
      stopped = true;
      for (const end of [...pauses]) end();
      if (timer) clearTimeout(timer);
      await Promise.all(lanes.values());
    },
    async idle(timeoutMs = 10_000) {
      // Waits for every pending message, retries scheduled for later included.
      const deadline = Date.now() + timeoutMs;
      while (!stopped && Date.now() < deadline) {
        if (lanes.size === 0 && !hasPending(db)) return;
        run();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
