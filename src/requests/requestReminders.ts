import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit';
import { hasCooperationChannel } from '../conversations/conversationReferences';
import { recordEvent } from '../events/domainEvents';
import { today } from '../inspections/dates';
import { previousWorkingDay } from './workingDays';

export const REQUEST_REMINDER_KINDS = ['due_soon', 'overdue'] as const;
export type RequestReminderKind = (typeof REQUEST_REMINDER_KINDS)[number];

export function isRequestReminderKind(value: unknown): value is RequestReminderKind {
  return (REQUEST_REMINDER_KINDS as readonly unknown[]).includes(value);
}

interface Candidate {
  requestId: number;
  ref: string;
  authorityId: string;
  memberState: string;
  dueDate: string;
}

/**
 * Decides the deadline reminders that are due, for every part of an open request not fully
 * answered: "due soon" on the addressed state's working day before the deadline (until the
 * deadline), "overdue" once it has passed. Each is stored under (request, authority, kind,
 * deadline) in the transaction of its event, so runs, concurrent or after a restart, post each
 * once; one due while the app was down is posted at the next start.
 */
export function decideDueRequestReminders(db: Db, clock: Clock): { queued: number; withoutChannel: number } {
  return inTransaction(db, () => {
    const day = today(clock);
    const channel = hasCooperationChannel(db);
    const run = { queued: 0, withoutChannel: 0 };
    // Deadlines within a fortnight hold every "working day before" there can be (holidays included).
    const candidates = sql(
      db,
      `SELECT r.id AS requestId, r.ref, a.authority_id AS authorityId, au.member_state AS memberState, a.due_date AS dueDate
         FROM information_requests r JOIN information_request_addressees a ON a.request_id = r.id JOIN authorities au ON au.id = a.authority_id
        WHERE r.status = 'open' AND a.status <> 'answered_fully' AND a.due_date <= date(@today, '+14 days')
        ORDER BY a.due_date, r.id, a.authority_id`,
    ).all({ today: day }) as Candidate[];
    for (const part of candidates) {
      const kind: RequestReminderKind | null = part.dueDate < day ? 'overdue' : previousWorkingDay(part.memberState, part.dueDate) <= day ? 'due_soon' : null;
      if (!kind) continue;
      const decided = sql(db, 'SELECT 1 FROM information_request_reminders WHERE request_id = ? AND authority_id = ? AND kind = ? AND for_date = ?').get(part.requestId, part.authorityId, kind, part.dueDate);
      if (decided) continue;
      sql(db, 'INSERT INTO information_request_reminders (request_id, authority_id, kind, for_date, decided_at, outcome) VALUES (?, ?, ?, ?, ?, ?)').run(
        part.requestId,
        part.authorityId,
        kind,
        part.dueDate,
        clock.now().toISOString(),
        channel ? 'queued' : 'no_channel',
      );
      if (channel) recordEvent(db, clock, { type: 'request.reminder_due', ref: part.ref, authorityId: part.authorityId, kind, forDate: part.dueDate });
      appendAudit(db, clock, {
        actor: SYSTEM_ACTOR,
        action: channel ? 'request.reminder_queued' : 'request.reminder_without_channel',
        subjectType: 'information_request',
        subjectRef: part.ref,
        details: { authorityId: part.authorityId, kind, forDate: part.dueDate },
      });
      if (channel) run.queued += 1;
      else run.withoutChannel += 1;
    }
    return run;
  });
}
