-- The Teams tag that reaches an authority's people in the cooperation channel's team, when a
-- deployment configured one (participants.json `teamsTag`): a channel post then mentions the tag
-- instead of the authority's people one by one. Kept in the store, synced at every start like
-- the rest of participants.json.
CREATE TABLE IF NOT EXISTS authority_teams_tags (
  authority_id  TEXT PRIMARY KEY REFERENCES authorities(id),
  tag_id        TEXT NOT NULL,
  tag_name      TEXT NOT NULL
);

-- "My open items" asks, per authority, which of its people are known: by authority, latest first.
CREATE INDEX IF NOT EXISTS users_by_authority ON users(authority_id, last_seen_at);
