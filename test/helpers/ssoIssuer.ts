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
