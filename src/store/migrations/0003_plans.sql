-- Annual plan: action creation and updates, carry-over into the next year's plan, coordinators as
-- data, and the key that signs report and CSV links opened outside Teams.

-- An action is carried over into the next year's plan at most once, whoever asks and however often.
CREATE UNIQUE INDEX actions_one_copy_per_origin ON actions(origin_action_id) WHERE origin_action_id IS NOT NULL;

-- A creation form resent by Teams, or clicked twice, creates one action.
ALTER TABLE actions ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX actions_by_idempotency_key ON actions(idempotency_key) WHERE idempotency_key IS NOT NULL;
ALTER TABLE actions ADD COLUMN created_by_user_id INTEGER REFERENCES users(id);

CREATE INDEX action_sectors_by_code ON action_sectors(nace_code);

-- The timeline says what each entry was, and which version of the action it produced, so that a
-- refused stale update can tell who changed the action meanwhile.
ALTER TABLE action_updates ADD COLUMN kind TEXT NOT NULL DEFAULT 'status'
  CHECK (kind IN ('created', 'status', 'note', 'carried_over'));
ALTER TABLE action_updates ADD COLUMN action_version INTEGER;

-- Coordinators are data: src/reference/coordinators.json lists their Entra object ids and is copied
-- here at every start. A user on the list is a coordinator from their first visit on.
CREATE TABLE coordinators (
  aad_object_id  TEXT PRIMARY KEY COLLATE NOCASE,
  member_state   TEXT NOT NULL,
  label          TEXT
) WITHOUT ROWID;

CREATE TRIGGER users_coordinator_from_list AFTER INSERT ON users
  WHEN EXISTS (SELECT 1 FROM coordinators c WHERE c.aad_object_id = new.aad_object_id)
BEGIN
  UPDATE users SET role = 'coordinator' WHERE id = new.id;
END;

-- One secret per store, made on first use: report and CSV links in cards open in a browser, where
-- no Teams token exists, so they carry a short-lived signature instead.
CREATE TABLE link_signing_keys (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  secret      TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
