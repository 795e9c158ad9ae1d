import { decodeJwt, decodeProtectedHeader } from 'jose';

/**
 * A first look at the Bot Framework bearer token, before botbuilder fetches any signing key.
 * The Bot Connector signs with RS256 and a key id; anything else (malformed, `alg: none`, an
 * HMAC secret guessed by an attacker, expired) is refused here, so a flood of junk tokens never
 * makes the app ask the OpenID endpoint for keys. The signature is checked by botbuilder after.
 */

// Bot Framework tolerates five minutes of clock skew; so do we, or we would refuse what it accepts.
const CLOCK_SKEW_SECONDS = 300;
const ACCEPTED_ALGORITHMS = new Set(['RS256']);

export type TokenPrecheck = { ok: true } | { ok: false; reason: string };

export function precheckBearerToken(authorization: string | undefined, nowMs: number): TokenPrecheck {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) return { ok: false, reason: authorization ? 'malformed' : 'missing' };
  const token = match[1];
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof header.alg !== 'string' || !ACCEPTED_ALGORITHMS.has(header.alg)) return { ok: false, reason: 'algorithm' };
  if (typeof header.kid !== 'string' || header.kid.length === 0) return { ok: false, reason: 'no key id' };
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS < now) return { ok: false, reason: 'expired' };
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_SECONDS > now) return { ok: false, reason: 'not yet valid' };
  if (typeof claims.iss !== 'string' || claims.aud === undefined) return { ok: false, reason: 'claims' };
  return { ok: true };
}
