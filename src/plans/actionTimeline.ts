import { sql, type Db } from '../store/database';
import type { Member } from '../identity/members';
import type { TimelineKind } from './actionQueries';
import type { ActionStatus } from './vocabulary';

export interface TimelineWrite {
  actionId: number;
  member: Member | null;
  kind: TimelineKind;
  statusFrom?: ActionStatus | null;
  statusTo?: ActionStatus | null;
  note?: string | null;
  version: number;
  at: string;
}

/** Appends to an action's timeline; call it inside the transaction of the change it records. */
export function appendTimeline(db: Db, entry: TimelineWrite): void {
  sql(
    db,
    `INSERT INTO action_updates (action_id, user_id, authority_id, kind, status_from, status_to, note, action_version, created_at)
     VALUES (@actionId, @userId, @authorityId, @kind, @statusFrom, @statusTo, @note, @version, @at)`,
  ).run({
    actionId: entry.actionId,
    userId: entry.member?.userId ?? null,
    authorityId: entry.member?.authority.id ?? null,
    kind: entry.kind,
    statusFrom: entry.statusFrom ?? null,
    statusTo: entry.statusTo ?? null,
    note: entry.note ?? null,
    version: entry.version,
    at: entry.at,
  });
}

/** Trimmed note text, or null for an empty one. */
export function cleanNote(note: unknown): string | null {
  if (typeof note !== 'string') return null;
  const text = note.trim();
  return text === '' ? null : text;
}
