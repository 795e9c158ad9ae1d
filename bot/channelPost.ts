import type { Activity } from 'botbuilder';
import { findCooperationChannel } from '../src/conversations/conversationReferences';
import { enqueue, outboxState } from '../src/outbox/outbox';
import type { BotDeps } from './deps';

/**
 * Queues a post to the cooperation channel; call it inside the transaction of the write it
 * announces. False when the app is not installed in a channel yet.
 */
export function queueChannelPost(deps: BotDeps, dedupeKey: string, activity: Partial<Activity>): boolean {
  const channel = findCooperationChannel(deps.db);
  if (!channel) return false;
  enqueue(deps.db, deps.clock, { conversationId: channel.conversationId, dedupeKey, activity });
  return true;
}

/**
 * Queues an in-place update of an earlier channel post (found by the dedupe key it was posted
 * with), e.g. when an alert is answered from a copy of its card outside the channel.
 */
export function queueChannelUpdate(deps: BotDeps, postedKey: string, updateKey: string, activity: Partial<Activity>): boolean {
  const posted = outboxState(deps.db, postedKey);
  const channel = findCooperationChannel(deps.db);
  if (!posted?.sentActivityId || !channel) return false;
  enqueue(deps.db, deps.clock, { conversationId: channel.conversationId, dedupeKey: updateKey, kind: 'update', activity, targetActivityId: posted.sentActivityId });
  return true;
}

/** The id Teams gave the channel post made under this dedupe key, once it is sent. */
export function channelPostId(deps: BotDeps, postedKey: string): string | null {
  return outboxState(deps.db, postedKey)?.sentActivityId ?? null;
}
