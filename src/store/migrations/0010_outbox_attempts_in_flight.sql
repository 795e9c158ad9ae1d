-- A send is recorded as started before it goes out and as answered the moment the connector
-- answers. A message still marked as started when the app starts was cut off mid-send (kill -9,
-- power loss): Teams may or may not have it, and the Bot Connector has no idempotency key to ask.
ALTER TABLE outbox ADD COLUMN attempt_started_at TEXT;

-- Each conversation's posts go out in the order they were queued, the first pending one holding
-- back the rest (a retry included); conversations are independent. After each send, a
-- conversation's next message is found here without reading the ones already sent.
CREATE INDEX outbox_pending_by_conversation ON outbox(conversation_id, id) WHERE status = 'pending';
