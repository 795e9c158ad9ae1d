import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Db } from '../../src/store/database';
import { findConversation } from '../../src/conversations/conversationReferences';
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

/** Delivers an outbox message as a proactive post (or in-place update) through the Bot Connector. */
export function adapterSender(adapter: CloudAdapter, appId: string | null, db: Db): SendOutboxMessage {
  return async (message, outgoing, signal) => {
    const conversation = findConversation(db, message.conversationId);
    if (!conversation) throw Object.assign(new Error('unknown conversation'), { statusCode: 404 });
    const reference = conversation.reference as Partial<ConversationReference>;
    let activityId: string | null = null;
    let failure: unknown = null;
    // The adapter would route an error thrown here to onTurnError and swallow it; the outbox needs it.
    await adapter.continueConversationAsync(appId ?? '', reference, async (context) => {
      try {
        // Aborted while the turn was being set up (a slow token): nothing has gone out yet.
        signal.throwIfAborted();
        const client = withoutClientRetries(context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey));
        const activity = TurnContext.applyConversationReference({ ...(outgoing as Partial<Activity>) }, reference);
        if (message.kind === 'update' && message.targetActivityId) {
          await client.conversations.updateActivity(message.conversationId, message.targetActivityId, { ...activity, id: message.targetActivityId } as Activity, { abortSignal: signal });
          activityId = message.targetActivityId;
        } else if (message.targetActivityId) {
          // A reply in the thread of an earlier post (a reminder under the alert it is about).
          activityId = (await client.conversations.replyToActivity(message.conversationId, message.targetActivityId, { ...activity, replyToId: message.targetActivityId } as Activity, { abortSignal: signal })).id ?? null;
        } else {
          // A top-level post, not a reply: sendActivity would thread it under the continuation activity.
          delete activity.replyToId;
          activityId = (await client.conversations.sendToConversation(message.conversationId, activity as Activity, { abortSignal: signal })).id ?? null;
        }
      } catch (error) {
        failure = error;
      }
    });
    if (failure) throw failure;
    return activityId;
  };
}
