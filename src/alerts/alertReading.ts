import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { assertAlertParticipant } from './alertAccess';
import { getAlert, listAlerts, type AlertListFilter, type AlertListItem, type AlertView } from './alertQueries';

/**
 * An alert or a page of alerts as a member reads them: participating authorities only. The
 * queries without a member stay for what is not one person reading (the channel's shared card,
 * the commands' own checks, retention).
 */
export function readAlert(db: Db, member: Member, ref: string): AlertView | null {
  assertAlertParticipant(member);
  return getAlert(db, ref);
}

export function readAlertList(db: Db, member: Member, filter: AlertListFilter): { items: AlertListItem[]; hasMore: boolean } {
  assertAlertParticipant(member);
  return listAlerts(db, filter);
}

/**
 * An alert as one member opens it on its own (the tab's detail): participating authorities only,
 * and the read audited in its own transaction, with the version they saw.
 */
export function readAlertDetail(db: Db, clock: Clock, member: Member, ref: string, correlationId?: string): AlertView | null {
  assertAlertParticipant(member);
  return inTransaction(db, () => {
    const alert = getAlert(db, ref);
    if (alert) appendAudit(db, clock, { actor: actorOf(member), action: 'alert.read', subjectType: 'alert', subjectRef: alert.ref, details: { version: alert.version }, correlationId });
    return alert;
  });
}

/** Each list of the member's own alerts holds at most this many, newest first. */
export const EDITABLE_ALERTS_SHOWN = 25;

export interface EditableAlertItem {
  ref: string;
  companyName: string;
  urgency: AlertView['urgency'];
  createdAt: string;
  answersDueOn: string | null;
}

/**
 * The open alerts this member may correct or withdraw (`mayEditAlert`: those they posted, or, for a
 * coordinator, those of their state's authorities), newest first; the listing is audited as a read.
 */
export function readEditableAlerts(db: Db, clock: Clock, member: Member, correlationId?: string): { items: EditableAlertItem[]; total: number } {
  assertAlertParticipant(member);
  return inTransaction(db, () => {
    const coordinator = member.role === 'coordinator';
    const rows = sql(
      db,
      `SELECT a.ref, c.name AS companyName, a.urgency, a.created_at AS createdAt, a.answers_due_on AS answersDueOn
         FROM alerts a JOIN companies c ON c.id = a.company_id JOIN authorities au ON au.id = a.reporting_authority_id
        WHERE a.status = 'open'
          AND (a.reporting_user_id = @userId
               OR (@coordinator = 1 AND (au.member_state = @state OR (au.member_state IS NULL AND au.id = @authority))))
        ORDER BY a.created_at DESC, a.id DESC`,
    ).all({ userId: member.userId, coordinator: coordinator ? 1 : 0, state: member.authority.memberState, authority: member.authority.id }) as EditableAlertItem[];
    const items = rows.slice(0, EDITABLE_ALERTS_SHOWN);
    appendAudit(db, clock, { actor: actorOf(member), action: 'alert.listed', subjectType: 'alert', details: { view: 'editable', refs: items.map((item) => item.ref) }, correlationId });
    return { items, total: rows.length };
  });
}
