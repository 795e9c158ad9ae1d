import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import type { Language } from '../i18n/languages';
import type { ReminderKind } from '../inspections/vocabulary';
import type { PartChange, RequestChange } from '../requests/requestLifecycle';
import type { RequestReminderKind } from '../requests/requestReminders';

/**
 * What happened in the domain, written by the command that made it happen, in its transaction.
 * Adapters react to events after the commit (the Teams notifier posts to the channel); a command
 * never calls into an adapter. Events carry references and versions only: whoever reacts reads the
 * records as they are then.
 */
export type DomainEvent =
  | { type: 'alert.created'; ref: string }
  | { type: 'alert.changed'; ref: string; version: number; onChannelPost: boolean }
  /** The alert's deadline for answers (`forDate`) passed with a concerned authority still silent. */
  | { type: 'alert.answers_overdue'; ref: string; forDate: string }
  | { type: 'inspection.scheduled'; ref: string }
  | { type: 'inspection.changed'; ref: string; version: number; onChannelPost: boolean }
  | { type: 'inspection.reminder_due'; ref: string; kind: ReminderKind; forDate: string }
  | { type: 'action.status_changed'; ref: string; version: number }
  /** `ref` is the plan's year. */
  | { type: 'plan.endorsed'; ref: string; state: string }
  | { type: 'plan.agreed'; ref: string }
  | { type: 'plan.assessed'; ref: string }
  | { type: 'proposal.created'; ref: string }
  /** `onChannelPost`: the change was made on the channel's post of the proposal, which that turn updated. */
  | { type: 'proposal.changed'; ref: string; version: number; onChannelPost: boolean }
  | { type: 'request.created'; ref: string }
  /**
   * `part`: the addressed part the change concerns (not on closing or withdrawal); `tellUserId`:
   * the person of the other side it is told to (see requestNotices).
   */
  | { type: 'request.changed'; ref: string; version: number; change: RequestChange; part?: PartChange; tellUserId?: number }
  | { type: 'request.reminder_due'; ref: string; authorityId: string; kind: RequestReminderKind; forDate: string }
  /** `ref` is the state's code; `at` tells one departure or return from another. */
  | { type: 'member_state.changed'; ref: string; change: 'admitted' | 'deactivated' | 'reactivated'; at: string }
  /** An authority added to, or leaving, a state that stays; `ref` is the authority's id. */
  | { type: 'authority.changed'; ref: string; change: 'added' | 'deactivated' | 'reactivated'; at: string }
  | { type: 'conversation.installed'; ref: string; language: Language };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

export interface StoredEvent {
  id: number;
  at: string;
  event: DomainEvent;
}

/** Records an event; call it inside the transaction of the change it tells of. */
export function recordEvent(db: Db, clock: Clock, event: DomainEvent): void {
  const { type, ref, ...payload } = event;
  sql(db, 'INSERT INTO domain_events (type, subject_ref, payload_json, created_at) VALUES (?, ?, ?, ?)').run(type, ref, JSON.stringify(payload), clock.now().toISOString());
}

interface EventRow {
  id: number;
  type: DomainEventType;
  ref: string;
  payload: string;
  at: string;
}

const toStored = (row: EventRow): StoredEvent => ({ id: row.id, at: row.at, event: { type: row.type, ref: row.ref, ...(JSON.parse(row.payload) as object) } as DomainEvent });

/** The last event a consumer has taken; 0 before its first. */
export function consumerPosition(db: Db, consumer: string): number {
  return (sql(db, 'SELECT last_event_id AS id FROM event_consumers WHERE name = ?').get(consumer) as { id: number } | undefined)?.id ?? 0;
}

/** Whether events were written after this position: one seek, so asking after every write is cheap. */
export function hasEventsAfter(db: Db, position: number): boolean {
  return sql(db, 'SELECT 1 FROM domain_events WHERE id > ? LIMIT 1').get(position) !== undefined;
}

/**
 * The events after the consumer's position, oldest first, and moves the position past them. Call
 * it inside the transaction that stores what the consumer makes of them (e.g. outbox posts): a
 * failure then leaves both the events and the position as they were, to be taken again.
 */
export function takeNewEvents(db: Db, consumer: string, limit = 500): StoredEvent[] {
  const rows = sql(
    db,
    `SELECT id, type, subject_ref AS ref, payload_json AS payload, created_at AS at FROM domain_events WHERE id > ? ORDER BY id LIMIT ${limit}`,
  ).all(consumerPosition(db, consumer)) as EventRow[];
  if (rows.length === 0) return [];
  sql(db, 'INSERT INTO event_consumers (name, last_event_id) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET last_event_id = excluded.last_event_id').run(consumer, rows[rows.length - 1].id);
  return rows.map(toStored);
}

/**
 * Events every consumer has taken and that are older than the cut-off are not kept: what
 * happened stays in the audit log and the records themselves.
 */
export function pruneTakenEvents(db: Db, olderThan: Date): number {
  const taken = (sql(db, 'SELECT min(last_event_id) AS id FROM event_consumers').get() as { id: number | null }).id ?? 0;
  return sql(db, 'DELETE FROM domain_events WHERE id <= ? AND created_at < ?').run(taken, olderThan.toISOString()).changes;
}
