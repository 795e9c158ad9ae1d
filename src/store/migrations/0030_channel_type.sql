-- What kind of channel a conversation is, as Teams says in `channelData.channel.type` (standard,
-- shared or private; null when Teams did not say). Teams does not deliver tag mentions in shared
-- and private channels, so whom a post mentions depends on it.
ALTER TABLE conversation_references ADD COLUMN channel_type TEXT CHECK (channel_type IN ('standard', 'shared', 'private'));
