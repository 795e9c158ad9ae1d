import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { getAlert, type AlertView } from './alertQueries';
import { assertAlertParticipant } from './alertAccess';
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

/**
 * Records what an authority knows of the company. One answer per authority: answering again
 * changes it. The reporting authority does not answer its own alert.
 */
export function respondToAlert(db: Db, clock: Clock, member: Member, request: { ref: string; answer: string; note?: string | null; correlationId?: string }): AlertView {
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
    return getAlert(db, alert.ref)!;
  });
}

/** Closes an alert with its outcome; only the reporting authority or a coordinator may. */
export function closeAlert(db: Db, clock: Clock, member: Member, request: { ref: string; outcome: string; note?: string | null; correlationId?: string }): AlertView {
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
    return getAlert(db, alert.ref)!;
  });
}
