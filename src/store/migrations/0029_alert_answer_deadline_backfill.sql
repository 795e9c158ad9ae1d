-- Alerts posted before answer deadlines existed (0023) have none. Working days with each state's
-- public holidays cannot be counted in SQL, so the deadlines are given by code
-- (src/alerts/answerDeadlineBackfill.ts, run at start); this migration prepares for it.

-- The alerts that still wait for one: open, urgent or priority, no deadline. A new alert gets its
-- deadline when it is posted, so once the backfill has run this index is empty and every later
-- start finds that out with one seek.
CREATE INDEX alerts_open_without_answer_deadline ON alerts(id)
  WHERE answers_due_on IS NULL AND status = 'open' AND urgency <> 'routine';

-- A backfilled deadline that had already passed when it was given is recorded as decided without
-- a reminder ('passed_before_backfill'), so that the first start after the upgrade does not post
-- a reminder for every old alert at once. SQLite cannot widen a CHECK in place: the table is
-- rebuilt with its rows (nothing refers to it).
CREATE TABLE alert_answer_reminders_new (
  alert_id    INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  for_date    TEXT NOT NULL,
  decided_at  TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('queued', 'no_channel', 'passed_before_backfill')),
  PRIMARY KEY (alert_id, for_date)
) WITHOUT ROWID;
INSERT INTO alert_answer_reminders_new (alert_id, for_date, decided_at, outcome)
  SELECT alert_id, for_date, decided_at, outcome FROM alert_answer_reminders;
DROP TABLE alert_answer_reminders;
ALTER TABLE alert_answer_reminders_new RENAME TO alert_answer_reminders;
