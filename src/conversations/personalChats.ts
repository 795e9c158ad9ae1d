import { sql, type Db } from '../store/database';

/** A person the app may write to in a 1:1 chat: who they are to Teams, and the tenant of that chat. */
export interface PersonalChatTarget {
  userId: number;
  aadObjectId: string;
  tenantId: string;
}

/**
 * Whether a person may get a 1:1 message with case notices: only a member of the tenant the app
 * is installed in (the cooperation channel's), never an external member of a shared channel who
 * keeps their own tenant. A 1:1 chat lives in the person's tenant, and no notice of a request goes
 * into another organisation's tenant (issue 14); they still read it in the channel. A person whose
 * tenant the app never learnt is not written to either. Null: no 1:1 message.
 */
export function personalChatTarget(db: Db, userId: number): PersonalChatTarget | null {
  const row = sql(
    db,
    `SELECT u.id AS userId, u.aad_object_id AS aadObjectId, u.tenant_id AS userTenant, c.tenant_id AS channelTenant
       FROM users u, conversation_references c
      WHERE u.id = ? AND c.is_cooperation_channel = 1`,
  ).get(userId) as { userId: number; aadObjectId: string; userTenant: string | null; channelTenant: string | null } | undefined;
  if (!row?.userTenant || !row.channelTenant || row.userTenant.toLowerCase() !== row.channelTenant.toLowerCase()) return null;
  return { userId: row.userId, aadObjectId: row.aadObjectId, tenantId: row.channelTenant };
}

/**
 * The outbox's name for a person's 1:1 chat with the app, whose Teams id is known only once the
 * chat is created (or found: Teams answers the same chat each time) when the post goes out. No
 * Teams conversation id looks like it (theirs start `a:`, `19:`, `8:`).
 */
const PERSONAL_CHAT_PREFIX = 'personal-chat:';

export const personalChatConversationId = (target: PersonalChatTarget) => `${PERSONAL_CHAT_PREFIX}${target.tenantId}:${target.aadObjectId}`;

/** Whom an outbox conversation of a 1:1 chat is with; null for any other conversation. */
export function personalChatRecipient(conversationId: string): { tenantId: string; aadObjectId: string } | null {
  if (!conversationId.startsWith(PERSONAL_CHAT_PREFIX)) return null;
  const [tenantId, aadObjectId] = conversationId.slice(PERSONAL_CHAT_PREFIX.length).split(':');
  return tenantId && aadObjectId ? { tenantId, aadObjectId } : null;
}

/**
 * The person's Teams id (`29:…`) as their own 1:1 chat with the app gave it, when they have written
 * there: the member to create the chat with. Teams also takes the Entra object id, which stays the
 * answer for someone who never wrote to the app; the Agents Playground takes only the former.
 */
export function teamsUserIdOf(db: Db, aadObjectId: string): string | null {
  const row = sql(
    db,
    `SELECT json_extract(reference_json, '$.user.id') AS id FROM conversation_references
      WHERE kind = 'personal' AND json_extract(reference_json, '$.user.aadObjectId') = ? ORDER BY updated_at DESC LIMIT 1`,
  ).get(aadObjectId) as { id: string | null } | undefined;
  return typeof row?.id === 'string' && row.id ? row.id : null;
}
