import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { AppCredentials, AuthenticationConstants } from 'botframework-connector';

/**
 * A stand-in for the Bot Connector's signing side: an OpenID metadata document and its JWKS on
 * loopback (the app reaches them through BOT_OPENID_METADATA_URL), publishing a locally generated
 * RSA key, and a signer of Bot Framework-shaped channel tokens with it.
 */
export async function startBotFrameworkIssuer(appId: string) {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  // The Bot Connector endorses its keys per channel; botbuilder checks the activity's channel is one.
  const jwk: JWK & { endorsements: string[] } = { ...(await exportJWK(publicKey)), kid: 'bf-test-key', use: 'sig', endorsements: ['msteams'] };
  let base = '';
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    const body =
      req.url === '/v1/.well-known/openidconfiguration'
        ? { issuer: AuthenticationConstants.ToBotFromChannelTokenIssuer, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] }
        : req.url === '/v1/keys'
          ? { keys: [jwk] }
          : null;
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    requests: () => requests,
    /** A channel token as the Bot Connector signs it for one activity: for this bot, from this service URL. */
    token(serviceUrl: string): Promise<string> {
      return new SignJWT({ serviceurl: serviceUrl })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid!, typ: 'JWT' })
        .setIssuer(AuthenticationConstants.ToBotFromChannelTokenIssuer)
        .setAudience(appId)
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime('10m')
        .sign(privateKey);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The token the bot sends the Bot Connector with its replies, put where botbuilder keeps the one
 * it would get from Entra for this app id (there is no Entra here): replies are signed with it,
 * and the connector stub sees it.
 */
// botbuilder's own token cache, private in its typings: keyed by app id and scope, as AppCredentials does.
const tokenCache = (AppCredentials as unknown as { cache: Map<string, { accessToken: string; expiresOn: Date }> }).cache;
const cacheKey = (appId: string) => `${appId}${AuthenticationConstants.ToChannelFromBotOAuthScope}-cache`;

export function provideBotToken(appId: string, accessToken: string): void {
  tokenCache.set(cacheKey(appId), { accessToken, expiresOn: new Date(Date.now() + 3_600_000) });
}

export function forgetBotToken(appId: string): void {
  tokenCache.delete(cacheKey(appId));
}
