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

/** What a calendar address shows: everything, or only what the owner's state takes part in. */
export const CALENDAR_SCOPES = ['all', 'state'] as const;
export type CalendarScope = (typeof CALENDAR_SCOPES)[number];

/**
 * Issues a person's secrets for the calendar feed, in their language: one for everything and, for
 * a member of a state's authority, one for their state only. A person has one working set:
 * issuing new ones revokes the previous, whose secrets nobody can show again.
 */
export function issueCalendarLinks(db: Db, clock: Clock, member: Member, language: Language, correlationId?: string): { secrets: Partial<Record<CalendarScope, string>>; replaced: number } {
  const scopes: CalendarScope[] = member.authority.memberState ? ['all', 'state'] : ['all'];
  return inTransaction(db, () => {
    const now = clock.now().toISOString();
    const replaced = sql(db, 'UPDATE calendar_links SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(now, member.userId).changes;
    const secrets: Partial<Record<CalendarScope, string>> = {};
    for (const scope of scopes) {
      const secret = newSecret();
      const { lastInsertRowid } = sql(db, 'INSERT INTO calendar_links (user_id, secret_hash, language, scope, created_at) VALUES (?, ?, ?, ?, ?)').run(member.userId, hashOf(secret), language, scope, now);
      appendAudit(db, clock, { actor: actorOf(member), action: 'calendar.link_issued', subjectType: 'calendar_link', subjectRef: String(lastInsertRowid), details: { replaced, scope }, correlationId });
      secrets[scope] = secret;
    }
    return { secrets, replaced };
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
  /** The state whose inspections and actions the feed shows; null for everything. */
  onlyState: string | null;
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
    `SELECT l.id AS linkId, l.user_id AS userId, l.language, l.scope, l.revoked_at AS revokedAt, u.aad_object_id AS aadObjectId, u.authority_id AS authorityId,
            au.member_state AS memberState
       FROM calendar_links l JOIN users u ON u.id = l.user_id LEFT JOIN authorities au ON au.id = u.authority_id WHERE l.secret_hash = ?`,
  ).get(hashOf(secret)) as
    | { linkId: number; userId: number; language: Language; scope: CalendarScope; revokedAt: string | null; aadObjectId: string; authorityId: string | null; memberState: string | null }
    | undefined;
  if (!link) return null;
  // A state-only address of someone no longer in a state's authority has nothing to show.
  const refusal = link.revokedAt ? 'revoked' : !link.authorityId && !options.allowUnmapped ? 'unmapped' : link.scope === 'state' && !link.memberState ? 'no_state' : null;
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
  return refusal ? null : { linkId: link.linkId, userId: link.userId, language: link.language, onlyState: link.scope === 'state' ? link.memberState : null };
}
