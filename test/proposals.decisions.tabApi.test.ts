import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './helpers/testApp';
import { productionEnv, SSO_AUDIENCE as AUDIENCE, SSO_TENANT as TENANT, startSsoIssuer } from './helpers/ssoIssuer';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { loadDemoData } from '../src/demo/loadDemoData';
import { systemClock } from '../src/clock';
import { getActionDetail } from '../src/plans/actionQueries';
import { forgetDemoCycle } from './helpers/demoCycle';

const NEXT = new Date().getUTCFullYear() + 1;

async function send(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'Content-Type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as any) : null };
}

const form = (title: string, states: string[]) => ({
  formId: randomUUID(),
  title,
  type: 'concerted_inspection',
  scope: states.length > 2 ? 'multilateral' : 'bilateral',
  states,
  leadState: 'PT',
  rationale: 'Seen in last year’s alerts.',
  priorities: [],
});

describe('the coordinators accept, merge and decline proposals through the tab API (Teams SSO)', () => {
  let t: TestApp;
  let issuer: Awaited<ReturnType<typeof startSsoIssuer>>;
  const claims = (email: string, oid: string) => ({ aud: AUDIENCE, iss: `${issuer.issuerBase}/${TENANT}/v2.0`, tid: TENANT, oid, scp: 'access_as_user', preferred_username: email });
  const PORTUGAL_OID = '0a4d2f1e-2222-4a6b-9c0d-0000000000d1';
  const FRANCE_OID = '0a4d2f1e-2222-4a6b-9c0d-0000000000d2';
  const portugal = () => issuer.token(claims('inspector.pt@act.gov.pt', PORTUGAL_OID));
  const france = () => issuer.token(claims('coordinatrice@urssaf.fr', FRANCE_OID));
  const as = (token: string, language = 'en') => ({ Authorization: `Bearer ${token}`, 'Accept-Language': language });
  const post = async (ref: string, change: string, body: unknown, token: string, language = 'en') => send(`${t.app.url}/api/proposals/${ref}/${change}`, { method: 'POST', body, headers: as(token, language) });
  const list = async (token: string) => (await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { headers: as(token) })).body.proposals as any[];
  const propose = async (title: string, states: string[]) => (await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { method: 'POST', body: form(title, states), headers: as(await portugal()) })).body.ref as string;

  before(async () => {
    issuer = await startSsoIssuer();
    t = await startTestApp({ env: { ...productionEnv(issuer), DEMO_DATA: 'never' } });
    loadDemoData(t.app.db, systemClock);
    forgetDemoCycle(t.app.db);
  });
  after(async () => {
    await t.stop();
    await issuer.stop();
  });

  it('refuses accept, decline and merge without a valid token', async () => {
    for (const change of ['accept', 'decline', 'merge']) {
      expect((await send(`${t.app.url}/api/proposals/P${NEXT}-01/${change}`, { method: 'POST', body: {} })).status, change).to.equal(401);
      expect((await send(`${t.app.url}/api/proposals/P${NEXT}-01/${change}`, { method: 'POST', body: {}, headers: { Authorization: 'Bearer not-a-token' } })).status, change).to.equal(401);
    }
  });

  it('lets only a coordinator decide: a member is refused in their language, a reason and a target are asked for at their field, each decision is audited and the list shows it', async () => {
    const road = await propose('Road transport week', ['ES', 'PT']);
    const drivers = await propose('Posted drivers: joint checks', ['FR', 'PT']);
    const farms = await propose('Seasonal agriculture', ['ES', 'PT']);
    const training = await propose('Tachograph training', ['ES', 'FR', 'PT']);

    // The proposer (a member, not a coordinator) sees its own moves, none of the coordinators'.
    const seenByPortugal = (await list(await portugal())).find((p) => p.ref === road).rights;
    expect(seenByPortugal).to.deep.include({ mayChange: true, mayAccept: false, mayDecline: false, mayMerge: false });
    for (const [change, body] of [['accept', {}], ['decline', { reason: 'No.' }], ['merge', { into: drivers }]] as const) {
      const refused = await post(road, change, body, await portugal(), 'pt-PT');
      expect(refused.status, change).to.equal(403);
      expect(refused.body.error).to.deep.equal({ code: 'not_allowed', message: translator('pt')('plan.errors.coordinatorsOnly') });
    }
    expect(listAudit(t.app.db, { subjectRef: road }).map((entry) => entry.action)).to.deep.equal(['proposal.created']);

    // France's coordinator (the role is data: users.role) sees the decisions, not the proposer's moves.
    await list(await france());
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(FRANCE_OID);
    const seenByFrance = (await list(await france())).find((p) => p.ref === road).rights;
    expect(seenByFrance).to.deep.include({ mayChange: false, mayAccept: true, mayDecline: true, mayMerge: true, mayJoin: true });

    // Decline without a reason, merge without a target or into itself: at the field, in the reader's language; nothing changes.
    const noReason = await post(farms, 'decline', { reason: '   ' }, await france(), 'es-ES');
    expect(noReason.status).to.equal(400);
    expect(noReason.body.error.fields).to.deep.equal({ reason: translator('es')('cycle.errors.reasonRequired') });
    const wrongType = await post(farms, 'decline', { reason: { text: 'x' } }, await france(), 'es-ES');
    expect(wrongType.body.error.fields).to.deep.equal({ reason: translator('es')('cycle.errors.reasonRequired') });
    const noTarget = await post(road, 'merge', {}, await france(), 'fr-FR');
    expect(noTarget.status).to.equal(400);
    expect(noTarget.body.error.fields).to.deep.equal({ into: translator('fr')('proposals.errors.chooseTarget') });
    const itself = await post(road, 'merge', { into: road }, await france(), 'fr-FR');
    expect(itself.body.error.fields).to.deep.equal({ into: translator('fr')('proposals.errors.mergeIntoItself', { ref: road }) });
    expect(listAudit(t.app.db, { action: 'proposal.declined' }).length + listAudit(t.app.db, { action: 'proposal.merged' }).length).to.equal(0);

    // Merge, decline, accept.
    const merged = await post(road, 'merge', { into: drivers }, await france());
    expect(merged.status).to.equal(200);
    expect(merged.body).to.deep.include({ ref: road, status: 'merged', mergedInto: drivers });
    expect(merged.body.rights).to.deep.include({ mayJoin: false, maySupport: false, mayComment: false, mayAccept: false, mayDecline: false, mayMerge: false });
    const declined = await post(farms, 'decline', { reason: 'Covered by the national campaign.' }, await france());
    expect(declined.status).to.equal(200);
    expect(declined.body).to.deep.include({ status: 'declined', decisionReason: 'Covered by the national campaign.' });
    const accepted = await post(drivers, 'accept', {}, await france());
    expect(accepted.status).to.equal(200);
    expect(accepted.body.status).to.equal('accepted');
    // The merged proposal's states came along into the accepted one, and into the action of the draft.
    expect(getActionDetail(t.app.db, accepted.body.actionRef)!.states).to.have.members(['ES', 'FR', 'PT']);

    // Once decided, no second decision: a clear refusal naming why.
    const again = await post(drivers, 'decline', { reason: 'Changed our minds.' }, await france(), 'it-IT');
    expect(again.status).to.equal(400);
    expect(again.body.error.message).to.equal(translator('it')('cycle.errors.proposalAccepted', { ref: drivers, action: accepted.body.actionRef }));
    const intoClosed = await post(training, 'merge', { into: farms }, await france());
    expect(intoClosed.body.error.fields).to.deep.equal({ into: translator('en')('proposals.errors.targetClosed', { ref: farms }) });
    const unknown = await post(`P${NEXT}-99`, 'accept', {}, await france());
    expect(unknown.status).to.equal(404);

    const shown = await list(await france());
    expect(shown.map((p) => [p.ref, p.status])).to.deep.equal([
      [road, 'merged'],
      [drivers, 'accepted'],
      [farms, 'declined'],
      [training, 'open'],
    ]);
    // Nothing is left to merge the last open proposal into.
    expect(shown.find((p) => p.ref === training).rights).to.deep.include({ mayAccept: true, mayDecline: true, mayMerge: false });
    const decisions = [...listAudit(t.app.db, { action: 'proposal.merged' }), ...listAudit(t.app.db, { action: 'proposal.declined' }), ...listAudit(t.app.db, { action: 'proposal.accepted' })];
    expect(decisions.map((entry) => [entry.action, entry.subjectRef, entry.authorityId])).to.deep.equal([
      ['proposal.merged', road, 'FR-URSSAF'],
      ['proposal.declined', farms, 'FR-URSSAF'],
      ['proposal.accepted', drivers, 'FR-URSSAF'],
    ]);
  });
});
