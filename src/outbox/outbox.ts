import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';

export type OutboxKind = 'post' | 'update';

/**
 * What a message sends: a ready activity, or the card of a record (e.g. an alert by its
 * reference) drawn from the store at send time, so the post shows the record as it is then and
 * the queue holds no copy of its data.
 */
export type OutboxContent = { activity: unknown } | { card: { kind: string; subject: string } };

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

/** Queues a channel post; call it inside the transaction of the write it announces. */
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

/**
 * Pending messages whose time has come: the earliest due first, those due together in the order
 * they were queued. That is the order of the outbox_due index, so a call reads the messages it
 * returns; ordered by id alone it sorted the whole due backlog at every call.
 */
export function dueMessages(db: Db, clock: Clock, limit = 50): OutboxMessage[] {
  const rows = sql(
    db,
    `SELECT id, conversation_id AS conversationId, dedupe_key AS dedupeKey, kind, content_json AS content,
            target_activity_id AS targetActivityId, attempts
       FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
  ).all(clock.now().toISOString(), limit) as OutboxRow[];
  return rows.map((row) => ({ ...row, content: JSON.parse(row.content) as OutboxContent }));
}

export function nextDueAt(db: Db): string | null {
  const row = sql(db, "SELECT min(next_attempt_at) AS at FROM outbox WHERE status = 'pending'").get() as { at: string | null };
  return row.at;
}

/** Teams has the message now: its content is not kept (it may name companies and people). */
export function markSent(db: Db, clock: Clock, id: number, sentActivityId: string | null): void {
  sql(db, "UPDATE outbox SET status = 'sent', content_json = 'null', sent_at = ?, sent_activity_id = ?, attempts = attempts + 1 WHERE id = ?").run(
    clock.now().toISOString(),
    sentActivityId,
    id,
  );
}

export function scheduleRetry(db: Db, id: number, nextAttemptAt: Date, error: string): void {
  sql(db, 'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?').run(nextAttemptAt.toISOString(), error, id);
}

/** The record whose card was to be sent is gone (e.g. deleted by retention): nothing to send. */
export function markDropped(db: Db, id: number, reason: string): void {
  sql(db, "UPDATE outbox SET status = 'dropped', content_json = 'null', last_error = ? WHERE id = ?").run(reason, id);
}

/** Given up on: the error stays for the record, the content (which may name people) does not. */
export function markFailed(db: Db, id: number, error: string): void {
  sql(db, "UPDATE outbox SET status = 'failed', content_json = 'null', attempts = attempts + 1, last_error = ? WHERE id = ?").run(error, id);
}

export interface OutboxState {
  status: 'pending' | 'sent' | 'failed' | 'dropped';
  attempts: number;
  sentActivityId: string | null;
  lastError: string | null;
}

export function outboxState(db: Db, dedupeKey: string): OutboxState | null {
  return (
    (sql(
      db,
      'SELECT status, attempts, sent_activity_id AS sentActivityId, last_error AS lastError FROM outbox WHERE dedupe_key = ?',
    ).get(dedupeKey) as OutboxState | undefined) ?? null
  );
}
