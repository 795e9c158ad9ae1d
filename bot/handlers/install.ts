import { TurnContext } from 'botbuilder';
import type { TeamsChannelData } from 'botbuilder';
import {
  channelTypeOf,
  findConversation,
  noteChannelType,
  noteTeamDetails,
  recordInstallation,
  rememberConversation,
  type ConversationKind,
} from '../../src/conversations/conversationReferences';
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

// Teams names a team in up to 256 characters and a channel in up to 50; anything longer, or not a
// string, is not a name Teams gave, and is not stored.
const NAME_MAX_LENGTH = 256;
const GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function nameOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' && value.length <= NAME_MAX_LENGTH ? value : null;
}

/** The team's Microsoft Entra group id (`channelData.team.aadGroupId`), when Teams gave a well-formed one. */
function groupIdOf(value: unknown): string | null {
  return typeof value === 'string' && GROUP_ID.test(value) ? value : null;
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
    // A channel's conversation id is the channel's id (Teams' install event may carry only
    // `settings.selectedChannel`, not `channel`): the deep links to its posts need it.
    channelId: channelData.channel?.id ?? (kind === 'channel' ? conversationId : null),
    channelType: kind === 'channel' ? channelTypeOf(channelData.channel?.type) : null,
    teamAadGroupId: kind === 'channel' ? groupIdOf(channelData.team?.aadGroupId) : null,
    teamName: kind === 'channel' ? nameOf(channelData.team?.name) : null,
    // The install event names the channel in `conversation.name` when it has no `channel` object.
    channelName: kind === 'channel' ? nameOf(channelData.channel?.name ?? activity.conversation.name) : null,
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
 * What a later team event says of the team and its channels. A channel's type (Teams sends one
 * when a channel is shared with another team or stops being shared): the posts' mentions follow
 * it (no tag mentions in a shared channel). The team's group id and name (on every team event,
 * e.g. teamRenamed) and a channel's name (channelRenamed): the deep links to the channel's posts
 * carry them. A team event's conversation is the team's General channel, not necessarily the one
 * renamed, so the names and the type go to the team's and the named channel's stored conversations
 * (the conversation's own only when Teams names no channel).
 */
export function onChannelEvent(context: TurnContext, deps: BotDeps): void {
  if (context.activity.conversation?.conversationType !== 'channel') return;
  const channelData = (context.activity.channelData ?? {}) as TeamsChannelData;
  const channelId = typeof channelData.channel?.id === 'string' ? channelData.channel.id : undefined;
  const channelType = channelTypeOf(channelData.channel?.type);
  const ofChannel = channelId ? { channelId } : { conversationId: context.activity.conversation.id.split(';messageid=')[0] };
  if (channelType) noteChannelType(deps.db, deps.clock, ofChannel, channelType);
  const teamId = channelData.team?.id;
  if (teamId) noteTeamDetails(deps.db, deps.clock, { teamId }, { teamAadGroupId: groupIdOf(channelData.team?.aadGroupId), teamName: nameOf(channelData.team?.name) });
  if (channelId) noteTeamDetails(deps.db, deps.clock, { channelId }, { channelName: nameOf(channelData.channel?.name) });
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
