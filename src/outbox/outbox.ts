import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';

export type OutboxKind = 'post' | 'update';

/**
 * What a message sends: the card of a kind (an alert, a status change, a reminder) for a subject
 * (usually a record's reference), drawn from the store at send time, so the post shows the record
 * as it is then and the queue holds no copy of its data.
 */
export type OutboxContent = { card: { kind: string; subject: string } };

export interface OutboxMessage {
  id: number;
  conversationId: string;
  dedupeKey: string;
  kind: OutboxKind;
  content: OutboxContent;
  targetActivityId: string | null;
  attempts: number;
}

export interface EnqueueRequest {
  conversationId: string;
  /** What makes this post unique (e.g. "alert:AL-2026-0042:posted"): enqueueing it twice posts it once. */
  dedupeKey: string;
  kind?: OutboxKind;
  content: OutboxContent;
  targetActivityId?: string | null;
}

/** Queues a post; the notifier calls it for the events it takes, in the same transaction. */
export function enqueue(db: Db, clock: Clock, request: EnqueueRequest): { id: number; created: boolean } {
  const now = clock.now().toISOString();
  const result = sql(
    db,
    `INSERT INTO outbox (conversation_id, dedupe_key, kind, content_json, target_activity_id, next_attempt_at, created_at)
     VALUES (@conversationId, @dedupeKey, @kind, @content, @targetActivityId, @now, @now)
     ON CONFLICT(dedupe_key) DO NOTHING`,
  ).run({
    conversationId: request.conversationId,
    dedupeKey: request.dedupeKey,
    kind: request.kind ?? 'post',
    content: JSON.stringify(request.content),
    targetActivityId: request.targetActivityId ?? null,
    now,
  });
  if (result.changes === 1) return { id: Number(result.lastInsertRowid), created: true };
  const { id } = sql(db, 'SELECT id FROM outbox WHERE dedupe_key = ?').get(request.dedupeKey) as { id: number };
  return { id, created: false };
}

interface OutboxRow extends Omit<OutboxMessage, 'content'> {
  content: string;
}

const MESSAGE_COLUMNS = `o.id, o.conversation_id AS conversationId, o.dedupe_key AS dedupeKey, o.kind, o.content_json AS content,
  o.target_activity_id AS targetActivityId, o.attempts`;

const toMessage = (row: OutboxRow): OutboxMessage => ({ ...row, content: JSON.parse(row.content) as OutboxContent });

/** The conversation's first pending message if its time has come; null when none is, or none is due. */
export function dueHeadOf(db: Db, clock: Clock, conversationId: string): OutboxMessage | null {
  const row = sql(
    db,
    `SELECT ${MESSAGE_COLUMNS}, o.next_attempt_at AS nextAttemptAt FROM outbox o
      WHERE o.status = 'pending' AND o.conversation_id = ? ORDER BY o.id LIMIT 1`,
  ).get(conversationId) as (OutboxRow & { nextAttemptAt: string }) | undefined;
  if (!row || row.nextAttemptAt > clock.now().toISOString()) return null;
  const { nextAttemptAt: _, ...message } = row;
  return toMessage(message);
}

export interface ConversationHead {
  conversationId: string;
  nextAttemptAt: string;
}

/**
 * Each conversation's first pending message and when it is due, the earliest first: a later
 * message of a conversation is never handed out before the first is settled (sent, given up or
 * dropped), so a retry keeps its place, while other conversations do not wait for it. Asked after
 * every queued post, so it must not read the backlog: it seeks from one conversation to the next
 * in the pending-by-conversation index (a GROUP BY read every pending row: 1 ms for 5,000 of them,
 * this 9 µs), which the planner would not pick for min() unprompted.
 */
export function pendingHeads(db: Db): ConversationHead[] {
  return sql(
    db,
    `WITH RECURSIVE conversation(id) AS (
       SELECT (SELECT min(conversation_id) FROM outbox INDEXED BY outbox_pending_by_conversation WHERE status = 'pending')
       UNION ALL
       SELECT (SELECT min(conversation_id) FROM outbox INDEXED BY outbox_pending_by_conversation WHERE status = 'pending' AND conversation_id > conversation.id)
         FROM conversation WHERE conversation.id IS NOT NULL
     )
     SELECT o.conversation_id AS conversationId, o.next_attempt_at AS nextAttemptAt
       FROM conversation
       JOIN outbox o ON o.id = (SELECT id FROM outbox INDEXED BY outbox_pending_by_conversation
                                 WHERE status = 'pending' AND conversation_id = conversation.id ORDER BY id LIMIT 1)
      ORDER BY o.next_attempt_at, o.id`,
  ).all() as ConversationHead[];
}

