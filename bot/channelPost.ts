import type { Activity } from 'botbuilder';
import { findCooperationChannel } from '../src/conversations/conversationReferences';
import { enqueue, outboxState, type OutboxContent } from '../src/outbox/outbox';
import type { BotDeps } from './deps';
import type { ChannelCard, Feature } from './feature';
import type { RenderOutboxContent } from './outbox/outboxDispatcher';
import { cardActivity } from './reply';

/** A channel post of a record's card (alert, inspection), drawn when it is sent. */
export const cardOf = (kind: string, subject: string): OutboxContent => ({ card: { kind, subject } });

/** A channel post fixed now (a reminder, an announcement of one change). */
export const activityOf = (activity: Partial<Activity>): OutboxContent => ({ activity });

/**
 * Queues a post to the cooperation channel; call it inside the transaction of the write it
 * announces. False when the app is not installed in a channel yet.
 */
export function queueChannelPost(deps: BotDeps, dedupeKey: string, content: OutboxContent): boolean {
  const channel = findCooperationChannel(deps.db);
  if (!channel) return false;
  enqueue(deps.db, deps.clock, { conversationId: channel.conversationId, dedupeKey, content });
  return true;
}

/**
 * Queues an in-place update of an earlier channel post (found by the dedupe key it was posted
 * with), e.g. when an alert is answered from a copy of its card outside the channel.
 */
export function queueChannelUpdate(deps: BotDeps, postedKey: string, updateKey: string, content: OutboxContent): boolean {
  const posted = outboxState(deps.db, postedKey);
  const channel = findCooperationChannel(deps.db);
  if (!posted?.sentActivityId || !channel) return false;
  enqueue(deps.db, deps.clock, { conversationId: channel.conversationId, dedupeKey: updateKey, kind: 'update', content, targetActivityId: posted.sentActivityId });
  return true;
}

/** The id Teams gave the channel post made under this dedupe key, once it is sent. */
export function channelPostId(deps: BotDeps, postedKey: string): string | null {
  return outboxState(deps.db, postedKey)?.sentActivityId ?? null;
}

/** Turns queued content into the activity to send, with the features' channel cards. */
export function channelContentRenderer(deps: BotDeps, features: Feature[]): RenderOutboxContent {
  const cards = new Map<string, ChannelCard>();
  for (const feature of features) for (const [kind, draw] of Object.entries(feature.channelCards ?? {})) cards.set(kind, draw);
  return (content) => {
    if ('activity' in content) return content.activity;
    const draw = cards.get(content.card.kind);
    if (!draw) throw new Error(`no channel card of kind ${content.card.kind}`);
    const card = draw(deps, content.card.subject);
    return card ? cardActivity(card) : null;
  };
}
