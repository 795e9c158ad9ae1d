import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Db } from '../../src/store/database';
import { findConversation, findCooperationChannel } from '../../src/conversations/conversationReferences';
import { personalChatRecipient, teamsUserIdOf } from '../../src/conversations/personalChats';
import type { SendOutboxMessage } from './outboxDispatcher';

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { phase: string }): unknown } };
}

/**
 * The connector client retries on its own, blind to the per-conversation throttle; the outbox
 * owns retries (backoff, Retry-After, attempt count), so the client's retry phase is removed.
 */
function withoutClientRetries(client: ConnectorClient): ConnectorClient {
  (client as unknown as PipelineHolder).client?.pipeline?.removePolicy({ phase: 'Retry' });
  return client;
}

/**
 * Runs `send` with the Bot Connector client of a proactive turn on `reference` and gives back what
 * it returned. The adapter would route an error thrown in the turn to onTurnError and swallow it;
 * the outbox needs it, so it is thrown here.
 */
async function throughConnector(
  adapter: CloudAdapter,
  appId: string | null,
  reference: Partial<ConversationReference>,
  signal: AbortSignal,
  send: (client: ConnectorClient) => Promise<string | null>,
): Promise<string | null> {
  let activityId: string | null = null;
  let failure: unknown = null;
  await adapter.continueConversationAsync(appId ?? '', reference, async (context) => {
    try {
      // Aborted while the turn was being set up (a slow token): nothing has gone out yet.
      signal.throwIfAborted();
      activityId = await send(withoutClientRetries(context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey)));
    } catch (error) {
      failure = error;
    }
  });
  if (failure) throw failure;
  return activityId;
}

/** Delivers an outbox message as a proactive post (or in-place update) through the Bot Connector. */
export function adapterSender(adapter: CloudAdapter, appId: string | null, db: Db): SendOutboxMessage {
  return async (message, outgoing, signal) => {
    const recipient = personalChatRecipient(message.conversationId);
    if (recipient) return sendToPersonalChat(adapter, appId, db, recipient, outgoing, signal);
    const conversation = findConversation(db, message.conversationId);
    if (!conversation) throw Object.assign(new Error('unknown conversation'), { statusCode: 404 });
    const reference = conversation.reference as Partial<ConversationReference>;
    return throughConnector(adapter, appId, reference, signal, async (client) => {
      const activity = TurnContext.applyConversationReference({ ...(outgoing as Partial<Activity>) }, reference);
      if (message.kind === 'update' && message.targetActivityId) {
        await client.conversations.updateActivity(message.conversationId, message.targetActivityId, { ...activity, id: message.targetActivityId } as Activity, { abortSignal: signal });
        return message.targetActivityId;
      }
      if (message.targetActivityId) {
        // A reply in the thread of an earlier post (a reminder under the alert it is about).
        return (await client.conversations.replyToActivity(message.conversationId, message.targetActivityId, { ...activity, replyToId: message.targetActivityId } as Activity, { abortSignal: signal })).id ?? null;
      }
      // A top-level post, not a reply: sendActivity would thread it under the continuation activity.
      delete activity.replyToId;
      return (await client.conversations.sendToConversation(message.conversationId, activity as Activity, { abortSignal: signal })).id ?? null;
    });
  };
}

/**
 * A post in a person's 1:1 chat: the chat is created first (`POST /v3/conversations`, which
 * answers the existing chat's id when there is one, so a retry finds the same chat), through the
 * Bot Connector of the cooperation channel's service URL, as the bot of that channel, in the
 * person's tenant (the channel's: see personalChatTarget). The member is the person's Teams id
 * when their own 1:1 chat gave it, else their Entra object id, which Teams accepts too. A person who has not got the app in their personal scope is refused
 * by Teams (403): a final answer for the outbox, not retried.
 */
async function sendToPersonalChat(
  adapter: CloudAdapter,
  appId: string | null,
  db: Db,
  recipient: { tenantId: string; aadObjectId: string },
  outgoing: unknown,
  signal: AbortSignal,
): Promise<string | null> {
  const channel = findCooperationChannel(db);
  if (!channel) throw Object.assign(new Error('no cooperation channel to reach the connector through'), { statusCode: 404 });
  const reference = channel.reference as Partial<ConversationReference>;
  return throughConnector(adapter, appId, reference, signal, async (client) => {
    const created = await client.conversations.createConversation(
      {
        isGroup: false,
        bot: reference.bot!,
        members: [{ id: teamsUserIdOf(db, recipient.aadObjectId) ?? recipient.aadObjectId, name: '' }],
        tenantId: recipient.tenantId,
        channelData: { tenant: { id: recipient.tenantId } },
      } as Parameters<ConnectorClient['conversations']['createConversation']>[0],
      { abortSignal: signal },
    );
    const chat = { id: created.id, conversationType: 'personal', tenantId: recipient.tenantId, isGroup: false, name: '' };
    const activity = { ...(outgoing as Partial<Activity>), channelId: reference.channelId, serviceUrl: reference.serviceUrl, from: reference.bot, conversation: chat };
    return (await client.conversations.sendToConversation(created.id, activity as Activity, { abortSignal: signal })).id ?? null;
  });
}
