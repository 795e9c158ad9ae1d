-- The outbox kept every posted card (company names, identifiers, summaries) for ever, out of reach
-- of the retention rules. Now a message holds either a ready activity or only a reference to the
-- record whose card is drawn at send time, and its content is cleared once Teams has it (or once
-- it is given up on). A message whose record is gone by then (deleted by retention) is 'dropped'.
CREATE TABLE outbox_new (
  id                 INTEGER PRIMARY KEY,
  conversation_id    TEXT NOT NULL,
  dedupe_key         TEXT NOT NULL UNIQUE,
  kind               TEXT NOT NULL CHECK (kind IN ('post', 'update')),
  content_json       TEXT NOT NULL,
  target_activity_id TEXT,
  status             TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at    TEXT NOT NULL,
  last_error         TEXT,
  sent_activity_id   TEXT,
  created_at         TEXT NOT NULL,
  sent_at            TEXT
);
INSERT INTO outbox_new (id, conversation_id, dedupe_key, kind, content_json, target_activity_id, status, attempts,
                        next_attempt_at, last_error, sent_activity_id, created_at, sent_at)
  SELECT id, conversation_id, dedupe_key, kind,
         CASE WHEN status = 'pending' THEN json_object('activity', json(activity_json)) ELSE 'null' END,
         target_activity_id, status, attempts, next_attempt_at, last_error, sent_activity_id, created_at, sent_at
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
