-- Information requests (issue 15), tables only and each created if missing, so a store migrated
-- again from an older version (test/submissions) runs this twice without harm.
--
-- Who wrote an addressed authority's free-text reply and its note on sources: each is kept (or
-- replaced) on its own, so its author, and the language they wrote in (their Teams locale), is
-- that of the last answer that gave it. The free question's author is the requester, and a typed
-- answer's its row's user.
CREATE TABLE IF NOT EXISTS information_request_text_authors (
  request_id    INTEGER NOT NULL REFERENCES information_requests(id) ON DELETE CASCADE,
  authority_id  TEXT NOT NULL REFERENCES authorities(id),
  field         TEXT NOT NULL CHECK (field IN ('free_text', 'sources_note')),
  user_id       INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (request_id, authority_id, field)
) WITHOUT ROWID;

-- Retention as for alerts: when a closed or withdrawn request's personal data (its free texts
-- and text answers) was hidden. Deleting the request deletes this row with it.
CREATE TABLE IF NOT EXISTS information_request_retention (
  request_id               INTEGER PRIMARY KEY REFERENCES information_requests(id) ON DELETE CASCADE,
  personal_data_hidden_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS information_requests_by_ended ON information_requests(ended_at) WHERE ended_at IS NOT NULL;
