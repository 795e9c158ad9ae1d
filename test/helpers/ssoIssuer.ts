import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface TokenClaims {
  aud?: string;
  iss?: string;
  tid?: string;
  oid?: string;
  scp?: string;
  preferred_username?: string;
  name?: string;
  expiresIn?: string | number;
}

/** The bot's app registration and host tenant the production-mode tab API tests run with. */
export const SSO_APP_ID = '00000000-0000-0000-0000-00000000b07d';
export const SSO_TENANT = '7d3c0b9e-2222-4c1a-8f00-0000000000aa';
/** The tab's SSO audience, `api://<host>/<app id>`, as the README's registration gives it. */
export const SSO_AUDIENCE = `api://desk.example.org/${SSO_APP_ID}`;

/** The app in production mode, its tab API trusting this issuer's tokens for the host tenant. */
export function productionEnv(issuer: { jwksUrl: string; issuerBase: string }): Record<string, string> {
  return {
    MicrosoftAppId: SSO_APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppTenantId: SSO_TENANT,
    ALLOWED_TENANT_IDS: SSO_TENANT,
    PUBLIC_BASE_URL: 'https://desk.example.org',
    HOST: '127.0.0.1',
    SSO_JWKS_URL: issuer.jwksUrl,
    SSO_ISSUER_BASE: issuer.issuerBase,
  };
}

/**
 * A stand-in for Microsoft Entra: locally generated RSA keys, a JWKS endpoint on loopback and a
 * signer for Teams-SSO-shaped tokens; plus a second key pair the JWKS does not publish.
 */
export async function startSsoIssuer() {
  const trusted = await generateKeyPair('RS256');
  const rogue = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(trusted.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuerBase = `${base}/issuer`;
  return {
    jwksUrl: `${base}/keys`,
    issuerBase,
    async token(claims: TokenClaims, options: { signWithRogueKey?: boolean } = {}): Promise<string> {
      const { expiresIn = '1h', ...rest } = claims;
      return new SignJWT({ ver: '2.0', ...rest })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime(typeof expiresIn === 'number' ? expiresIn : expiresIn)
        .sign(options.signWithRogueKey ? rogue.privateKey : trusted.privateKey);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
