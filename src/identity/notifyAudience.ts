import { sql, type Db } from '../store/database';

/**
 * Whom a channel post mentions so that Teams notifies them: an authority's Teams tag when the
 * deployment configured one (participants.json `teamsTag`), else the people of that authority the
 * app knows (mapped to it when they first used the app, with the name Teams gave them).
 */
export interface Addressee {
  kind: 'person' | 'tag';
  /** A person's Microsoft Entra object id, or the tag's id. */
  id: string;
  name: string;
  authorityId: string;
}

export interface Audience {
  mentions: Addressee[];
  /** Known people or tags beyond the cap, named on the card only as a count. */
  left: number;
}

/**
 * Our cap, not Microsoft's: Teams documents no limit on the people one bot message may mention,
 * and a card naming more than this is noise; the rest are counted ("and 7 others"). A tag counts
 * as one.
 */
export const MAX_MENTIONS = 20;

/**
 * Microsoft's documented limit on tag mentions: "each message can have only up to 10 tags"
 * (Teams platform docs, channel and group conversations, Tag mention: throttling limits).
 * Authorities beyond it are reached through their people instead.
 */
export const MAX_TAG_MENTIONS = 10;

/**
 * Whether Teams delivers a tag mention in the cooperation channel: its docs say tag mentions are
 * not supported in shared and private channels, where a tag would notify nobody. A channel whose
 * type Teams never gave is taken to be standard, where the deployment's configured tags work.
 */
function channelTakesTags(db: Db): boolean {
  const row = sql(db, 'SELECT channel_type AS channelType FROM conversation_references WHERE is_cooperation_channel = 1').get() as
    | { channelType: string | null }
    | undefined;
  return row?.channelType !== 'shared' && row?.channelType !== 'private';
}

interface PersonRow {
  aadObjectId: string;
  name: string;
}

/**
 * The mentions for these authorities, in their order, taken in turns (one of each authority, then
 * a second of each, ...) so that the cap never leaves a whole authority out while another fills it.
 * Within an authority its most recently active people come first.
 */
export function audienceOf(db: Db, authorityIds: readonly string[], max = MAX_MENTIONS): Audience {
  const tagOf = sql(db, 'SELECT tag_id AS id, tag_name AS name FROM authority_teams_tags WHERE authority_id = ?');
  const peopleOf = sql(
    db,
    `SELECT aad_object_id AS aadObjectId, trim(display_name) AS name FROM users
     WHERE authority_id = ? AND display_name IS NOT NULL AND trim(display_name) <> ''
     ORDER BY last_seen_at DESC, id`,
  );
  const queues: Addressee[][] = [];
  let tagsLeft = channelTakesTags(db) ? MAX_TAG_MENTIONS : 0;
  for (const authorityId of new Set(authorityIds)) {
    const tag = tagsLeft > 0 ? (tagOf.get(authorityId) as { id: string; name: string } | undefined) : undefined;
    if (tag) {
      tagsLeft -= 1;
      queues.push([{ kind: 'tag', id: tag.id, name: tag.name, authorityId }]);
    } else queues.push((peopleOf.all(authorityId) as PersonRow[]).map((row) => ({ kind: 'person', id: row.aadObjectId, name: row.name, authorityId })));
  }
  const all: Addressee[] = [];
  for (let round = 0; queues.some((queue) => queue.length > round); round += 1) {
    for (const queue of queues) if (queue[round]) all.push(queue[round]);
  }
  return { mentions: all.slice(0, max), left: Math.max(0, all.length - max) };
}

/** The mentions of these people (users' ids) by name, in this order; a person without a name Teams gave is left out. */
export function peopleAudience(db: Db, userIds: readonly number[]): Audience {
  const personOf = sql(db, "SELECT aad_object_id AS aadObjectId, trim(display_name) AS name, authority_id AS authorityId FROM users WHERE id = ? AND display_name IS NOT NULL AND trim(display_name) <> ''");
  const mentions: Addressee[] = [];
  for (const userId of new Set(userIds)) {
    const row = personOf.get(userId) as (PersonRow & { authorityId: string | null }) | undefined;
    if (row) mentions.push({ kind: 'person', id: row.aadObjectId, name: row.name, authorityId: row.authorityId ?? '' });
  }
  return { mentions: mentions.slice(0, MAX_MENTIONS), left: Math.max(0, mentions.length - MAX_MENTIONS) };
}
