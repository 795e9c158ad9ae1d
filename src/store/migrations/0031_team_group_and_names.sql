-- What a Teams deep link to a channel post carries besides the channel and the post
-- (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-teams,
-- "Deep links to navigate to channel conversation"): the team's Microsoft Entra group id
-- (`channelData.team.aadGroupId`) and the team's and channel's names, as Teams gives them in the
-- install's conversationUpdate and in later team events (teamRenamed, channelRenamed, ...). Null
-- when Teams never said (installs before this, chats, the General channel that Teams sends unnamed).
-- When the post was sent, the link's createdTime, is the outbox's sent_at (kept since 0001).
ALTER TABLE conversation_references ADD COLUMN team_aad_group_id TEXT;
ALTER TABLE conversation_references ADD COLUMN team_name TEXT;
ALTER TABLE conversation_references ADD COLUMN channel_name TEXT;
