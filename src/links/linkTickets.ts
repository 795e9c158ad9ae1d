import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';

/**
 * Report and CSV links open in a browser (a card's button, Teams desktop's downloads), where there
 * is no Teams token. Such a link carries a ticket instead: a JWT signed (HS256) with the store's
 * own key, whose audience is the path it opens, whose subject is the user it was made for, and
 * which expires. It opens that path only, read-only.
 */
export interface LinkTicket {
  path: string;
  aadObjectId: string;
  expiresAt: number;
}

export const TAB_TICKET_SECONDS = 10 * 60;
export const CARD_TICKET_SECONDS = 24 * 3600;

/** Names the tokens this store signs for links, so no other JWT signed with the key passes for one. */
const ISSUER = 'cooperation-desk';
const TYPE = 'link+jwt';

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

export async function issueTicket(db: Db, clock: Clock, ticket: { path: string; aadObjectId: string; seconds: number }): Promise<string> {
  const now = Math.floor(clock.now().getTime() / 1000);
  return new SignJWT()
    .setProtectedHeader({ alg: 'HS256', typ: TYPE })
    .setIssuer(ISSUER)
    .setAudience(ticket.path)
    .setSubject(ticket.aadObjectId)
    .setIssuedAt(now)
    .setExpirationTime(now + ticket.seconds)
    .sign(signingKey(db, clock));
}

/** The ticket's content when it is genuine, unexpired and made for this very path; null otherwise. */
export async function readTicket(db: Db, clock: Clock, ticket: string, path: string): Promise<LinkTicket | null> {
  try {
    const { payload } = await jwtVerify(ticket, signingKey(db, clock), {
      // Pinned: a token naming another algorithm (none, RS256 with the key as "public key") is refused.
      algorithms: ['HS256'],
      typ: TYPE,
      issuer: ISSUER,
      audience: path,
      requiredClaims: ['sub', 'iat', 'exp'],
      // No link lives longer than a card's, and none was issued in the future, whatever exp says.
      maxTokenAge: CARD_TICKET_SECONDS,
      currentDate: clock.now(),
    });
    return { path, aadObjectId: payload.sub!, expiresAt: payload.exp! };
  } catch (error) {
    // Anything jose refuses (bad signature, malformed, expired, other path) is just not a ticket;
    // any other error is a fault and goes up.
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

/** `path?ticket=...&locale=..`: a link that opens `path` in a browser for `seconds`. */
export async function ticketedPath(db: Db, clock: Clock, path: string, aadObjectId: string, seconds: number, query: Record<string, string> = {}): Promise<string> {
  const params = new URLSearchParams({ ...query, ticket: await issueTicket(db, clock, { path, aadObjectId, seconds }) });
  return `${path}?${params.toString()}`;
}
