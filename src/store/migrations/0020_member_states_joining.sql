-- The open process: coordinators add a member state and its authorities from Teams or the tab, and
-- remove one by deactivating it (history keeps pointing at it). participants.json is still applied
-- at every start; this table is what that sync must not undo: a state or authority added in the
-- app stays (and keeps its e-mail domains and tenants), and one deactivated in the app stays
-- inactive even though the file lists it. Tables only, no ALTER (see 0017).
CREATE TABLE IF NOT EXISTS participant_changes (
  kind        TEXT NOT NULL CHECK (kind IN ('member_state', 'authority')),
  id          TEXT NOT NULL,
  change      TEXT NOT NULL CHECK (change IN ('added', 'deactivated')),
  by_user_id  INTEGER REFERENCES users(id),
  -- The form it came from: a resent submission finds what the first one did.
  form_id     TEXT,
  at          TEXT NOT NULL,
  PRIMARY KEY (kind, id, change)
) WITHOUT ROWID;