/** Whether anything is pending at all. */
export function hasPending(db: Db): boolean {
  return sql(db, "SELECT 1 FROM outbox WHERE status = 'pending' LIMIT 1").get() !== undefined;
}

/**
 * Recorded, and committed, just before the message goes to the connector: should the app die
 * before the answer is recorded, the next start knows this message may already be in Teams.
 */
export function markAttemptStarted(db: Db, clock: Clock, id: number): void {
  sql(db, 'UPDATE outbox SET attempt_started_at = ? WHERE id = ?').run(clock.now().toISOString(), id);
}

/** Teams has the message now: its content is not kept (it may name companies and people). */
export function markSent(db: Db, clock: Clock, id: number, sentActivityId: string | null): void {
  sql(
    db,
    "UPDATE outbox SET status = 'sent', content_json = 'null', sent_at = ?, sent_activity_id = ?, attempts = attempts + 1, attempt_started_at = NULL WHERE id = ?",
  ).run(clock.now().toISOString(), sentActivityId, id);
}

export function scheduleRetry(db: Db, id: number, nextAttemptAt: Date, error: string): void {
  sql(db, 'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, attempt_started_at = NULL WHERE id = ?').run(
    nextAttemptAt.toISOString(),
    error,
    id,
  );
}

/** The record whose card was to be sent is gone (e.g. deleted by retention): nothing to send. */
export function markDropped(db: Db, id: number, reason: string): void {
  sql(db, "UPDATE outbox SET status = 'dropped', content_json = 'null', last_error = ?, attempt_started_at = NULL WHERE id = ?").run(reason, id);
}

/** Given up on: the error stays for the record, the content (which may name people) does not. */
export function markFailed(db: Db, id: number, error: string): void {
  sql(db, "UPDATE outbox SET status = 'failed', content_json = 'null', attempts = attempts + 1, last_error = ?, attempt_started_at = NULL WHERE id = ?").run(error, id);
}

export const INTERRUPTED = 'interrupted by a restart';

export interface InterruptedAttempt {
  id: number;
  kind: OutboxKind;
  dedupeKey: string;
  startedAt: string;
}

/**
 * At start, before anything is sent: the messages whose last send was cut off. They stay pending,
 * at the head of their conversation, and are sent again; the attempt is counted and its fate
 * recorded as the last error.
 */
export function takeInterruptedAttempts(db: Db): InterruptedAttempt[] {
  return db.transaction(() => {
    const interrupted = sql(
      db,
      `SELECT id, kind, dedupe_key AS dedupeKey, attempt_started_at AS startedAt
         FROM outbox WHERE status = 'pending' AND attempt_started_at IS NOT NULL ORDER BY id`,
    ).all() as InterruptedAttempt[];
    const mark = sql(db, 'UPDATE outbox SET attempts = attempts + 1, last_error = ?, attempt_started_at = NULL WHERE id = ?');
    for (const attempt of interrupted) mark.run(INTERRUPTED, attempt.id);
    return interrupted;
  }).immediate();
}

export interface OutboxState {
  status: 'pending' | 'sent' | 'failed' | 'dropped';
  attempts: number;
  attemptStartedAt: string | null;
  sentActivityId: string | null;
  /** When Teams took the message (ISO 8601), null until then. */
  sentAt: string | null;
  lastError: string | null;
}

export function outboxState(db: Db, dedupeKey: string): OutboxState | null {
  return (
    (sql(
      db,
      `SELECT status, attempts, attempt_started_at AS attemptStartedAt, sent_activity_id AS sentActivityId, sent_at AS sentAt,
              last_error AS lastError FROM outbox WHERE dedupe_key = ?`,
    ).get(dedupeKey) as OutboxState | undefined) ?? null
  );
}
