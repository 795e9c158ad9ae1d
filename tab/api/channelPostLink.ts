import type { Db } from '../../src/store/database';
import { findCooperationChannel } from '../../src/conversations/conversationReferences';
import { outboxState } from '../../src/outbox/outbox';

/**
 * A Teams deep link to the channel post of a record (made under the outbox key `postKey`), which
 * opens the post in its thread in the cooperation channel, where its card's buttons are: the same
 * post for everyone, so the link shows nothing the reader could not already read there. Null when
 * the post has not gone out (no channel, not sent yet) or outside Teams (local mode: the
 * playground has no such links).
 *
 * The form is Teams' documented link to a channel conversation ("Deep links to navigate to channel
 * conversation", https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-teams):
 * `https://teams.microsoft.com/l/message/<channelId>/<parentMessageId>?tenantId=&groupId=&parentMessageId=&teamName=&channelName=&createdTime=`,
 * the post being the thread's parent, and createdTime in milliseconds since the epoch. Every
 * parameter the store knows goes in; one it does not (an install before the team's group id and
 * names were kept, a General channel Teams sends unnamed) is left out rather than sent empty, so
 * such a link is the one this app gave before, which Teams opens from the channel and post ids.
 */
export function channelPostLink(db: Db, mode: 'local' | 'production', postKey: string): string | null {
  if (mode !== 'production') return null;
  const post = outboxState(db, postKey);
  const messageId = post?.sentActivityId;
  const channel = findCooperationChannel(db);
  if (!messageId || !channel?.channelId) return null;
  const createdTime = post?.sentAt ? Date.parse(post.sentAt) : NaN;
  const params: [string, string | null][] = [
    ['tenantId', channel.tenantId],
    ['groupId', channel.teamAadGroupId],
    ['parentMessageId', messageId],
    ['teamName', channel.teamName],
    ['channelName', channel.channelName],
    ['createdTime', Number.isFinite(createdTime) ? String(createdTime) : null],
  ];
  const query = new URLSearchParams(params.filter((param): param is [string, string] => param[1] !== null));
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channel.channelId)}/${encodeURIComponent(messageId)}?${query.toString()}`;
}
