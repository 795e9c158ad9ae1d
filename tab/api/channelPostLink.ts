import type { Db } from '../../src/store/database';
import { findCooperationChannel } from '../../src/conversations/conversationReferences';
import { outboxState } from '../../src/outbox/outbox';

/**
 * A Teams deep link to the channel post of a record (made under the outbox key `postKey`), which
 * opens the post in its thread in the cooperation channel, where its card's buttons are: the same
 * post for everyone, so the link shows nothing the reader could not already read there. Null when
 * the post has not gone out (no channel, not sent yet) or outside Teams (local mode: the
 * playground has no such links).
 */
export function channelPostLink(db: Db, mode: 'local' | 'production', postKey: string): string | null {
  if (mode !== 'production') return null;
  const messageId = outboxState(db, postKey)?.sentActivityId;
  const channel = findCooperationChannel(db);
  if (!messageId || !channel?.channelId) return null;
  const query = new URLSearchParams({ ...(channel.tenantId ? { tenantId: channel.tenantId } : {}), parentMessageId: messageId });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channel.channelId)}/${encodeURIComponent(messageId)}?${query.toString()}`;
}
