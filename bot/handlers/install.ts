import { TurnContext } from 'botbuilder';
import type { TeamsChannelData } from 'botbuilder';
import { channelTypeOf, findConversation, noteChannelType, recordInstallation, rememberConversation, type ConversationKind } from '../../src/conversations/conversationReferences';
import { isLanguage } from '../../src/i18n/languages';
import { translator } from '../../src/i18n/translate';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { turnInfo } from '../turn';
import type { BotDeps } from '../deps';
import type { Feature } from '../feature';

function conversationKind(context: TurnContext): ConversationKind {
  const type = context.activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/** Where this conversation can be reached later, as the store keeps it. */
function conversationOf(context: TurnContext) {
  const activity = context.activity;
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const kind = conversationKind(context);
  // A channel conversation id carries ";messageid=" when the activity is a reply in a thread.
  const conversationId = activity.conversation.id.split(';messageid=')[0];
  const reference = TurnContext.getConversationReference(activity);
  reference.conversation = { ...reference.conversation!, id: conversationId };
  delete reference.activityId;
  return {
    conversationId,
    kind,
    tenantId: activity.conversation.tenantId ?? channelData.tenant?.id ?? null,
    teamId: channelData.team?.id ?? null,
    channelId: channelData.channel?.id ?? null,
    channelType: kind === 'channel' ? channelTypeOf(channelData.channel?.type) : null,
    serviceUrl: activity.serviceUrl,
    reference,
  };
}

/** Stores where this conversation can be reached later; returns the stored row. */
function rememberThisConversation(context: TurnContext, deps: BotDeps) {
  return rememberConversation(deps.db, deps.clock, conversationOf(context));
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
 * A channel's type as a later event says it (Teams sends one when a channel is shared with another
 * team or stops being shared): the posts' mentions follow it (no tag mentions in a shared channel).
 */
export function onChannelEvent(context: TurnContext, deps: BotDeps): void {
  if (context.activity.conversation?.conversationType !== 'channel') return;
  const channelType = channelTypeOf(((context.activity.channelData ?? {}) as TeamsChannelData).channel?.type);
  if (channelType) noteChannelType(deps.db, deps.clock, context.activity.conversation.id.split(';messageid=')[0], channelType);
}

/**
 * When the app is added to a team (or chat): the conversation is remembered and, once, its
 * welcome post follows from the installation's event.
 */
export async function onMembersAdded(context: TurnContext, deps: BotDeps): Promise<void> {
  const botId = context.activity.recipient?.id;
  const botAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
  if (!botAdded) return;
  const { welcomed } = recordInstallation(deps.db, deps.clock, conversationOf(context), turnInfo(context).language);
  if (welcomed) deps.notify();
}

/** The welcome post, drawn when it is sent, in the language of whoever installed the app. */
export function welcomeCard(language: string): AdaptiveCard | null {
  if (!isLanguage(language)) return null;
  const t = translator(language);
  return renderCard('welcome', {
    title: t('welcome.title'),
    body: t('welcome.body'),
    privacy: t('welcome.privacy'),
    start: t('welcome.start'),
  });
}

/** The welcome where the app was added, drawn when sent. */
export const installFeature: Feature = {
  // Posted in the installer's language (its subject); a reader's view, in theirs.
  channelCards: { welcome: (_deps, language, reader) => welcomeCard(reader ?? language) },
  eventPosts: {
    'conversation.installed': ({ ref, language }) => [{ to: 'conversation', conversationId: ref, key: `welcome:${ref}`, card: { kind: 'welcome', subject: language } }],
  },
};
