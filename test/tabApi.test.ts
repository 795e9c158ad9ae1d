import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { startSsoIssuer } from './helpers/ssoIssuer';
import { translator } from '../src/i18n/translate';

const APP_ID = '00000000-0000-0000-0000-00000000b07d';
const TENANT = '7d3c0b9e-2222-4c1a-8f00-0000000000aa';
const FOREIGN_TENANT = '99999999-9999-4999-8999-999999999999';
const AUDIENCE = `api://desk.example.org/${APP_ID}`;

async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as any, headers: response.headers };
}

describe('the tab API in local mode', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.stop());

  it('answers /api/me with the clearly labelled development identity', async () => {
    const { status, body } = await getJson(`${t.app.url}/api/me`);
    expect(status).to.equal(200);
    expect(body).to.deep.equal({ mode: 'local', devIdentity: true, authority: { id: 'PT-ACT', shortName: 'ACT', memberState: 'PT' }, role: 'coordinator' });
  });

  it('lists the plan years and serves a year with its actions', async () => {
    expect((await getJson(`${t.app.url}/api/plans`)).body).to.deep.equal({ years: [2023, 2024] });
    const { status, body, headers } = await getJson(`${t.app.url}/api/plans/2024`);
    expect(status).to.equal(200);
    expect(headers.get('cache-control')).to.equal('no-store');
    expect(body).to.include({ year: 2024, agreedActionCount: 42 });
    const merida = body.actions.find((a: any) => a.places.some((p: any) => p.city === 'Mérida'));
    expect(merida).to.include({ type: 'expert_meeting', scope: 'bilateral', status: 'implemented', startDate: '2024-10-03' });
  });

  it('answers an unknown year with a localized 404', async () => {
    const { status, body } = await getJson(`${t.app.url}/api/plans/1999`, { 'Accept-Language': 'pt-PT' });
    expect(status).to.equal(404);
    expect(body.error).to.deep.equal({ code: 'plan_not_found', message: translator('pt')('apiErrors.plan_not_found') });
  });

  it('serves the tab page with a frame-ancestors policy for Teams', async () => {
    const response = await fetch(`${t.app.url}/tab/`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-security-policy')).to.include('frame-ancestors').and.include('https://teams.microsoft.com');
    expect(await response.text()).to.include('<div id="root"');
  });

  it('serves the privacy and terms pages the manifest links to, in the reader language', async () => {
    const privacy = await fetch(`${t.app.url}/privacy`, { headers: { 'Accept-Language': 'it-IT' } });
    expect(privacy.status).to.equal(200);
    const html = await privacy.text();
    expect(html).to.include(translator('it')('legal.privacyTitle').replace(/'/g, '&#39;')).and.include('183');
    expect((await fetch(`${t.app.url}/terms?locale=es`)).status).to.equal(200);
  });

  it('refuses paths outside the tab folder', async () => {
    expect((await fetch(`${t.app.url}/tab/..%2f..%2fpackage.json`)).status).to.equal(404);
  });

  it('reports health with the database checked', async () => {
    expect(await getJson(`${t.app.url}/healthz`)).to.deep.include({ status: 200, body: { status: 'ok', mode: 'local' } });
  });
});

describe('the tab API in production (Teams SSO)', () => {
  let t: TestApp;
  let issuer: Awaited<ReturnType<typeof startSsoIssuer>>;

  before(async () => {
    issuer = await startSsoIssuer();
    t = await startTestApp({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppTenantId: TENANT,
        ALLOWED_TENANT_IDS: TENANT,
        PUBLIC_BASE_URL: 'https://desk.example.org',
        HOST: '127.0.0.1',
        SSO_JWKS_URL: issuer.jwksUrl,
        SSO_ISSUER_BASE: issuer.issuerBase,
      },
    });
  });
  after(async () => {
    await t.stop();
    await issuer.stop();
  });

  const valid = () => ({
    aud: AUDIENCE,
    iss: `${issuer.issuerBase}/${TENANT}/v2.0`,
    tid: TENANT,
    oid: '0a4d2f1e-1111-4a6b-9c0d-0000000000f1',
    scp: 'access_as_user',
    preferred_username: 'coordinator@urssaf.fr',
  });

  async function call(token?: string) {
    return getJson(`${t.app.url}/api/plans`, token ? { Authorization: `Bearer ${token}` } : {});
  }

  it('answers 401 without a token', async () => {
    expect((await call()).status).to.equal(401);
  });

  it('answers 401 for an expired token', async () => {
    expect((await call(await issuer.token({ ...valid(), expiresIn: Math.floor(Date.now() / 1000) - 600 }))).status).to.equal(401);
  });

  it('answers 401 for a wrong audience', async () => {
    expect((await call(await issuer.token({ ...valid(), aud: 'api://elsewhere.example.org/other' }))).status).to.equal(401);
  });

  it('answers 401 for a wrong issuer', async () => {
    expect((await call(await issuer.token({ ...valid(), iss: 'https://evil.example.org/v2.0' }))).status).to.equal(401);
  });

  it('answers 401 for a token signed with a key Entra did not publish', async () => {
    expect((await call(await issuer.token(valid(), { signWithRogueKey: true }))).status).to.equal(401);
  });

  it('answers 401 for a tenant that is not on the allowlist', async () => {
    const foreign = { ...valid(), tid: FOREIGN_TENANT, iss: `${issuer.issuerBase}/${FOREIGN_TENANT}/v2.0` };
    expect((await call(await issuer.token(foreign))).status).to.equal(401);
  });

  it('answers 401 without the access_as_user scope', async () => {
    expect((await call(await issuer.token({ ...valid(), scp: 'User.Read' }))).status).to.equal(401);
  });

  it('answers 200 for a valid token and maps the user to their authority', async () => {
    const token = await issuer.token(valid());
    expect((await call(token)).status).to.equal(200);
    const me = await getJson(`${t.app.url}/api/me`, { Authorization: `Bearer ${token}` });
    expect(me.body).to.deep.include({ mode: 'production', devIdentity: false, authority: { id: 'FR-URSSAF', shortName: 'URSSAF', memberState: 'FR' } });
  });

  it('answers 403 for a valid token of a user no authority matches', async () => {
    const token = await issuer.token({ ...valid(), oid: '0a4d2f1e-1111-4a6b-9c0d-0000000000f2', preferred_username: 'someone@example.com' });
    expect((await call(token)).status).to.equal(403);
  });
});
