-- Information requests between authorities (issue 15), IMI's way: pre-translated questions from
-- src/requests/questions.json, one deadline per addressed authority counted in its state's
-- working days. The status of each addressed authority's part is kept on its row; the request
-- itself is only open, closed (by the requester) or withdrawn.
CREATE TABLE IF NOT EXISTS information_requests (
  id                      INTEGER PRIMARY KEY,
  ref                     TEXT NOT NULL UNIQUE,
  requester_user_id       INTEGER NOT NULL REFERENCES users(id),
  requester_authority_id  TEXT NOT NULL REFERENCES authorities(id),
  company_id              INTEGER NOT NULL REFERENCES companies(id),
  alert_ref               TEXT,
  inspection_ref          TEXT,
  free_question           TEXT,
  urgency                 TEXT NOT NULL CHECK (urgency IN ('urgent', 'normal')),
  imi_request_number      TEXT,
  case_reference          TEXT,
  status                  TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'withdrawn')),
  idempotency_key         TEXT NOT NULL UNIQUE,
  version                 INTEGER NOT NULL DEFAULT 1,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  ended_at                TEXT
);
CREATE INDEX IF NOT EXISTS information_requests_by_created ON information_requests(created_at DESC);
CREATE INDEX IF NOT EXISTS information_requests_by_requester ON information_requests(requester_authority_id, created_at DESC);
CREATE INDEX IF NOT EXISTS information_requests_by_company ON information_requests(company_id);

CREATE TABLE IF NOT EXISTS information_request_questions (
  request_id   INTEGER NOT NULL REFERENCES information_requests(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  question_id  TEXT NOT NULL,
  PRIMARY KEY (request_id, position)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS information_request_addressees (
  request_id             INTEGER NOT NULL REFERENCES information_requests(id) ON DELETE CASCADE,
  authority_id           TEXT NOT NULL REFERENCES authorities(id),
  status                 TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'acknowledged', 'answered_partially', 'answered_fully')),
  due_date               TEXT NOT NULL,
  acknowledged_at        TEXT,
  answered_at            TEXT,
  free_text              TEXT,
  sources_note           TEXT,
  proposed_due_date      TEXT,
  proposed_reason        TEXT,
  PRIMARY KEY (request_id, authority_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS information_request_addressees_by_authority ON information_request_addressees(authority_id, request_id);

-- One answer per question per addressed authority; answering again replaces it. The value is the
-- typed answer as JSON ("yes", "2026-12-01", 12.5, {"from":...,"to":...}, an option id, a text).
CREATE TABLE IF NOT EXISTS information_request_answers (
  request_id    INTEGER NOT NULL REFERENCES information_requests(id) ON DELETE CASCADE,
  authority_id  TEXT NOT NULL REFERENCES authorities(id),
  question_id   TEXT NOT NULL,
  value_json    TEXT NOT NULL,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  answered_at   TEXT NOT NULL,
  PRIMARY KEY (request_id, authority_id, question_id)
) WITHOUT ROWID;

-- Reminders of an addressed authority's deadline, decided once per (request, authority, kind,
-- deadline): a restart or a second run posts nothing twice, and a deadline moved by an accepted
-- proposal is reminded again for its new date.
CREATE TABLE IF NOT EXISTS information_request_reminders (
  request_id    INTEGER NOT NULL REFERENCES information_requests(id) ON DELETE CASCADE,
  authority_id  TEXT NOT NULL REFERENCES authorities(id),
  kind          TEXT NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  for_date      TEXT NOT NULL,
  decided_at    TEXT NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome IN ('queued', 'no_channel')),
  PRIMARY KEY (request_id, authority_id, kind, for_date)
) WITHOUT ROWID;
