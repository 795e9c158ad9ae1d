import { groupCommitted, inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { getAlert, type AlertView } from './alertQueries';
import { assertAlertParticipant } from './alertAccess';
import { recordEvent } from '../events/domainEvents';
import { ANSWERS, NOTE_MAX_LENGTH, OUTCOMES, type Answer, type Outcome } from './vocabulary';

function openAlertOrFail(db: Db, ref: string): AlertView {
  const alert = getAlert(db, ref);
  if (!alert) throw new DomainError({ key: 'alerts.errors.notFound', vars: { ref } });
  if (alert.status === 'closed') throw new DomainError({ key: 'alerts.errors.alreadyClosed', vars: { ref: alert.ref } });
  return alert;
}

function checkedNote(note: string | null | undefined): string | null {
  const text = note?.trim() || null;
  if (text && text.length > NOTE_MAX_LENGTH) throw new DomainError({ field: 'note', key: 'alerts.errors.tooLong', vars: { max: NOTE_MAX_LENGTH } });
  return text;
}

export interface AlertChangeRequest {
  ref: string;
  /**
   * The change was made on the cooperation channel's own post of the alert, which the person's
   * click updates in place for everyone: no update of that post needs to follow.
   */
  onChannelPost?: boolean;
  correlationId?: string;
}

/** The alert as the change left it, with the event that tells of it. */
function changed(db: Db, clock: Clock, ref: string, request: AlertChangeRequest): AlertView {
  const alert = getAlert(db, ref)!;
  recordEvent(db, clock, { type: 'alert.changed', ref, version: alert.version, onChannelPost: request.onChannelPost ?? false });
  return alert;
}

/**
 * Records what an authority knows of the company. One answer per authority: answering again
 * changes it. The reporting authority does not answer its own alert.
 */
function writeResponse(db: Db, clock: Clock, member: Member, request: AlertChangeRequest & { answer: string; note?: string | null }): AlertView {
  assertAlertParticipant(member);
  if (!(ANSWERS as readonly string[]).includes(request.answer)) throw new DomainError({ key: 'alerts.errors.unknownChoice' });
  const note = checkedNote(request.note);
  return inTransaction(db, () => {
    const alert = openAlertOrFail(db, request.ref);
    if (alert.reportingAuthority.id === member.authority.id) throw new DomainError({ key: 'alerts.errors.ownAlert' });
    const previous = alert.responses.find((r) => r.authorityId === member.authority.id);
    const now = clock.now().toISOString();
    sql(
      db,
      `INSERT INTO alert_responses (alert_id, authority_id, user_id, answer, note, responded_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(alert_id, authority_id) DO UPDATE SET user_id = excluded.user_id, answer = excluded.answer, note = excluded.note, responded_at = excluded.responded_at`,
    ).run(alert.id, member.authority.id, member.userId, request.answer, note, now);
    sql(db, 'UPDATE alerts SET version = version + 1, updated_at = ? WHERE id = ?').run(now, alert.id);
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'alert.responded',
      subjectType: 'alert',
      subjectRef: alert.ref,
      details: { answer: request.answer as Answer, previous: previous?.answer ?? null },
      correlationId: request.correlationId,
    });
    return changed(db, clock, alert.ref, request);
  });
}

/** Closes an alert with its outcome; only the reporting authority or a coordinator may. */
function writeClosing(db: Db, clock: Clock, member: Member, request: AlertChangeRequest & { outcome: string; note?: string | null }): AlertView {
  assertAlertParticipant(member);
  if (!(OUTCOMES as readonly string[]).includes(request.outcome)) throw new DomainError({ field: 'outcome', key: 'alerts.errors.chooseOutcome' });
  checkedNote(request.note);
  return inTransaction(db, () => {
    const alert = openAlertOrFail(db, request.ref);
    if (alert.reportingAuthority.id !== member.authority.id && member.role !== 'coordinator') throw new DomainError({ key: 'alerts.errors.notAllowedToClose' });
    const now = clock.now().toISOString();
    sql(db, "UPDATE alerts SET status = 'closed', outcome = ?, closed_at = ?, closed_by_user_id = ?, version = version + 1, updated_at = ? WHERE id = ?").run(
      request.outcome as Outcome,
      now,
      member.userId,
      now,
      alert.id,
    );
    appendAudit(db, clock, { actor: actorOf(member), action: 'alert.closed', subjectType: 'alert', subjectRef: alert.ref, details: { outcome: request.outcome }, correlationId: request.correlationId });
    return changed(db, clock, alert.ref, request);
  });
}

/** Group-committed: a posted alert brings answers from every state at once. */
export const respondToAlert = groupCommitted(writeResponse);

/** Group-committed like the answers it ends. */
export const closeAlert = groupCommitted(writeClosing);
