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
 * Teams notifies at most this many mentions of one message reliably, and a card naming more is
 * noise: the rest are counted ("and 7 others"). A tag counts as one.
 */
export const MAX_MENTIONS = 20;

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
  for (const authorityId of new Set(authorityIds)) {
    const tag = tagOf.get(authorityId) as { id: string; name: string } | undefined;
    if (tag) queues.push([{ kind: 'tag', id: tag.id, name: tag.name, authorityId }]);
    else queues.push((peopleOf.all(authorityId) as PersonRow[]).map((row) => ({ kind: 'person', id: row.aadObjectId, name: row.name, authorityId })));
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
