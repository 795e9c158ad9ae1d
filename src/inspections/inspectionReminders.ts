import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit';
import { getInspection, type InspectionView } from './inspectionQueries';
import { hasCooperationChannel } from '../conversations/conversationReferences';
import { recordEvent } from '../events/domainEvents';
import { today } from './dates';
import type { ReminderKind } from './vocabulary';

export interface ReminderPolicy {
  /** "Starts soon" is posted this many days before the first day. */
  daysBefore: number;
  /** "Report due" is posted this many days after the last day when no report was shared. */
  reportDueDays: number;
}

export interface DueReminder {
  kind: ReminderKind;
  /** The date the reminder is about: the start date, or the end date for "report due". */
  forDate: string;
  inspection: InspectionView;
}

/**
 * Reminders whose day has come and that were never decided. "Starts soon" runs until the first
 * day, not after; it is skipped for an inspection scheduled inside the window, whose own channel
 * post was the heads-up. "Report due" concerns inspections agreed or carried out without a report.
 */
function dueReminders(db: Db, day: string, policy: ReminderPolicy): Array<{ id: number; kind: ReminderKind; forDate: string }> {
  return sql(
    db,
    `SELECT i.id, 'starts_soon' AS kind, i.start_date AS forDate FROM inspections i
      WHERE i.status IN ('proposed', 'agreed', 'postponed')
        AND i.start_date >= @today AND i.start_date <= date(@today, '+' || @daysBefore || ' days')
        AND substr(i.created_at, 1, 10) < date(i.start_date, '-' || @daysBefore || ' days')
        AND NOT EXISTS (SELECT 1 FROM inspection_reminders r WHERE r.inspection_id = i.id AND r.kind = 'starts_soon' AND r.for_date = i.start_date)
     UNION ALL
     SELECT i.id, 'report_due' AS kind, i.end_date AS forDate FROM inspections i
      WHERE i.status IN ('agreed', 'carried_out')
        AND date(i.end_date, '+' || @reportDueDays || ' days') <= @today
        AND NOT EXISTS (SELECT 1 FROM inspection_reminders r WHERE r.inspection_id = i.id AND r.kind = 'report_due' AND r.for_date = i.end_date)
     ORDER BY 3, 1`,
  ).all({ today: day, daysBefore: policy.daysBefore, reportDueDays: policy.reportDueDays }) as Array<{ id: number; kind: ReminderKind; forDate: string }>;
}

export interface ReminderRun {
  queued: number;
  withoutChannel: number;
}

/**
 * Decides every reminder that is due: with a cooperation channel, an `inspection.reminder_due`
 * event for its post. The decision is stored under (inspection, kind, date), so running it again,
 * concurrently or after a restart, posts nothing twice; one missed while the app was down is
 * posted at the next start.
 */
export function decideDueReminders(db: Db, clock: Clock, policy: ReminderPolicy): ReminderRun {
  return inTransaction(db, () => {
    const run: ReminderRun = { queued: 0, withoutChannel: 0 };
    const now = clock.now().toISOString();
    const channel = hasCooperationChannel(db);
    for (const due of dueReminders(db, today(clock), policy)) {
      const ref = (sql(db, 'SELECT ref FROM inspections WHERE id = ?').get(due.id) as { ref: string }).ref;
      if (channel) recordEvent(db, clock, { type: 'inspection.reminder_due', ref, kind: due.kind, forDate: due.forDate });
      sql(db, 'INSERT INTO inspection_reminders (inspection_id, kind, for_date, decided_at, outcome) VALUES (?, ?, ?, ?, ?)').run(
        due.id,
        due.kind,
        due.forDate,
        now,
        channel ? 'queued' : 'no_channel',
      );
      if (channel) run.queued += 1;
      else run.withoutChannel += 1;
      appendAudit(db, clock, {
        actor: SYSTEM_ACTOR,
        action: channel ? 'inspection.reminder_queued' : 'inspection.reminder_without_channel',
        subjectType: 'inspection',
        subjectRef: ref,
        details: { kind: due.kind, forDate: due.forDate },
      });
    }
    return run;
  });
}

export function remindersOf(db: Db, inspectionId: number): Array<{ kind: ReminderKind; forDate: string; outcome: string }> {
  return sql(db, 'SELECT kind, for_date AS forDate, outcome FROM inspection_reminders WHERE inspection_id = ? ORDER BY decided_at, kind').all(inspectionId) as Array<{
    kind: ReminderKind;
    forDate: string;
    outcome: string;
  }>;
}

/** A decided reminder as its post shows it when sent; null once the inspection is gone. */
export function dueReminder(db: Db, ref: string, kind: ReminderKind, forDate: string): DueReminder | null {
  const inspection = getInspection(db, ref);
  return inspection ? { kind, forDate, inspection } : null;
}
