import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { productionEnv, SSO_AUDIENCE as AUDIENCE, SSO_TENANT as TENANT, startSsoIssuer } from './helpers/ssoIssuer';
import { translator } from '../src/i18n/translate';
import { countryName } from '../src/reference/countries';
import { listAudit } from '../src/audit/audit';
import { listMemberStates } from '../src/reference/participants';

const BELGIAN_TENANT = 'be000000-1111-4222-8333-000000000be1';
const fr = translator('fr');
const en = translator('en');

const BELGIUM = {
  country: 'BE',
  shortName: 'SPF ETCS',
  nameLocal: 'Service public fédéral Emploi, Travail et Concertation sociale',
  nameEn: 'Federal Public Service Employment, Labour and Social Dialogue',
  type: 'labour_inspectorate',
  emailDomains: ['emploi.belgique.be'],
  tenantIds: [BELGIAN_TENANT],
};

async function send(url: string, method: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

describe('a state joins through the tab API (production, Teams SSO, ALLOW_PARTICIPANT_TENANTS=yes)', () => {
  let t: TestApp;
  let issuer: Awaited<ReturnType<typeof startSsoIssuer>>;

  before(async () => {
    issuer = await startSsoIssuer();
    t = await startTestApp({
      env: { ...productionEnv(issuer), ALLOW_PARTICIPANT_TENANTS: 'yes', DEMO_DATA: 'never' },
    });
  });
  after(async () => {
    await t.stop();
    await issuer.stop();
  });

  const token = (overrides: Record<string, unknown> = {}) =>
    issuer.token({ aud: AUDIENCE, iss: `${issuer.issuerBase}/${TENANT}/v2.0`, tid: TENANT, oid: '0a4d2f1e-1111-4a6b-9c0d-0000000000f3', scp: 'access_as_user', preferred_username: 'inspectrice@urssaf.fr', ...overrides } as any);
  const belgianToken = () =>
    token({ iss: `${issuer.issuerBase}/${BELGIAN_TENANT}/v2.0`, tid: BELGIAN_TENANT, oid: '0a4d2f1e-1111-4a6b-9c0d-0000000000b1', preferred_username: 'inspecteur@emploi.belgique.be' });
  const call = async (method: string, route: string, body: unknown, bearer: string, language = 'en-GB') =>
    send(`${t.app.url}${route}`, method, body, { Authorization: `Bearer ${bearer}`, 'Accept-Language': language });

  it('refuses a member who is not a coordinator (403, localized) and a tenant no authority lists (401)', async () => {
    const refused = await call('POST', '/api/member-states', BELGIUM, await token(), 'fr-FR');
    expect(refused.status).to.equal(403);
    expect(refused.body.error.message).to.equal(fr('states.errors.coordinatorsOnly'));
    expect((await call('GET', '/api/me', undefined, await belgianToken())).status, 'Belgium is not in yet').to.equal(401);
  });

  it('lets a coordinator add Belgium: 400 per field first, then 201; its tenant is served and its people mapped at once; deactivated, they are refused', async () => {
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run('0a4d2f1e-1111-4a6b-9c0d-0000000000f3');
    const bad = await call('POST', '/api/member-states', { ...BELGIUM, country: 'NO', emailDomains: 'emploi belgique', tenantIds: ['xyz'] }, await token(), 'fr-FR');
    expect(bad.status).to.equal(400);
    expect(bad.body.error.fields.country).to.equal(fr('states.errors.notEuCountry', { country: countryName('NO', 'fr') }));
    expect(bad.body.error.fields.emailDomains).to.equal(fr('states.errors.domainInvalid', { domain: 'emploi' }));
    expect(bad.body.error.fields.tenantIds).to.equal(fr('states.errors.tenantInvalid', { tenant: 'xyz' }));
    expect(listMemberStates(t.app.db).map((state) => state.code)).to.not.include('BE');

    const added = await call('POST', '/api/member-states', BELGIUM, await token());
    expect(added.status).to.equal(201);
    expect(added.body).to.deep.equal({ kind: 'admitted', country: 'BE', authorityId: 'BE-SPFETCS' });
    expect(listAudit(t.app.db, { action: 'member_state.admitted' })).to.have.length(1);

    const me = await call('GET', '/api/me', undefined, await belgianToken());
    expect(me.status).to.equal(200);
    expect(me.body.authority).to.deep.equal({ id: 'BE-SPFETCS', shortName: 'SPF ETCS', memberState: 'BE' });
    const states = await call('GET', '/api/member-states', undefined, await belgianToken(), 'fr-FR');
    expect(states.body.states.find((state: any) => state.code === 'BE')).to.include({ active: true, name: countryName('BE', 'fr') });

    const second = await call('POST', '/api/member-states/BE/authorities', { shortName: 'ONSS', nameLocal: 'Office national de sécurité sociale', nameEn: 'National Social Security Office', type: 'social_security', emailDomains: 'onss.fgov.be' }, await token());
    expect(second.status).to.equal(201);
    expect(second.body.authorityId).to.equal('BE-ONSS');
    // ONSS lists no tenant: its people, guests of the host tenant, are mapped by their domain.
    const onssToken = () => token({ oid: '0a4d2f1e-1111-4a6b-9c0d-0000000000b2', preferred_username: 'agent@onss.fgov.be' });
    expect((await call('GET', '/api/me', undefined, await onssToken())).body.authority.id).to.equal('BE-ONSS');

    const off = await call('POST', '/api/member-states/BE/deactivate', {}, await token());
    expect(off.status).to.equal(200);
    expect(off.body).to.deep.equal({ country: 'BE', authorities: ['BE-ONSS', 'BE-SPFETCS'], agreedPlans: [] });
    // The mapped Belgian is told why; the tenant no active authority lists is no longer served.
    const refused = await call('GET', '/api/me', undefined, await belgianToken());
    expect(refused.status).to.equal(401);
    const left = await call('GET', '/api/me', undefined, await onssToken(), 'fr-FR');
    expect(left.status).to.equal(403);
    expect(left.body.error).to.deep.equal({ code: 'authority_inactive', message: fr('states.refused.inactiveAuthority', { authority: 'ONSS (BE)' }) });
    expect((await call('POST', '/api/member-states/BE/deactivate', {}, await token())).body.error.message).to.equal(en('states.errors.alreadyInactive', { country: countryName('BE', 'en') }));
  });

  it('reactivates Belgium and one of its authorities for a coordinator: served again at once; a wrong move is a 400 in the reader\'s language, a member a 403', async () => {
    const refused = await call('POST', '/api/member-states/BE/reactivate', {}, await token({ oid: '0a4d2f1e-1111-4a6b-9c0d-0000000000e1', preferred_username: 'inspector@mites.gob.es' }), 'it-IT');
    expect(refused.status).to.equal(403);
    expect(refused.body.error.message).to.equal(translator('it')('states.errors.coordinatorsOnly'));

    const back = await call('POST', '/api/member-states/BE/reactivate', {}, await token());
    expect(back.status).to.equal(200);
    expect(back.body).to.deep.equal({ country: 'BE', authorities: ['BE-ONSS', 'BE-SPFETCS'] });
    expect((await call('GET', '/api/me', undefined, await belgianToken())).body.authority.id).to.equal('BE-SPFETCS');
    const again = await call('POST', '/api/member-states/BE/reactivate', {}, await token(), 'fr-FR');
    expect(again.status).to.equal(400);
    expect(again.body.error.message).to.equal(fr('stateAdmin.errors.stateAlreadyActive', { country: countryName('BE', 'fr') }));

    const off = await call('POST', '/api/authorities/BE-ONSS/deactivate', {}, await token());
    expect(off.status).to.equal(200);
    expect(off.body).to.deep.equal({ authorityId: 'BE-ONSS', country: 'BE' });
    const states = await call('GET', '/api/member-states', undefined, await token(), 'fr-FR');
    const belgium = states.body.states.find((state: any) => state.code === 'BE');
    expect(belgium.authorities.find((authority: any) => authority.id === 'BE-ONSS')).to.include({ active: false, name: 'Office national de sécurité sociale' });
    const last = await call('POST', '/api/authorities/BE-SPFETCS/deactivate', {}, await token());
    expect(last.status).to.equal(400);
    expect(last.body.error.message).to.equal(en('stateAdmin.errors.lastAuthority', { id: 'BE-SPFETCS', country: countryName('BE', 'en') }));
    expect((await call('POST', '/api/authorities/BE-ONSS/reactivate', {}, await token())).status).to.equal(200);
    expect(listAudit(t.app.db, { action: 'authority.reactivated' }).map((row) => row.subjectRef)).to.deep.equal(['BE-ONSS']);
  });
});
