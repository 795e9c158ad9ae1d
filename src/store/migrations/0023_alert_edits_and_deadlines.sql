-- A posted alert can be corrected (each edit kept, for its card's history and the audit) or
-- withdrawn with a reason: a withdrawn alert is closed (so retention applies to it as to any
-- closed alert) and remembers when, by whom and why.
ALTER TABLE alerts ADD COLUMN withdrawn_at TEXT;
ALTER TABLE alerts ADD COLUMN withdrawal_reason TEXT;
ALTER TABLE alerts ADD COLUMN withdrawn_by_user_id INTEGER REFERENCES users(id);
-- The day answers are asked for by (urgent and priority alerts; working days of the reporting state).
ALTER TABLE alerts ADD COLUMN answers_due_on TEXT;

CREATE TABLE alert_edits (
  id            INTEGER PRIMARY KEY,
  alert_id      INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  user_id       INTEGER REFERENCES users(id),
  authority_id  TEXT NOT NULL REFERENCES authorities(id),
  changes_json  TEXT NOT NULL,
  edited_at     TEXT NOT NULL
);
CREATE INDEX alert_edits_by_alert ON alert_edits(alert_id, id);

-- The "answers overdue" reminder, decided once per alert and deadline (restart-safe).
CREATE TABLE alert_answer_reminders (
  alert_id    INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  for_date    TEXT NOT NULL,
  decided_at  TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('queued', 'no_channel')),
  PRIMARY KEY (alert_id, for_date)
) WITHOUT ROWID;
CREATE INDEX alerts_open_by_answers_due ON alerts(answers_due_on) WHERE answers_due_on IS NOT NULL AND status = 'open';
