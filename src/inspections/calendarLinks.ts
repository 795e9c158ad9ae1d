import { createHash, randomBytes } from 'node:crypto';
import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import type { Language } from '../i18n/languages';

/** 256 random bits: guessing is hopeless, so a plain SHA-256 is the right hash to store. */
function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function hashOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Issues a personal secret for the calendar feed, in the person's language. A person has one
 * working link: issuing a new one revokes the previous, whose secret nobody can show again.
 */
export function issueCalendarLink(db: Db, clock: Clock, member: Member, language: Language, correlationId?: string): { secret: string; replaced: number } {
  const secret = newSecret();
  return inTransaction(db, () => {
    const now = clock.now().toISOString();
    const replaced = sql(db, 'UPDATE calendar_links SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(now, member.userId).changes;
    const { lastInsertRowid } = sql(db, 'INSERT INTO calendar_links (user_id, secret_hash, language, created_at) VALUES (?, ?, ?, ?)').run(member.userId, hashOf(secret), language, now);
    appendAudit(db, clock, { actor: actorOf(member), action: 'calendar.link_issued', subjectType: 'calendar_link', subjectRef: String(lastInsertRowid), details: { replaced }, correlationId });
    return { secret, replaced };
  });
}

/** Revokes the person's calendar link(s); the number revoked (0 when there was none). */
export function revokeCalendarLinks(db: Db, clock: Clock, member: Member, correlationId?: string): number {
  return inTransaction(db, () => {
    const links = sql(db, 'SELECT id FROM calendar_links WHERE user_id = ? AND revoked_at IS NULL').all(member.userId) as Array<{ id: number }>;
    const now = clock.now().toISOString();
    for (const link of links) {
      sql(db, 'UPDATE calendar_links SET revoked_at = ? WHERE id = ?').run(now, link.id);
      appendAudit(db, clock, { actor: actorOf(member), action: 'calendar.link_revoked', subjectType: 'calendar_link', subjectRef: String(link.id), correlationId });
    }
    return links.length;
  });
}

export interface CalendarReader {
  linkId: number;
  userId: number;
  language: Language;
}

/**
 * The owner of a working link, recorded as having read the feed; null for a wrong or revoked
 * secret, or for a person no longer mapped to an authority (unless unmapped people are allowed,
 * as in local mode). A revoked link still being polled is recorded too: someone holds it.
 */
export function openCalendarFeed(db: Db, clock: Clock, secret: string, options: { allowUnmapped: boolean }): CalendarReader | null {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return null;
  const link = sql(
    db,
    `SELECT l.id AS linkId, l.user_id AS userId, l.language, l.revoked_at AS revokedAt, u.aad_object_id AS aadObjectId, u.authority_id AS authorityId
       FROM calendar_links l JOIN users u ON u.id = l.user_id WHERE l.secret_hash = ?`,
  ).get(hashOf(secret)) as (CalendarReader & { revokedAt: string | null; aadObjectId: string; authorityId: string | null }) | undefined;
  if (!link) return null;
  const refusal = link.revokedAt ? 'revoked' : !link.authorityId && !options.allowUnmapped ? 'unmapped' : null;
  inTransaction(db, () => {
    if (!refusal) sql(db, 'UPDATE calendar_links SET last_read_at = ? WHERE id = ?').run(clock.now().toISOString(), link.linkId);
    appendAudit(db, clock, {
      // The reader is whoever holds the link: its owner when it works, unknown when it was revoked.
      actor: refusal ? SYSTEM_ACTOR : { userId: link.userId, aadObjectId: link.aadObjectId, authorityId: link.authorityId },
      action: refusal ? 'calendar.feed_refused' : 'calendar.feed_read',
      subjectType: 'calendar_link',
      subjectRef: String(link.linkId),
      ...(refusal ? { details: { reason: refusal, ownerUserId: link.userId } } : {}),
    });
  });
  return refusal ? null : { linkId: link.linkId, userId: link.userId, language: link.language };
}
