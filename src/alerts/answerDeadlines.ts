import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit';
import { hasCooperationChannel } from '../conversations/conversationReferences';
import { recordEvent } from '../events/domainEvents';
import { today } from '../inspections/dates';
import { addWorkingDays } from '../requests/workingDays';
import type { Urgency } from './vocabulary';

/** Working days within which an alert asks for answers, by urgency; a routine alert sets none. */
export type AnswerDays = Record<Exclude<Urgency, 'routine'>, number>;

export const DEFAULT_ANSWER_DAYS: AnswerDays = { urgent: 2, priority: 5 };

/**
 * The day answers are asked for by: counted in working days of the reporting authority's state
 * (its weekends and public holidays do not count; the day of posting does not either), from the
 * day the alert was posted, so that changing the urgency later moves the deadline from the same
 * start. An EU-level reporter has no state: the alert's registration country is counted then.
 */
export function answersDueOn(urgency: Urgency, postedAt: string, state: string, days: AnswerDays = DEFAULT_ANSWER_DAYS): string | null {
  if (urgency === 'routine') return null;
  return addWorkingDays(state, postedAt.slice(0, 10), days[urgency]);
}

export interface AwaitedAuthority {
  id: string;
  shortName: string;
  memberState: string | null;
}

/**
 * The authorities an alert waits for: the participating authorities of the countries concerned,
 * other than the reporting one, that have not answered yet.
 */
export function authoritiesNotAnswered(db: Db, alertId: number): AwaitedAuthority[] {
  return sql(
    db,
    `SELECT au.id, au.short_name AS shortName, au.member_state AS memberState
       FROM alerts a JOIN alert_countries ac ON ac.alert_id = a.id
       JOIN authorities au ON au.member_state = ac.member_state AND au.role = 'participant' AND au.active = 1
      WHERE a.id = ? AND au.id <> a.reporting_authority_id
        AND NOT EXISTS (SELECT 1 FROM alert_responses r WHERE r.alert_id = a.id AND r.authority_id = au.id)
      ORDER BY au.member_state, au.id`,
  ).all(alertId) as AwaitedAuthority[];
}

/**
 * Decides the "answers overdue" reminders: for every open alert whose deadline has passed while a
 * concerned authority has still not answered, one `alert.answers_overdue` event, stored under
 * (alert, deadline) in the same transaction, so runs (concurrent or after a restart) post it once
 * and one due while the app was down is posted at the next start. A deadline moved by an edit is
 * a new deadline, reminded of once in its turn.
 */
export function decideOverdueAnswerReminders(db: Db, clock: Clock): { queued: number; withoutChannel: number } {
  return inTransaction(db, () => {
    const run = { queued: 0, withoutChannel: 0 };
    const channel = hasCooperationChannel(db);
    const due = sql(
      db,
      `SELECT a.id, a.ref, a.answers_due_on AS dueOn FROM alerts a
        WHERE a.status = 'open' AND a.answers_due_on IS NOT NULL AND a.answers_due_on < ?
          AND NOT EXISTS (SELECT 1 FROM alert_answer_reminders r WHERE r.alert_id = a.id AND r.for_date = a.answers_due_on)
        ORDER BY a.answers_due_on, a.id`,
    ).all(today(clock)) as Array<{ id: number; ref: string; dueOn: string }>;
    for (const alert of due) {
      const waitingFor = authoritiesNotAnswered(db, alert.id);
      if (waitingFor.length === 0) continue;
      sql(db, 'INSERT INTO alert_answer_reminders (alert_id, for_date, decided_at, outcome) VALUES (?, ?, ?, ?)').run(alert.id, alert.dueOn, clock.now().toISOString(), channel ? 'queued' : 'no_channel');
      if (channel) recordEvent(db, clock, { type: 'alert.answers_overdue', ref: alert.ref, forDate: alert.dueOn });
      appendAudit(db, clock, {
        actor: SYSTEM_ACTOR,
        action: channel ? 'alert.answers_reminder_queued' : 'alert.answers_reminder_without_channel',
        subjectType: 'alert',
        subjectRef: alert.ref,
        details: { forDate: alert.dueOn, waitingFor: waitingFor.map((a) => a.id) },
      });
      if (channel) run.queued += 1;
      else run.withoutChannel += 1;
    }
    return run;
  });
}
