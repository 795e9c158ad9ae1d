-- The annual cycle: national endorsement of a draft plan, amendments to an agreed plan, and the
-- assessment frozen when the states adopt it.

-- Each participating state endorses a draft once; when all have, the plan is agreed.
CREATE TABLE IF NOT EXISTS plan_endorsements (
  plan_year            INTEGER NOT NULL REFERENCES plans(year),
  member_state         TEXT NOT NULL,
  endorsed_by_user_id  INTEGER NOT NULL REFERENCES users(id),
  authority_id         TEXT,
  endorsed_at          TEXT NOT NULL,
  PRIMARY KEY (plan_year, member_state)
) WITHOUT ROWID;

-- The meeting place can be given before the last endorsement (a coordinator's /plan <year> agree).
-- Tables only, no ALTER: a store brought back to an older schema version migrates again cleanly.
CREATE TABLE IF NOT EXISTS plan_meeting_places (
  plan_year  INTEGER PRIMARY KEY REFERENCES plans(year),
  place      TEXT NOT NULL,
  set_at     TEXT NOT NULL
);

-- An agreed plan changes only by amendment: an action added or cancelled after the agreement.
CREATE TABLE IF NOT EXISTS plan_amendments (
  id            INTEGER PRIMARY KEY,
  plan_year     INTEGER NOT NULL REFERENCES plans(year),
  action_ref    TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('added', 'cancelled')),
  by_user_id    INTEGER REFERENCES users(id),
  authority_id  TEXT,
  at            TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS plan_amendments_by_year ON plan_amendments(plan_year, id);

-- The published assessment: the figures as they were when frozen, so later edits do not move them.
CREATE TABLE IF NOT EXISTS plan_assessments (
  plan_year            INTEGER PRIMARY KEY REFERENCES plans(year),
  figures_json         TEXT NOT NULL,
  assessed_by_user_id  INTEGER REFERENCES users(id),
  assessed_at          TEXT NOT NULL
);

-- Proposals for next year's plan: any participating authority proposes an action (its fields, as
-- the action form checks them, kept whole in input_json), with why and the priority it serves;
-- others join (their state takes part) or support; coordinators accept (it becomes a planned
-- action of the draft, linked) or decline with a reason.
CREATE TABLE IF NOT EXISTS proposals (
  id                   INTEGER PRIMARY KEY,
  ref                  TEXT NOT NULL UNIQUE,
  plan_year            INTEGER NOT NULL,
  input_json           TEXT NOT NULL,
  rationale            TEXT NOT NULL,
  priority             TEXT NOT NULL,
  status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined')),
  decision_reason      TEXT,
  action_id            INTEGER REFERENCES actions(id),
  proposed_by_user_id  INTEGER NOT NULL REFERENCES users(id),
  authority_id         TEXT NOT NULL,
  idempotency_key      TEXT UNIQUE,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS proposals_by_year ON proposals(plan_year, id);

CREATE TABLE IF NOT EXISTS proposal_joins (
  proposal_id   INTEGER NOT NULL REFERENCES proposals(id),
  member_state  TEXT NOT NULL,
  authority_id  TEXT NOT NULL,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  at            TEXT NOT NULL,
  PRIMARY KEY (proposal_id, member_state)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS proposal_supports (
  proposal_id   INTEGER NOT NULL REFERENCES proposals(id),
  authority_id  TEXT NOT NULL,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  at            TEXT NOT NULL,
  PRIMARY KEY (proposal_id, authority_id)
) WITHOUT ROWID;
-- An action comes from one proposal at most.
CREATE UNIQUE INDEX IF NOT EXISTS proposals_by_action ON proposals(action_id) WHERE action_id IS NOT NULL;
