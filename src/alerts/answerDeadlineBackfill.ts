import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit';
import { today } from '../inspections/dates';
import { answersDueOn, DEFAULT_ANSWER_DAYS, type AnswerDays } from './answerDeadlines';
import type { Urgency } from './vocabulary';
import { inBatches, type BatchOptions } from '../store/batches';

export interface BackfillRun {
  /** Alerts given a deadline in this run. */
  given: number;
  /** Of these, deadlines that had already passed: recorded as decided, with no reminder. */
  passed: number;
}

interface WaitingAlert {
  id: number;
  ref: string;
  urgency: Urgency;
  createdAt: string;
  state: string;
}

/**
 * Gives a deadline for answers to the open urgent and priority alerts posted before deadlines
 * existed: the same rule as a new alert (working days of the reporting authority's state, or the
 * registration country for an EU-level reporter, counted from the day it was posted), so an old
 * alert reads as if it had had one from the start. One batch, in one transaction: the alert, its
 * audit entry and, for a deadline already passed, the reminder decided as not sent.
 *
 * Why a passed deadline gets no reminder: the reminder says "answers were asked for by <date>",
 * which nobody was ever told for these alerts, and the first start after the upgrade would post
 * one into the thread of every old open alert at once (the cooperation channel flooded, Teams'
 * rate limits hit, the real reminders lost among them). Such an alert still shows its deadline and
 * who has not answered on its card and in /mine; a later correction of its urgency sets a new
 * deadline, reminded of as any other.
 *
 * Idempotent: only alerts without a deadline are read (a partial index, migration 0029, holds
 * exactly those), and each is given one once; a rerun, concurrent or after a crash, finds none.
 */
export function backfillAnswerDeadlines(db: Db, clock: Clock, days: AnswerDays = DEFAULT_ANSWER_DAYS, batchSize = 200): BackfillRun {
  return inTransaction(db, () => {
    const waiting = sql(
      db,
      `SELECT a.id, a.ref, a.urgency, a.created_at AS createdAt, COALESCE(au.member_state, a.registration_country) AS state
         FROM alerts a INDEXED BY alerts_open_without_answer_deadline
         JOIN authorities au ON au.id = a.reporting_authority_id
        WHERE a.answers_due_on IS NULL AND a.status = 'open' AND a.urgency <> 'routine'
        ORDER BY a.id LIMIT ${Math.max(1, Math.floor(batchSize))}`,
    ).all() as WaitingAlert[];
    const run: BackfillRun = { given: 0, passed: 0 };
    if (waiting.length === 0) return run;
    const day = today(clock);
    const now = clock.now().toISOString();
    // Alerts of the same state, day and urgency share a deadline: counted once (holidays are slow to ask).
    const counted = new Map<string, string | null>();
    const setDeadline = sql(db, 'UPDATE alerts SET answers_due_on = ? WHERE id = ? AND answers_due_on IS NULL');
    const decideNoReminder = sql(db, "INSERT OR IGNORE INTO alert_answer_reminders (alert_id, for_date, decided_at, outcome) VALUES (?, ?, ?, 'passed_before_backfill')");
    for (const alert of waiting) {
      const key = `${alert.state}|${alert.createdAt.slice(0, 10)}|${alert.urgency}`;
      if (!counted.has(key)) counted.set(key, answersDueOn(alert.urgency, alert.createdAt, alert.state, days));
      const dueOn = counted.get(key)!;
      if (dueOn === null) continue;
      setDeadline.run(dueOn, alert.id);
      // Passed means what the reminder job means by it: the deadline is before today.
      const passed = dueOn < day;
      if (passed) decideNoReminder.run(alert.id, dueOn, now);
      appendAudit(db, clock, {
        actor: SYSTEM_ACTOR,
        action: 'alert.answer_deadline_backfilled',
        subjectType: 'alert',
        subjectRef: alert.ref,
        details: { answersDueOn: dueOn, passedAtBackfill: passed },
      });
      run.given += 1;
      if (passed) run.passed += 1;
    }
    return run;
  });
}

/** The scheduled form: batches with the event loop free in between, as retention does, until none is left. */
export function backfillAnswerDeadlinesInBatches(db: Db, clock: Clock, days: AnswerDays = DEFAULT_ANSWER_DAYS, options: BatchOptions = {}): Promise<BackfillRun> {
  return inBatches((limit) => backfillAnswerDeadlines(db, clock, days, limit), { given: 0, passed: 0 }, ['given'], 200, options);
}
