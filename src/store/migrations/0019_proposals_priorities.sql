-- Proposals brought to a close by their proposer (withdrawn) or by the coordinators (merged into
-- another), their comments, and the year's priorities that proposals and actions are tagged with.
-- Tables only, no ALTER (see 0017): proposals.status keeps its three values, and a closure here
-- says the proposal is withdrawn or merged.

CREATE TABLE IF NOT EXISTS proposal_closures (
  proposal_id     INTEGER PRIMARY KEY REFERENCES proposals(id),
  kind            TEXT NOT NULL CHECK (kind IN ('withdrawn', 'merged')),
  merged_into_id  INTEGER REFERENCES proposals(id),
  by_user_id      INTEGER NOT NULL REFERENCES users(id),
  authority_id    TEXT NOT NULL,
  at              TEXT NOT NULL,
  CHECK ((kind = 'merged') = (merged_into_id IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS proposal_closures_by_target ON proposal_closures(merged_into_id) WHERE merged_into_id IS NOT NULL;

-- A short comment on a proposal, with the Teams locale its author wrote it in.
CREATE TABLE IF NOT EXISTS proposal_comments (
  id             INTEGER PRIMARY KEY,
  proposal_id    INTEGER NOT NULL REFERENCES proposals(id),
  body           TEXT NOT NULL,
  locale         TEXT,
  user_id        INTEGER NOT NULL REFERENCES users(id),
  authority_id   TEXT NOT NULL,
  at             TEXT NOT NULL,
  -- The same comment form sent twice (a resent invoke) makes one comment.
  idempotency_key TEXT UNIQUE
);
CREATE INDEX IF NOT EXISTS proposal_comments_by_proposal ON proposal_comments(proposal_id, id);

-- The year's priorities: each a NACE division, a topic of the plan's vocabulary, or both. Removing
-- one keeps its row (removed_at), so the proposals and actions tagged with it stay readable.
CREATE TABLE IF NOT EXISTS plan_priorities (
  id              INTEGER PRIMARY KEY,
  plan_year       INTEGER NOT NULL,
  sector          TEXT,
  topic           TEXT,
  position        INTEGER NOT NULL,
  set_by_user_id  INTEGER REFERENCES users(id),
  created_at      TEXT NOT NULL,
  removed_at      TEXT,
  CHECK (sector IS NOT NULL OR topic IS NOT NULL)
);
CREATE UNIQUE INDEX IF NOT EXISTS plan_priorities_unique ON plan_priorities(plan_year, coalesce(sector, ''), coalesce(topic, ''));

-- How many times a year's priorities were set: a form shown before the last change is refused.
CREATE TABLE IF NOT EXISTS plan_priority_versions (
  plan_year  INTEGER PRIMARY KEY,
  version    INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS proposal_priorities (
  proposal_id  INTEGER NOT NULL REFERENCES proposals(id),
  priority_id  INTEGER NOT NULL REFERENCES plan_priorities(id),
  PRIMARY KEY (proposal_id, priority_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS action_priorities (
  action_id    INTEGER NOT NULL REFERENCES actions(id),
  priority_id  INTEGER NOT NULL REFERENCES plan_priorities(id),
  PRIMARY KEY (action_id, priority_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS action_priorities_by_priority ON action_priorities(priority_id);
