-- Concerted and joint inspections (CJIs): lookups by status and place, reminder bookkeeping, and
-- personal calendar links.

CREATE INDEX inspections_by_status ON inspections(status, start_date);
CREATE INDEX inspections_by_place ON inspections(place_state, start_date);

-- One row per reminder decided, so that a restart neither repeats nor misses one. A postponed
-- inspection has new dates, hence new keys, hence new reminders.
CREATE TABLE inspection_reminders (
  inspection_id  INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('starts_soon', 'report_due')),
  for_date       TEXT NOT NULL,
  decided_at     TEXT NOT NULL,
  -- 'no_channel': it was due while the app had no cooperation channel; it is not sent late.
  outcome        TEXT NOT NULL CHECK (outcome IN ('queued', 'no_channel')),
  PRIMARY KEY (inspection_id, kind, for_date)
) WITHOUT ROWID;

-- Secret links to the iCalendar feed. Only a SHA-256 hash of the secret is stored: the link is
-- shown once to its owner, and a leaked store does not open anyone's feed.
CREATE TABLE calendar_links (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  secret_hash   TEXT NOT NULL UNIQUE,
  language      TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  revoked_at    TEXT,
  last_read_at  TEXT
);
CREATE INDEX calendar_links_active_by_user ON calendar_links(user_id) WHERE revoked_at IS NULL;
