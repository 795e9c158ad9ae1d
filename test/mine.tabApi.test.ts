import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { productionEnv, SSO_AUDIENCE as AUDIENCE, SSO_TENANT as TENANT, startSsoIssuer } from './helpers/ssoIssuer';
import { ALERT_DRAFT } from './helpers/domainSamples';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { resolveMember } from '../src/identity/members';
import { validateAlertDraft } from '../src/alerts/alertInput';
import { createAlert } from '../src/alerts/createAlert';
import { systemClock } from '../src/clock';


describe('GET /api/mine: my open items in the tab (Teams SSO)', () => {
  let t: TestApp;
  let issuer: Awaited<ReturnType<typeof startSsoIssuer>>;
  let alertRef: string;

  before(async () => {
    issuer = await startSsoIssuer();
    t = await startTestApp({
      env: { ...productionEnv(issuer), DEMO_DATA: 'never' },
    });
    // Portugal's ACT warns France and Spain (the bot's way to this command is tested with /mine).
    const pt = resolveMember(t.app.db, systemClock, { aadObjectId: '0a4d2f1e-3333-4a6b-9c0d-000000000001', tenantId: null, email: 'inspector@act.gov.pt' })!;
    const checked = validateAlertDraft(ALERT_DRAFT);
    if (!checked.ok) throw new Error('draft');
    const created = await createAlert(t.app.db, systemClock, pt, checked.input, { formId: '00000000-0000-4000-8000-00000000c001', companyChoice: { kind: 'new' } });
    if (created.kind !== 'created') throw new Error(created.kind);
    alertRef = created.alert.ref;
  });
  after(async () => {
    await t.stop();
    await issuer.stop();
  });

  const token = (username: string, oid: string) =>
    issuer.token({ aud: AUDIENCE, iss: `${issuer.issuerBase}/${TENANT}/v2.0`, tid: TENANT, oid, scp: 'access_as_user', preferred_username: username });

  async function mine(headers: Record<string, string>, query = '') {
    const response = await fetch(`${t.app.url}/api/mine${query}`, { headers });
    return { status: response.status, body: (await response.json()) as any, cacheControl: response.headers.get('cache-control') };
  }

  it('answers 401 without a token, and 401 for another tenant\'s', async () => {
    expect((await mine({})).status).to.equal(401);
    const foreign = await issuer.token({ aud: AUDIENCE, iss: `${issuer.issuerBase}/99999999-9999-4999-8999-999999999999/v2.0`, tid: '99999999-9999-4999-8999-999999999999', oid: '0a4d2f1e-3333-4a6b-9c0d-0000000000ff', scp: 'access_as_user', preferred_username: 'x@urssaf.fr' });
    expect((await mine({ Authorization: `Bearer ${foreign}` })).status).to.equal(401);
  });

  it('lists the alert France must answer, in French from the tab\'s locale, audited', async () => {
    const { status, body, cacheControl } = await mine({ Authorization: `Bearer ${await token('inspectrice@urssaf.fr', '0a4d2f1e-3333-4a6b-9c0d-000000000002')}` }, '?locale=fr-FR');
    expect(status).to.equal(200);
    expect(cacheControl).to.equal('no-store');
    const fr = translator('fr');
    expect(body.title).to.equal(fr('mine.title'));
    expect(body.authority).to.deep.equal({ id: 'FR-URSSAF', shortName: 'URSSAF', memberState: 'FR' });
    const alerts = body.sections.find((section: any) => section.kind === 'alert');
    expect(alerts.title).to.equal(fr('mine.alerts', { number: 1 }));
    expect(alerts.items).to.have.length(1);
    expect(alerts.items[0]).to.deep.include({ kind: 'alert', ref: alertRef, heading: ALERT_DRAFT.companyName, tone: 'warning' });
    expect(alerts.items[0].line).to.include(fr('alerts.urgency.priority'));
    expect(body.sections.map((section: any) => section.kind)).to.deep.equal(['alert', 'inspection', 'action', 'request']);
    expect(listAudit(t.app.db, { action: 'open_items.read' }).at(-1)).to.include({ authorityId: 'FR-URSSAF' });
  });

  it('answers in Spanish from Accept-Language; the reporting authority has nothing to answer', async () => {
    const es = translator('es');
    const spain = await mine({ Authorization: `Bearer ${await token('inspector@mites.gob.es', '0a4d2f1e-3333-4a6b-9c0d-000000000003')}`, 'Accept-Language': 'es-ES,es;q=0.9' });
    expect(spain.body.title).to.equal(es('mine.title'));
    expect(spain.body.sections[0].items.map((item: any) => item.ref)).to.deep.equal([alertRef]);
    const portugal = await mine({ Authorization: `Bearer ${await token('inspector@act.gov.pt', '0a4d2f1e-3333-4a6b-9c0d-000000000001')}`, 'Accept-Language': 'es-ES' });
    expect(portugal.body.sections[0]).to.deep.include({ items: [], empty: es('mine.empty') });
  });
});
