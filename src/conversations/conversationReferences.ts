import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import type { Language } from '../i18n/languages';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit';
import { recordEvent } from '../events/domainEvents';

export type ConversationKind = 'channel' | 'personal' | 'groupChat';

/** A Teams channel's membership type, as `channelData.channel.type` gives it. */
export type ChannelType = 'standard' | 'shared' | 'private';

/** The channel type Teams gave, or null for none or a value this build does not know. */
export function channelTypeOf(value: unknown): ChannelType | null {
  return value === 'standard' || value === 'shared' || value === 'private' ? value : null;
}

export interface StoredConversation {
  conversationId: string;
  kind: ConversationKind;
  tenantId: string | null;
  teamId: string | null;
  channelId: string | null;
  /** Null when Teams never said (older installs, chats). */
  channelType: ChannelType | null;
  /**
   * The team's Microsoft Entra group id and the team's and channel's names, which a deep link to
   * a channel post carries: null when Teams never gave them (installs before migration 0031, chats,
   * a General channel, which Teams sends without a name).
   */
  teamAadGroupId: string | null;
  teamName: string | null;
  channelName: string | null;
  serviceUrl: string;
  /** The adapter's own reference object, opaque to the domain. */
  reference: unknown;
  isCooperationChannel: boolean;
  welcomedAt: string | null;
}

/** A stored row as read: the reference as its JSON, the flag as SQLite's integer. */
type ConversationRow = Omit<StoredConversation, 'reference' | 'isCooperationChannel'> & { reference: string; isCooperationChannel: number };

const COLUMNS = `conversation_id AS conversationId, kind, tenant_id AS tenantId, team_id AS teamId, channel_id AS channelId, channel_type AS channelType,
  team_aad_group_id AS teamAadGroupId, team_name AS teamName, channel_name AS channelName, service_url AS serviceUrl, reference_json AS reference, is_cooperation_channel AS isCooperationChannel, welcomed_at AS welcomedAt`;

function toConversation(row: ConversationRow): StoredConversation {
  return { ...row, reference: JSON.parse(row.reference), isCooperationChannel: row.isCooperationChannel === 1 };
}

/**
 * Remembers where the bot can post later. The first channel the app is installed in becomes the
 * cooperation channel; later channels are remembered but do not take its place. The team's group
 * id and names are stored with a new conversation; for a known one they go through
 * `noteTeamDetails`, so that a change is audited and a value Teams left out keeps what is stored.
 */
export function rememberConversation(
  db: Db,
  clock: Clock,
  conversation: Omit<StoredConversation, 'isCooperationChannel' | 'welcomedAt'>,
): StoredConversation {
  const now = clock.now().toISOString();
  return inTransaction(db, () => {
    const hasCooperationChannel = sql(db, 'SELECT 1 FROM conversation_references WHERE is_cooperation_channel = 1').get() !== undefined;
    const known = sql(db, 'SELECT 1 FROM conversation_references WHERE conversation_id = ?').get(conversation.conversationId) !== undefined;
    sql(
      db,
      `INSERT INTO conversation_references (conversation_id, kind, tenant_id, team_id, channel_id, channel_type, team_aad_group_id, team_name, channel_name,
                                            service_url, reference_json, is_cooperation_channel, created_at, updated_at)
       VALUES (@conversationId, @kind, @tenantId, @teamId, @channelId, @channelType, @teamAadGroupId, @teamName, @channelName,
               @serviceUrl, @reference, @cooperation, @now, @now)
       ON CONFLICT(conversation_id) DO UPDATE SET service_url = excluded.service_url, reference_json = excluded.reference_json,
         tenant_id = excluded.tenant_id, channel_type = coalesce(excluded.channel_type, channel_type), updated_at = excluded.updated_at`,
    ).run({
      ...conversation,
      reference: JSON.stringify(conversation.reference),
      cooperation: conversation.kind === 'channel' && !hasCooperationChannel ? 1 : 0,
      now,
    });
    if (known) {
      const { teamAadGroupId, teamName, channelName } = conversation;
      noteTeamDetails(db, clock, { conversationId: conversation.conversationId }, { teamAadGroupId, teamName, channelName });
    }
    return findConversation(db, conversation.conversationId)!;
  });
}

export function findConversation(db: Db, conversationId: string): StoredConversation | null {
  const row = sql(db, `SELECT ${COLUMNS} FROM conversation_references WHERE conversation_id = ?`).get(conversationId) as ConversationRow | undefined;
  return row ? toConversation(row) : null;
}

/**
 * A channel's type as a later Teams event gives it (shared with another team, no longer shared):
 * each known conversation of that channel takes it, audited. Unknown conversations are left for
 * their first contact.
 */
export function noteChannelType(db: Db, clock: Clock, of: ConversationsOf, channelType: ChannelType): void {
  const [[by, id]] = Object.entries(of) as [keyof typeof CONVERSATIONS_OF, string][];
  inTransaction(db, () => {
    const rows = sql(db, `SELECT conversation_id AS conversationId FROM conversation_references WHERE ${CONVERSATIONS_OF[by]} AND channel_type IS NOT @channelType`).all({
      id,
      channelType,
    }) as { conversationId: string }[];
    for (const { conversationId } of rows) {
      sql(db, 'UPDATE conversation_references SET channel_type = ?, updated_at = ? WHERE conversation_id = ?').run(channelType, clock.now().toISOString(), conversationId);
      appendAudit(db, clock, { actor: SYSTEM_ACTOR, action: 'conversation.channel_type', subjectType: 'conversation', subjectRef: conversationId, details: { channelType } });
    }
  });
}

