-- Every change of the cooperation's membership, in order: a state or authority added, deactivated
-- or reactivated, and by whom. participant_changes holds what the start-up sync must not undo (one
-- row per kind of change, the latest); this keeps each one, so a state that left and came back
-- shows both, and reactivating a state brings back exactly the authorities that left with it
-- (`with_state`), not one deactivated on its own before. Tables only, no ALTER (see 0017).
CREATE TABLE IF NOT EXISTS participant_history (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('member_state', 'authority')),
  id          TEXT NOT NULL,
  change      TEXT NOT NULL CHECK (change IN ('added', 'deactivated', 'reactivated')),
  -- For an authority deactivated or reactivated with its state: that state.
  with_state  TEXT,
  by_user_id  INTEGER REFERENCES users(id),
  at          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS participant_history_by_subject ON participant_history (kind, id, seq);
