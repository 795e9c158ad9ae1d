import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';

/** Who did something: the acting user as the store knows them, and the authority they act for. */
export interface Actor {
  userId: number | null;
  aadObjectId: string | null;
  authorityId: string | null;
}

export interface AuditEntry {
  actor: Actor;
  action: string;
  subjectType?: string;
  subjectRef?: string;
  details?: Record<string, unknown>;
  correlationId?: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, aadObjectId: null, authorityId: null };

/** Appends to the audit log; call it inside the transaction of the write it records. */
export function appendAudit(db: Db, clock: Clock, entry: AuditEntry): void {
  sql(db, 
    `INSERT INTO audit_log (at, user_id, aad_object_id, authority_id, action, subject_type, subject_ref, details_json, correlation_id)
     VALUES (@at, @userId, @aadObjectId, @authorityId, @action, @subjectType, @subjectRef, @details, @correlationId)`,
  ).run({
    at: clock.now().toISOString(),
    userId: entry.actor.userId,
    aadObjectId: entry.actor.aadObjectId,
    authorityId: entry.actor.authorityId,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectRef: entry.subjectRef ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
    correlationId: entry.correlationId ?? null,
  });
}

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  authorityId: string | null;
  action: string;
  subjectType: string | null;
  subjectRef: string | null;
  details: Record<string, unknown> | null;
}

export function listAudit(db: Db, filter: { action?: string; subjectRef?: string } = {}): AuditRow[] {
  const rows = sql(
    db,
    `SELECT id, at, user_id AS userId, authority_id AS authorityId, action, subject_type AS subjectType,
              subject_ref AS subjectRef, details_json AS details
         FROM audit_log
        WHERE (@action IS NULL OR action = @action) AND (@subjectRef IS NULL OR subject_ref = @subjectRef)
        ORDER BY id`,
  ).all({ action: filter.action ?? null, subjectRef: filter.subjectRef ?? null }) as Array<Omit<AuditRow, 'details'> & { details: string | null }>;
  return rows.map((row) => ({ ...row, details: row.details ? JSON.parse(row.details) : null }));
}