/** What Teams said of a conversation's team and channel; null or absent for what it did not say. */
export interface TeamDetails {
  teamAadGroupId?: string | null;
  teamName?: string | null;
  channelName?: string | null;
}

/** Which stored conversations a Teams event speaks of: one, every channel of a team, or a channel. */
export type ConversationsOf = { conversationId: string } | { teamId: string } | { channelId: string };

const DETAIL_KEYS = ['teamAadGroupId', 'teamName', 'channelName'] as const;

const CONVERSATIONS_OF = {
  conversationId: 'conversation_id = @id',
  teamId: 'team_id = @id',
  // A row stored without the channel's id (Teams left it out) is the channel's own conversation.
  channelId: '(channel_id = @id OR (channel_id IS NULL AND conversation_id = @id))',
} as const;

/**
 * The team's group id and the team's and channel's names as a later Teams event gives them (a
 * rename, a channel shared, the app installed again): each known conversation they apply to takes
 * the new values, audited with what changed; a value the event leaves out keeps what is stored.
 * Conversations not stored yet are left for their first contact.
 */
export function noteTeamDetails(db: Db, clock: Clock, of: ConversationsOf, details: TeamDetails): void {
  const given = DETAIL_KEYS.filter((key) => typeof details[key] === 'string');
  if (given.length === 0) return;
  const [[by, id]] = Object.entries(of) as [keyof typeof CONVERSATIONS_OF, string][];
  inTransaction(db, () => {
    const rows = sql(
      db,
      `SELECT conversation_id AS conversationId, team_aad_group_id AS teamAadGroupId, team_name AS teamName, channel_name AS channelName
         FROM conversation_references WHERE ${CONVERSATIONS_OF[by]}`,
    ).all({ id }) as ({ conversationId: string } & Record<(typeof DETAIL_KEYS)[number], string | null>)[];
    for (const row of rows) {
      const changed = given.filter((key) => row[key] !== details[key]);
      if (changed.length === 0) continue;
      const values = Object.fromEntries(changed.map((key) => [key, details[key]]));
      sql(
        db,
        `UPDATE conversation_references SET team_aad_group_id = coalesce(@teamAadGroupId, team_aad_group_id), team_name = coalesce(@teamName, team_name),
           channel_name = coalesce(@channelName, channel_name), updated_at = @now WHERE conversation_id = @conversationId`,
      ).run({ teamAadGroupId: null, teamName: null, channelName: null, ...values, now: clock.now().toISOString(), conversationId: row.conversationId });
      appendAudit(db, clock, { actor: SYSTEM_ACTOR, action: 'conversation.team_details', subjectType: 'conversation', subjectRef: row.conversationId, details: values });
    }
  });
}

/** Whether the app is in a cooperation channel yet (without reading its stored reference). */
export function hasCooperationChannel(db: Db): boolean {
  return sql(db, 'SELECT 1 FROM conversation_references WHERE is_cooperation_channel = 1').get() !== undefined;
}

export function findCooperationChannel(db: Db): StoredConversation | null {
  const row = sql(db, `SELECT ${COLUMNS} FROM conversation_references WHERE is_cooperation_channel = 1`).get() as ConversationRow | undefined;
  return row ? toConversation(row) : null;
}

/** Marks the conversation welcomed; true only for the one call that did it, so the welcome goes out once. */
function markWelcomed(db: Db, clock: Clock, conversationId: string): boolean {
  const { changes } = sql(
    db,
    'UPDATE conversation_references SET welcomed_at = ? WHERE conversation_id = ? AND welcomed_at IS NULL',
  ).run(clock.now().toISOString(), conversationId);
  return changes === 1;
}

/**
 * The app was added to a team or chat: the conversation is remembered and, the first time for a
 * team or group chat, a `conversation.installed` event asks for the welcome post (in the language
 * of whoever installed it), however many times Teams repeats the event.
 */
export function recordInstallation(
  db: Db,
  clock: Clock,
  conversation: Omit<StoredConversation, 'isCooperationChannel' | 'welcomedAt'>,
  language: Language,
): { conversation: StoredConversation; welcomed: boolean } {
  return inTransaction(db, () => {
    const stored = rememberConversation(db, clock, conversation);
    if (stored.kind === 'personal' || !markWelcomed(db, clock, stored.conversationId)) return { conversation: stored, welcomed: false };
    recordEvent(db, clock, { type: 'conversation.installed', ref: stored.conversationId, language });
    appendAudit(db, clock, {
      actor: SYSTEM_ACTOR,
      action: 'conversation.installed',
      subjectType: 'conversation',
      subjectRef: stored.conversationId,
      details: { kind: stored.kind, cooperationChannel: stored.isCooperationChannel, language },
    });
    return { conversation: stored, welcomed: true };
  });
}
