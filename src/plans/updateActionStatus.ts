import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError, type DomainErrorDetail } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { actionByRef } from './actionRows';
import { getActionDetail, type ActionDetail } from './actionQueries';
import { assertMayUpdate } from './actionAccess';
import { appendTimeline, cleanNote } from './actionTimeline';
import { StaleActionError } from './planErrors';
import { recordEvent } from '../events/domainEvents';
import { recordAmendmentIfAgreed } from './amendments';
import { allowedNextStatuses, canMove, isActionStatus, REASON_REQUIRED } from './transitions';
import { NOTE_MAX_LENGTH, type ActionStatus } from './vocabulary';
import type { Language } from '../i18n/languages';

export interface StatusUpdateRequest {
  ref: string;
  status: unknown;
  note?: unknown;
  /** The version the person saw; required, so that a stale card or tab never overwrites a newer state. */
  expectedVersion: unknown;
  correlationId?: string;
}

/** A status change as the action's timeline holds it, for the channel post that tells of it. */
export interface StatusChange {
  action: ActionDetail;
  from: ActionStatus;
  to: ActionStatus;
  note: string | null;
  /** The language the note was written in; null when unknown. */
  noteLanguage: Language | null;
  by: { shortName: string; memberState: string | null };
  at: string;
}

/** The change that brought the action to this version; null when the action or the change is gone. */
export function statusChangeOf(db: Db, ref: string, version: number): StatusChange | null {
  const action = getActionDetail(db, ref);
  const entry = action?.timeline.find((item) => item.kind === 'status' && item.version === version);
  if (!action || !entry?.statusFrom || !entry.statusTo) return null;
  return { action, from: entry.statusFrom, to: entry.statusTo, note: entry.note, noteLanguage: entry.noteLanguage, by: entry.by.authority ?? { shortName: '', memberState: null }, at: entry.at };
}

export function readVersion(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : null;
}

/** Checks the shape of a request and reports every field problem at once. */
function checkRequest(request: StatusUpdateRequest): { status: ActionStatus; note: string | null; version: number } {
  const errors: DomainErrorDetail[] = [];
  const status = typeof request.status === 'string' ? request.status.trim() : '';
  if (!status) errors.push({ field: 'status', key: 'plan.errors.statusRequired' });
  else if (!isActionStatus(status)) errors.push({ field: 'status', key: 'plan.errors.unknownStatus', vars: { value: status.slice(0, 40) } });
  const note = cleanNote(request.note);
  if (note && note.length > NOTE_MAX_LENGTH) errors.push({ field: 'note', key: 'plan.errors.noteTooLong', vars: { max: NOTE_MAX_LENGTH } });
  const version = readVersion(request.expectedVersion);
  if (version === null) errors.push({ field: 'version', key: 'plan.errors.versionRequired' });
  if (errors.length > 0) throw new DomainError(errors);
  return { status: status as ActionStatus, note, version: version! };
}

/**
 * Moves an action to its next status (planned -> initiated -> implemented, postponed, cancelled
 * with a reason), from the bot or the tab alike. Refused when the person's view is older than the
 * stored action, when the move is not allowed, or when their state takes no part in the action.
 */
export function updateActionStatus(db: Db, clock: Clock, member: Member, request: StatusUpdateRequest): ActionDetail {
  const { status, note, version } = checkRequest(request);
  return inTransaction(db, () => {
    const action = actionByRef(db, request.ref);
    if (!action) throw new DomainError({ key: 'plan.errors.actionNotFound', vars: { ref: request.ref.slice(0, 20) } });
    assertMayUpdate(member, action);
    if (action.version !== version) throw new StaleActionError(getActionDetail(db, action.ref)!);
    const allowed = allowedNextStatuses(action.status);
    if (action.status === status) throw new DomainError({ field: 'status', key: 'plan.errors.alreadyInStatus', vars: { ref: action.ref, current: action.status } });
    if (allowed.length === 0) throw new DomainError({ field: 'status', key: 'plan.errors.finalStatus', vars: { ref: action.ref, current: action.status } });
    if (!canMove(action.status, status)) {
      throw new DomainError({ field: 'status', key: 'plan.errors.transitionNotAllowed', vars: { ref: action.ref, current: action.status, target: status, allowed: allowed.join(',') } });
    }
    if (REASON_REQUIRED.has(status) && !note) throw new DomainError({ field: 'note', key: 'plan.errors.reasonRequired', vars: { target: status } });

    const at = clock.now().toISOString();
    const reason = status === 'cancelled' || status === 'postponed' ? note : null;
    const { changes } = sql(db, 'UPDATE actions SET status = ?, status_reason = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?').run(
      status,
      reason,
      at,
      action.id,
      version,
    );
    // The write lock makes this impossible; if it ever happened, refusing beats overwriting.
    if (changes !== 1) throw new StaleActionError(getActionDetail(db, action.ref)!);
    appendTimeline(db, { actionId: action.id, member, kind: 'status', statusFrom: action.status, statusTo: status, note, version: version + 1, at });
    if (status === 'cancelled') recordAmendmentIfAgreed(db, { year: action.year, ref: action.ref, kind: 'cancelled', member, at });
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'action.status_changed',
      subjectType: 'action',
      subjectRef: action.ref,
      details: { from: action.status, to: status, version: version + 1, withNote: note !== null },
      correlationId: request.correlationId,
    });
    recordEvent(db, clock, { type: 'action.status_changed', ref: action.ref, version: version + 1 });
    return getActionDetail(db, action.ref)!;
  });
}
