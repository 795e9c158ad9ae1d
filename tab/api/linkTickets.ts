import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Db } from '../../src/store/database';
import type { Clock } from '../../src/clock';

/**
 * Report and CSV links open in a browser (a card's button, Teams desktop's downloads), where there
 * is no Teams token. Such a link carries a ticket instead: the path it opens, the user it was
 * made for and an expiry, signed with the store's own key. It opens that path only, read-only.
 */
export interface LinkTicket {
  path: string;
  aadObjectId: string;
  expiresAt: number;
}

export const TAB_TICKET_SECONDS = 10 * 60;
export const CARD_TICKET_SECONDS = 24 * 3600;

const keys = new WeakMap<Db, Buffer>();

function signingKey(db: Db, clock: Clock): Buffer {
  let key = keys.get(db);
  if (!key) {
    sql(db, 'INSERT INTO link_signing_keys (id, secret, created_at) VALUES (1, ?, ?) ON CONFLICT(id) DO NOTHING').run(randomBytes(32).toString('base64'), clock.now().toISOString());
    key = Buffer.from((sql(db, 'SELECT secret FROM link_signing_keys WHERE id = 1').get() as { secret: string }).secret, 'base64');
    keys.set(db, key);
  }
  return key;
}

const encode = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function signature(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export function issueTicket(db: Db, clock: Clock, ticket: { path: string; aadObjectId: string; seconds: number }): string {
  const payload = encode(JSON.stringify({ p: ticket.path, u: ticket.aadObjectId, e: Math.floor(clock.now().getTime() / 1000) + ticket.seconds }));
  return `${payload}.${encode(signature(signingKey(db, clock), payload))}`;
}

/** The ticket's content when it is genuine, unexpired and made for this very path; null otherwise. */
export function readTicket(db: Db, clock: Clock, ticket: string, path: string): LinkTicket | null {
  const [payload, signed, extra] = ticket.split('.');
  if (!payload || !signed || extra !== undefined) return null;
  const expected = signature(signingKey(db, clock), payload);
  const given = Buffer.from(signed, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let content: { p?: unknown; u?: unknown; e?: unknown };
  try {
    content = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof content.p !== 'string' || typeof content.u !== 'string' || typeof content.e !== 'number') return null;
  if (content.p !== path || content.e * 1000 <= clock.now().getTime()) return null;
  return { path: content.p, aadObjectId: content.u, expiresAt: content.e };
}

/** `path?ticket=...&locale=..`: a link that opens `path` in a browser for `seconds`. */
export function ticketedPath(db: Db, clock: Clock, path: string, aadObjectId: string, seconds: number, query: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...query, ticket: issueTicket(db, clock, { path, aadObjectId, seconds }) });
  return `${path}?${params.toString()}`;
}
