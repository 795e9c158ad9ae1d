-- Per-reader views of channel cards. Teams refreshes a card automatically for the users its
-- `refresh.userIds` lists (at most 60): the channel's most recently active people, by their Teams
-- id ("29:..."). One row per person, moved forward when they act in the cooperation channel
-- again; the newest 60 are read when a card is drawn. Nothing else about them is kept here.
CREATE TABLE IF NOT EXISTS channel_readers (
  teams_user_id   TEXT PRIMARY KEY,
  last_active_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS channel_readers_by_recency ON channel_readers(last_active_at DESC);
