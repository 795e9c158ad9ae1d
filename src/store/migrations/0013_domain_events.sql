-- Domain events: each command writes its change and what happened (an alert created, an action's
-- status changed...) in one transaction. The Teams adapter's notifier reads them afterwards and
-- turns them into channel posts (src/events/domainEvents.ts, bot/notifier.ts). Events are only
-- appended; how far the notifier has read is one row, so taking a batch of events writes one page
-- rather than a flag on each. The payload holds references and versions, never a company's or a
-- person's data: cards are drawn from the records when the post is sent.
CREATE TABLE IF NOT EXISTS domain_events (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  subject_ref TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS event_consumers (
  name TEXT PRIMARY KEY,
  last_event_id INTEGER NOT NULL
) WITHOUT ROWID;

-- The outbox now only holds what to draw (a card's kind and subject), for every kind of post alike.
-- Posts queued ready-made by an older build and not sent yet are rewritten to what they showed,
-- found from their keys: a status change (action:<ref>:status:v<n>), a reminder
-- (cji:<ref>:reminder:<kind>:<date>), a welcome (its language is not kept: the catalogue's first).
-- An update queued for a post changed while it was being sent copies that post's content and key.
CREATE TEMP TABLE retired_posts AS
  SELECT id,
         CASE WHEN dedupe_key LIKE '%:changed-in-flight' THEN substr(dedupe_key, 1, length(dedupe_key) - 18) ELSE dedupe_key END AS base
    FROM outbox
   WHERE status = 'pending' AND json_extract(content_json, '$.activity') IS NOT NULL;

UPDATE outbox SET content_json = (
  SELECT CASE
           WHEN r.base LIKE 'action:%:status:v%' THEN json_object('card', json_object('kind', 'action-status',
             'subject', substr(r.base, 8, instr(r.base, ':status:v') - 8) || '@' || substr(r.base, instr(r.base, ':status:v') + 9)))
           WHEN r.base LIKE 'cji:%:reminder:%' THEN json_object('card', json_object('kind', 'cji-reminder',
             'subject', substr(r.base, 5, instr(r.base, ':reminder:') - 5) || '|' || replace(substr(r.base, instr(r.base, ':reminder:') + 10), ':', '|')))
           WHEN r.base LIKE 'welcome:%' THEN json_object('card', json_object('kind', 'welcome', 'subject', 'en'))
         END
    FROM retired_posts r WHERE r.id = outbox.id)
 WHERE id IN (SELECT id FROM retired_posts)
   AND (SELECT r.base LIKE 'action:%:status:v%' OR r.base LIKE 'cji:%:reminder:%' OR r.base LIKE 'welcome:%' FROM retired_posts r WHERE r.id = outbox.id);

-- Anything else of the old format has no record to draw it from: dropped, as a post whose record is gone.
UPDATE outbox SET status = 'dropped', content_json = 'null', last_error = 'queued in a format retired by migration 0013'
 WHERE status = 'pending' AND json_extract(content_json, '$.activity') IS NOT NULL;

DROP TABLE retired_posts;
