import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { SignJWT, generateKeyPair } from 'jose';
import { startTestApp, type TestApp } from './helpers/testApp';
import { personalMessage } from './helpers/activities';

import { PRODUCTION_ENV } from './helpers/production';

const APP_ID = PRODUCTION_ENV.MicrosoftAppId;

/** Stands in for the Bot Connector's OpenID metadata endpoint: counts requests, answers 500 (an outage). */
async function failingMetadataEndpoint() {
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests += 1;
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end('metadata unavailable');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`,
    requests: () => requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/emea/' };

describe('Bot Framework authentication in production', function () {
  this.timeout(30_000);
  let t: TestApp;
  let metadata: Awaited<ReturnType<typeof failingMetadataEndpoint>>;
  let rsaKey: CryptoKey;

  before(async () => {
    metadata = await failingMetadataEndpoint();
    rsaKey = (await generateKeyPair('RS256')).privateKey as CryptoKey;
    t = await startTestApp({
      env: { ...PRODUCTION_ENV, BOT_OPENID_METADATA_URL: metadata.url },
    });
  });
  after(async () => {
    await t?.stop();
    await metadata?.stop();
  });

  const post = (authorization: string) => t.post(personalMessage('/help'), { Authorization: authorization });
  const rsaToken = (exp: number) => new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'key-1' }).setIssuedAt().setExpirationTime(exp).sign(rsaKey);

  const refused: Array<[string, () => Promise<string>]> = [
    ['no token at all', async () => ''],
    ['a malformed token', async () => 'Bearer not.a-token'],
    ['an unsigned token (alg: none)', async () => `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, exp: now() + 600 })}.x`],
    ['an HMAC-signed token', async () => `Bearer ${await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', kid: 'key-1' }).setExpirationTime(now() + 600).sign(new TextEncoder().encode('guessed-secret-guessed-secret-32'))}`],
    ['an expired token', async () => `Bearer ${await rsaToken(now() - 3600)}`],
    ['a token without a key id', async () => `Bearer ${await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256' }).setExpirationTime(now() + 600).sign(rsaKey)}`],
  ];
  for (const [what, authorization] of refused) {
    it(`refuses ${what} with 401 before any signing key is fetched`, async () => {
      const before = metadata.requests();
      const answer = await post(await authorization());
      expect(answer.status).to.equal(401);
      expect(answer.body.error.code).to.equal('Unauthorized');
      expect(metadata.requests()).to.equal(before);
      expect(t.connector.calls).to.have.length(0);
    });
  }

  it('answers 503 with Retry-After, and no internals, when the signing keys cannot be fetched', async () => {
    const response = await fetch(`${t.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await rsaToken(now() + 600)}` },
      body: JSON.stringify({ ...personalMessage('/help'), serviceUrl: t.connector.url }),
    });
    const text = await response.text();
    expect(response.status).to.equal(503);
    expect(Number(response.headers.get('retry-after'))).to.be.greaterThan(0);
    expect(metadata.requests()).to.be.greaterThan(0);
    expect(text).not.to.include('127.0.0.1').and.not.to.include('openid').and.not.to.include('Error');
    expect(JSON.parse(text).error.correlationId).to.match(/^[0-9a-f-]{36}$/);
    expect(t.connector.calls).to.have.length(0);
  });
});
