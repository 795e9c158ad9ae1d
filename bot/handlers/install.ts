import { TurnContext } from 'botbuilder';
import type { TeamsChannelData } from 'botbuilder';
import { findConversation, markWelcomed, rememberConversation, type ConversationKind } from '../../src/conversations/conversationReferences';
import { enqueue } from '../../src/outbox/outbox';
import { appendAudit, SYSTEM_ACTOR } from '../../src/audit/audit';
import { renderCard } from '../cards/renderCard';
import { cardActivity } from '../reply';
import { activityOf } from '../channelPost';
import { turnInfo } from '../turn';
import type { BotDeps } from '../deps';

function conversationKind(context: TurnContext): ConversationKind {
  const type = context.activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/** Stores where this conversation can be reached later; returns the stored row. */
export function rememberThisConversation(context: TurnContext, deps: BotDeps) {
  const activity = context.activity;
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const kind = conversationKind(context);
  // A channel conversation id carries ";messageid=" when the activity is a reply in a thread.
  const conversationId = activity.conversation.id.split(';messageid=')[0];
  const reference = TurnContext.getConversationReference(activity);
  reference.conversation = { ...reference.conversation!, id: conversationId };
  delete reference.activityId;
  return rememberConversation(deps.db, deps.clock, {
    conversationId,
    kind,
    tenantId: activity.conversation.tenantId ?? channelData.tenant?.id ?? null,
    teamId: channelData.team?.id ?? null,
    channelId: channelData.channel?.id ?? null,
    serviceUrl: activity.serviceUrl,
    reference,
  });
}

/** Conversation ids known to be stored; rows are never deleted, so the set only grows. */
const knownConversations = new WeakMap<BotDeps['db'], Set<string>>();

/** Remembers personal and group chats on first contact, so reminders can reach them later. */
export function rememberIfNew(context: TurnContext, deps: BotDeps): void {
  const conversationId = context.activity.conversation?.id?.split(';messageid=')[0];
  if (!conversationId) return;
  let known = knownConversations.get(deps.db);
  if (!known) knownConversations.set(deps.db, (known = new Set()));
  if (known.has(conversationId)) return;
  if (!findConversation(deps.db, conversationId)) rememberThisConversation(context, deps);
  known.add(conversationId);
}

/**
 * When the app is added to a team (or chat), remember the conversation and post the welcome
 * card through the outbox, once, however many times Teams repeats the event.
 */
export async function onMembersAdded(context: TurnContext, deps: BotDeps): Promise<void> {
  const botId = context.activity.recipient?.id;
  const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
  if (!botAdded) return;
  const { t, language } = turnInfo(context);
  const stored = rememberThisConversation(context, deps);
  if (stored.kind === 'personal') return;
  const card = renderCard('welcome', {
    title: t('welcome.title'),
    body: t('welcome.body'),
    privacy: t('welcome.privacy'),
    start: t('welcome.start'),
  });
  const queued = deps.db.transaction(() => {
    if (!markWelcomed(deps.db, deps.clock, stored.conversationId)) return false;
    enqueue(deps.db, deps.clock, {
      conversationId: stored.conversationId,
      dedupeKey: `welcome:${stored.conversationId}`,
      content: activityOf(cardActivity(card)),
    });
    appendAudit(deps.db, deps.clock, {
      actor: SYSTEM_ACTOR,
      action: 'conversation.installed',
      subjectType: 'conversation',
      subjectRef: stored.conversationId,
      details: { kind: stored.kind, cooperationChannel: stored.isCooperationChannel, language },
    });
    return true;
  }).immediate();
  if (queued) deps.kickOutbox();
}
