import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export interface SsoIdentity {
  aadObjectId: string;
  tenantId: string;
  email: string | null;
  name: string | null;
}

export interface SsoVerifierOptions {
  /** The app's identifier URI (api://host/appId); the token's aud must be it or the bare app id. */
  audience: string[];
  allowedTenantIds: string[];
  /** A tenant not in the list may still be allowed: one an active authority lists (ALLOW_PARTICIPANT_TENANTS). */
  alsoAllowed?: (tenantId: string) => boolean;
  /** Microsoft Entra's signing keys; tests point this at a local JWKS endpoint. */
  jwksUrl?: string;
  /** Issuer of a tenant's tokens; defaults to Entra's v2 and v1 issuers. */
  issuersFor?: (tenantId: string) => string[];
  requiredScope?: string;
}

export class SsoError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SsoError';
  }
}

const ENTRA_KEYS = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
const entraIssuers = (tenantId: string) => [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];

/**
 * Checks a Teams SSO token as Entra issued it: signature against the published keys, audience,
 * issuer of the token's own tenant, expiry, the access_as_user scope and the tenant allowlist.
 */
export function createSsoVerifier(options: SsoVerifierOptions): (authorization: string | undefined) => Promise<SsoIdentity> {
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUrl ?? ENTRA_KEYS), { cacheMaxAge: 6 * 3600_000 });
  const issuersFor = options.issuersFor ?? entraIssuers;
  const requiredScope = options.requiredScope ?? 'access_as_user';
  const allowed = new Set(options.allowedTenantIds.map((id) => id.toLowerCase()));
  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new SsoError('missing_token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { audience: options.audience, algorithms: ['RS256'], clockTolerance: 60 }));
    } catch (error) {
      throw new SsoError(`invalid_token: ${(error as Error).message}`);
    }
    const tenantId = typeof payload.tid === 'string' ? payload.tid.toLowerCase() : '';
    if (!tenantId || !issuersFor(tenantId).includes(String(payload.iss))) throw new SsoError('wrong_issuer');
    if (!allowed.has(tenantId) && !options.alsoAllowed?.(tenantId)) throw new SsoError('tenant_not_allowed');
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(requiredScope)) throw new SsoError('missing_scope');
    if (typeof payload.oid !== 'string') throw new SsoError('missing_oid');
    const email = [payload.preferred_username, payload.upn, payload.email].find((v): v is string => typeof v === 'string') ?? null;
    return { aadObjectId: payload.oid, tenantId, email, name: typeof payload.name === 'string' ? payload.name : null };
  };
}
