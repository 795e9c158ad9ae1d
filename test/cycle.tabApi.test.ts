import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { startTestApp, type TestApp } from './helpers/testApp';
import { productionEnv, SSO_AUDIENCE as AUDIENCE, SSO_TENANT as TENANT, startSsoIssuer } from './helpers/ssoIssuer';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { loadDemoData } from '../src/demo/loadDemoData';
import { systemClock } from '../src/clock';
import { resolveMember } from '../src/identity/members';
import { listAuthorities } from '../src/reference/participants';
import { validateActionDraft } from '../src/plans/actionInput';
import { createAction } from '../src/plans/createAction';
import { assessPlan } from '../src/plans/frozenAssessment';
import { updateActionStatus } from '../src/plans/updateActionStatus';
import { getPlanView } from '../src/plans/planQueries';
import { listProposals } from '../src/plans/proposals';
import { setPriorities } from '../src/plans/priorities';
import { forgetDemoCycle } from './helpers/demoCycle';
import { naceLabel } from '../src/reference/nace';

const FOREIGN_TENANT = '99999999-9999-4999-8999-999999999999';
const NEXT = new Date().getUTCFullYear() + 1;
const THIS = NEXT - 1;

async function send(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'Content-Type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as any) : null };
}

/** Next year's agriculture priority, set by a coordinator before the tests. */
let agriculture = '';

/** A proposal form as the tab sends it: a multilateral joint inspection of three states, led by PT. */
function proposalForm(overrides: Record<string, unknown> = {}) {
  return {
    formId: randomUUID(),
    title: 'Seasonal agriculture: joint inspections in the Alentejo and Andalusia',
    description: 'Farms employing posted workers through temporary work agencies.',
    type: 'joint_inspection',
    scope: 'multilateral',
    states: ['ES', 'FR', 'PT'],
    leadState: 'PT',
    leadAuthority: 'PT-ACT',
    sectors: ['01'],
    topics: ['posting_of_workers', 'temporary_agency_work'],
    period: `${NEXT}-Q2`,
    funding: ['ela'],
    rationale: 'Three alerts on the same agencies in the last year.',
    priorities: agriculture ? [agriculture] : [],
    ...overrides,
  };
}

describe('the annual cycle through the tab API (local mode)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    forgetDemoCycle(t.app.db);
    const coordinator = { ...resolveMember(t.app.db, systemClock, { aadObjectId: 'tab-api-coordinator', tenantId: null, email: 'coordinator@urssaf.fr' })!, role: 'coordinator' as const };
    agriculture = String(setPriorities(t.app.db, systemClock, coordinator, { year: NEXT, keep: [], add: [{ sector: '01', topic: null }], expectedVersion: 0 })[0].id);
  });
  after(async () => {
    // The other apps below set no priorities: their forms choose none.
    agriculture = '';
    await t.stop();
  });

  it("shows every participating state's endorsement of next year's draft, and a localized 404 for a year with no plan", async () => {
    const { status, body } = await send(`${t.app.url}/api/plans/${NEXT}/endorsement`);
    expect(status).to.equal(200);
    expect(body.plan).to.include({ year: NEXT, status: 'draft', meetingPlace: null });
    expect(body.states).to.deep.equal(['ES', 'FR', 'IT', 'PT'].map((state) => ({ state, endorsedAt: null, authorityShortName: null })));
    const missing = await send(`${t.app.url}/api/plans/1999/endorsement`, { headers: { 'Accept-Language': 'it-IT' } });
    expect(missing.status).to.equal(404);
    expect(missing.body.error).to.deep.include({ code: 'plan_not_found', message: translator('it')('plan.errors.planNotFound', { year: 1999 }) });
  });

  it('refuses a proposal form with a message per field in the reader’s language, returns what was typed, and writes nothing', async () => {
    const fr = translator('fr');
    const typed = proposalForm({ title: '  ', type: 'picnic', states: [], leadState: 'DE', rationale: '', period: '2019' });
    const { status, body } = await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { method: 'POST', body: typed, headers: { 'Accept-Language': 'fr-FR' } });
    expect(status).to.equal(400);
    expect(body.error.code).to.equal('invalid_input');
    expect(body.error.fields).to.deep.equal({
      title: fr('plan.errors.required'),
      type: fr('plan.errors.unknownChoice'),
      states: fr('plan.errors.chooseStates'),
      leadState: fr('plan.errors.unknownChoice'),
      leadAuthority: fr('plan.errors.authorityNotOfLeadState', { authority: 'ACT', state: 'DE' }),
      period: fr('plan.errors.periodOutsideYear', { year: NEXT }),
      rationale: fr('plan.errors.required'),
    });
    const { formId: _formId, ...values } = typed;
    expect(body.error.values).to.deep.equal({ ...values, year: NEXT });
    // A priority that is not one of the year's, or none while the year has some: at its field.
    for (const priorities of [['999999'], []]) {
      const refused = await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { method: 'POST', body: proposalForm({ priorities }), headers: { 'Accept-Language': 'fr-FR' } });
      expect(refused.status).to.equal(400);
      expect(refused.body.error.fields).to.deep.equal({ priorities: priorities.length ? fr('priorities.errors.notOfYear', { year: NEXT }) : fr('priorities.errors.chooseOne') });
    }
    expect(listProposals(t.app.db, NEXT)).to.deep.equal([]);
    expect(listAudit(t.app.db, { action: 'proposal.created' })).to.deep.equal([]);
  });

  it('answers fields of the wrong type as not given, and a form without its id as expired, with no 5xx', async () => {
    const wrong = await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { method: 'POST', body: proposalForm({ title: 42, states: 'PT', rationale: { a: 1 } }) });
    expect(wrong.status).to.equal(400);
    expect(Object.keys(wrong.body.error.fields)).to.have.members(['title', 'states', 'rationale']);
    const noId = await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { method: 'POST', body: proposalForm({ formId: undefined }) });
    expect(noId.status).to.equal(400);
    expect(noId.body.error.message).to.equal(translator('en')('plan.errors.formExpired'));
    const notJson = await fetch(`${t.app.url}/api/plans/${NEXT}/proposals`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[1,2]' });
    expect(notJson.status).to.equal(400);
  });

  it('makes a proposal with the same command as /proposal new: 201, audited, listed with its states; the same form again makes no second one', async () => {
    const form = proposalForm();
    const created = await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { method: 'POST', body: form });
    expect(created.status).to.equal(201);
    expect(created.body).to.deep.include({ ref: `P${NEXT}-01`, year: NEXT, status: 'open', priority: `01 – ${naceLabel('01', 'en')}`, created: 'created', states: ['ES', 'FR', 'PT'] });
    expect(created.body.input).to.deep.include({ title: form.title, type: 'joint_inspection', leadAuthorityId: 'PT-ACT', sectors: ['01'], period: `${NEXT}-Q2` });
    expect(created.body.proposedBy).to.deep.equal({ authorityId: 'PT-ACT', shortName: 'ACT', memberState: 'PT' });
    // PT is in the proposal already: the development identity (ACT, PT, a coordinator in local mode) may support it, not join it; as its proposer, change it.
    expect(created.body.rights).to.deep.equal({ mayJoin: false, maySupport: true, mayComment: true, mayChange: true, mayAccept: true, mayDecline: true, mayMerge: false, takesPart: true, supports: false });
    const again = await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { method: 'POST', body: form });
    expect(again.status).to.equal(200);
    expect(again.body).to.include({ ref: `P${NEXT}-01`, created: 'already_submitted' });
    expect(listAudit(t.app.db, { action: 'proposal.created' }).map((entry) => [entry.subjectRef, entry.authorityId])).to.deep.equal([[`P${NEXT}-01`, 'PT-ACT']]);

    const list = await send(`${t.app.url}/api/plans/${NEXT}/proposals`);
    expect(list.status).to.equal(200);
    expect(list.body.viewer).to.deep.equal({ memberState: 'PT', mayPropose: true });
    expect(list.body.proposals.map((proposal: any) => proposal.ref)).to.deep.equal([`P${NEXT}-01`]);
  });

  it('lists the choices of the form with names in the reader’s language', async () => {
    const { status, body } = await send(`${t.app.url}/api/participants`, { headers: { 'Accept-Language': 'es-ES' } });
    expect(status).to.equal(200);
    expect(body.memberStates.map((state: any) => state.code)).to.deep.equal(['ES', 'FR', 'IT', 'PT']);
    expect(body.memberStates.find((state: any) => state.code === 'FR').name).to.equal('Francia');
    expect(body.authorities.map((authority: any) => authority.id)).to.include.members(['PT-ACT', 'ES-ITSS', 'EU-ELA']);
    expect(body.sectors.find((sector: any) => sector.key === '41').label).to.match(/^41 – /);
  });
});

describe('the annual cycle through the tab API in production (Teams SSO, need-to-know)', () => {
  let t: TestApp;
  let issuer: Awaited<ReturnType<typeof startSsoIssuer>>;

  before(async () => {
    issuer = await startSsoIssuer();
    t = await startTestApp({
      env: { ...productionEnv(issuer), DEMO_DATA: 'never' },
    });
    loadDemoData(t.app.db, systemClock);
    forgetDemoCycle(t.app.db);
  });
  after(async () => {
    await t.stop();
    await issuer.stop();
  });

  const claims = (email: string, oid: string, overrides: Record<string, unknown> = {}) => ({
    aud: AUDIENCE,
    iss: `${issuer.issuerBase}/${TENANT}/v2.0`,
    tid: TENANT,
    oid,
    scp: 'access_as_user',
    preferred_username: email,
    ...overrides,
  });
  const portugal = () => issuer.token(claims('inspector.pt@act.gov.pt', '0a4d2f1e-1111-4a6b-9c0d-0000000000c1'));
  const france = () => issuer.token(claims('inspectrice@urssaf.fr', '0a4d2f1e-1111-4a6b-9c0d-0000000000c2'));
  const ela = () => issuer.token(claims('analyst@ela.europa.eu', '0a4d2f1e-1111-4a6b-9c0d-0000000000c3'));
  const as = (token: string, language = 'en') => ({ Authorization: `Bearer ${token}`, 'Accept-Language': language });

  const ROUTES: Array<[string, string, unknown?]> = [
    ['GET', '/api/participants'],
    ['GET', `/api/plans/${NEXT}/endorsement`],
    ['GET', `/api/plans/${THIS}/amendments`],
    ['GET', `/api/plans/${NEXT}/proposals`],
    ['POST', `/api/plans/${NEXT}/proposals`, proposalForm()],
  ];
  for (const [method, route, body] of ROUTES) {
    it(`${method} ${route.replace(String(NEXT), '<next year>').replace(String(THIS), '<this year>')}: 401 without a token, an expired one or another tenant's; 2xx with a valid one`, async () => {
      expect((await send(`${t.app.url}${route}`, { method, body })).status).to.equal(401);
      const expired = await issuer.token({ ...claims('inspector.pt@act.gov.pt', '0a4d2f1e-1111-4a6b-9c0d-0000000000c1'), expiresIn: Math.floor(Date.now() / 1000) - 600 });
      expect((await send(`${t.app.url}${route}`, { method, body, headers: as(expired) })).status).to.equal(401);
      const foreign = await issuer.token(claims('inspector.pt@act.gov.pt', '0a4d2f1e-1111-4a6b-9c0d-0000000000c1', { tid: FOREIGN_TENANT, iss: `${issuer.issuerBase}/${FOREIGN_TENANT}/v2.0` }));
      expect((await send(`${t.app.url}${route}`, { method, body, headers: as(foreign) })).status).to.equal(401);
      expect((await send(`${t.app.url}${route}`, { method, body, headers: as(await portugal()) })).status).to.be.oneOf([200, 201]);
    });
  }

  it('refuses join and support without a token', async () => {
    for (const change of ['join', 'support']) expect((await send(`${t.app.url}/api/proposals/P${NEXT}-01/${change}`, { method: 'POST', body: {} })).status).to.equal(401);
  });

  it('lets another state join and an EU agency support, refuses what each may not do in their language, and audits every change', async () => {
    const proposal = (await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { method: 'POST', body: proposalForm({ states: ['ES', 'PT'], scope: 'bilateral', title: 'ES–PT construction sites' }), headers: as(await portugal()) })).body;
    const ref = proposal.ref as string;
    expect(proposal.states).to.deep.equal(['ES', 'PT']);

    // France sees it may join (its state is not in it) and support.
    const seenByFrance = (await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { headers: as(await france()) })).body;
    expect(seenByFrance.proposals.find((p: any) => p.ref === ref).rights).to.deep.include({ mayJoin: true, maySupport: true, mayChange: false, mayAccept: false, mayDecline: false, takesPart: false });
    const joined = await send(`${t.app.url}/api/proposals/${ref}/join`, { method: 'POST', body: {}, headers: as(await france()) });
    expect(joined.status).to.equal(200);
    expect(joined.body.states).to.deep.equal(['ES', 'FR', 'PT']);
    expect(joined.body.rights.mayJoin).to.equal(false);
    const twice = await send(`${t.app.url}/api/proposals/${ref}/join`, { method: 'POST', body: {}, headers: as(await france(), 'pt-PT') });
    expect(twice.status).to.equal(400);
    expect(twice.body.error.message).to.equal(translator('pt')('cycle.errors.alreadyJoined', { ref, state: 'FR' }));

    // ELA, an EU agency, supports; it takes part in no state's action and proposes nothing.
    const elaView = (await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { headers: as(await ela()) })).body;
    expect(elaView.viewer).to.deep.equal({ memberState: null, mayPropose: false });
    expect(elaView.proposals.find((p: any) => p.ref === ref).rights).to.deep.include({ mayJoin: false, maySupport: true, mayChange: false, mayAccept: false });
    const refusedJoin = await send(`${t.app.url}/api/proposals/${ref}/join`, { method: 'POST', body: {}, headers: as(await ela(), 'es-ES') });
    expect(refusedJoin.status).to.equal(403);
    expect(refusedJoin.body.error).to.deep.equal({ code: 'not_allowed', message: translator('es')('cycle.errors.notParticipating', { authority: 'ELA' }) });
    expect(listAudit(t.app.db, { subjectRef: ref }).map((entry) => entry.action)).to.deep.equal(['proposal.created', 'proposal.joined']);
    const refusedProposal = await send(`${t.app.url}/api/plans/${NEXT}/proposals`, { method: 'POST', body: proposalForm(), headers: as(await ela()) });
    expect(refusedProposal.status).to.equal(403);
    expect(refusedProposal.body.error.values.title).to.equal(proposalForm().title);
    const supported = await send(`${t.app.url}/api/proposals/${ref}/support`, { method: 'POST', body: {}, headers: as(await ela()) });
    expect(supported.status).to.equal(200);
    expect(supported.body.supporters.map((s: any) => s.shortName)).to.deep.equal(['ELA']);
    expect(supported.body.rights.maySupport).to.equal(false);
    const supportTwice = await send(`${t.app.url}/api/proposals/${ref}/support`, { method: 'POST', body: {}, headers: as(await ela(), 'fr-FR') });
    expect(supportTwice.status).to.equal(400);
    expect(supportTwice.body.error.message).to.equal(translator('fr')('cycle.errors.alreadySupported', { ref, authority: 'ELA' }));

    const unknown = await send(`${t.app.url}/api/proposals/P1999-99/support`, { method: 'POST', body: {}, headers: as(await ela()) });
    expect(unknown.status).to.equal(404);
    expect(unknown.body.error.code).to.equal('proposal_not_found');

    expect(listAudit(t.app.db, { subjectRef: ref }).map((entry) => [entry.action, entry.authorityId])).to.deep.equal([
      ['proposal.created', 'PT-ACT'],
      ['proposal.joined', 'FR-URSSAF'],
      ['proposal.supported', 'EU-ELA'],
    ]);
  });
});

describe('the report and CSV of an agreed, amended and assessed plan', () => {
  let t: TestApp;
  let added: string;
  let moved: string;
  let frozenAt: string;
  before(async () => {
    t = await startTestApp();
    forgetDemoCycle(t.app.db);
    const db = t.app.db;
    const coordinator = resolveMember(db, systemClock, { aadObjectId: 'local-development-user', tenantId: null, displayName: null, email: null }, { demoAuthorityId: 'PT-ACT' })!;
    expect(getPlanView(db, THIS)!.status).to.equal('agreed');
    // An action added after the agreement is an amendment; then the year is assessed; then an old action moves.
    const checked = validateActionDraft(
      { year: String(THIS), title: 'Added after the agreement: a bus operators week', type: 'concerted_inspection', scope: 'multilateral', states: ['ES', 'FR', 'PT'], leadState: 'PT' },
      { memberStates: ['ES', 'FR', 'IT', 'PT'], authorities: listAuthorities(db), thisYear: THIS },
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    added = createAction(db, systemClock, coordinator, checked.input, { formId: randomUUID() }).action.ref;
    frozenAt = assessPlan(db, systemClock, coordinator, { year: THIS }).frozenAt!;
    const initiated = getPlanView(db, THIS)!.actions.find((action) => action.status === 'initiated')!;
    moved = initiated.ref;
    updateActionStatus(db, systemClock, coordinator, { ref: moved, status: 'implemented', note: 'Finished after the assessment.', expectedVersion: initiated.version });
  });
  after(() => t.stop());

  it('answers the amendments route with when the figures were frozen, what moved since and the amendment', async () => {
    const { status, body } = await send(`${t.app.url}/api/plans/${THIS}/amendments`);
    expect(status).to.equal(200);
    expect(body.frozenAt).to.equal(frozenAt);
    expect(body.changes.map((change: any) => change.figure)).to.deep.equal(['initiated', 'implemented']);
    const implemented = body.changes.find((change: any) => change.figure === 'implemented');
    expect(implemented.now).to.equal(implemented.frozen + 1);
    expect(body.amendments.map((amendment: any) => [amendment.ref, amendment.kind])).to.deep.equal([[added, 'added']]);
  });

  it('prints the frozen date, the differences since and the amendments on the report page, in the reader’s language', async () => {
    const html = (await (await fetch(`${t.app.url}/report/${THIS}?locale=it`)).text()).replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const it = translator('it');
    const date = new Intl.DateTimeFormat('it', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(frozenAt));
    expect(html).to.include(it('cycle.report.frozen', { date }));
    expect(html).to.include(it('cycle.report.changesHeading'));
    const amended = await send(`${t.app.url}/api/plans/${THIS}/amendments`);
    for (const change of amended.body.changes) expect(html).to.include(it('cycle.report.change', { figure: it(`plan.status.${change.figure}`), frozen: change.frozen, now: change.now }));
    expect(html).to.include(it('cycle.report.amendmentsHeading', { count: 1 }));
    expect(html).to.include(it('cycle.report.amendment.added', { ref: added, title: 'Added after the agreement: a bus operators week', date: new Intl.DateTimeFormat('it', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date()), authority: 'ACT' }));
  });

  it('adds rows for the freezing, each difference and each amendment to the assessment CSV, in the same columns', async () => {
    const rows: string[][] = parseCsv(await (await fetch(`${t.app.url}/api/plans/${THIS}/assessment.csv?locale=pt`)).text(), { bom: true });
    const pt = translator('pt');
    const width = rows[0].length;
    expect(rows.every((row) => row.length === width)).to.equal(true);
    const frozen = rows.filter((row) => row[0] === pt('stage.csv.sections.frozen'));
    expect(frozen.map((row) => row[1])).to.deep.equal([frozenAt.slice(0, 10)]);
    const changes = rows.filter((row) => row[0] === pt('stage.csv.sections.change'));
    expect(changes.map((row) => row[1])).to.deep.equal(['initiated', 'implemented']);
    const amended = await send(`${t.app.url}/api/plans/${THIS}/amendments`);
    expect(changes.map((row) => Number(row[3]))).to.deep.equal(amended.body.changes.map((change: any) => change.now));
    const amendments = rows.filter((row) => row[0] === pt('stage.csv.sections.amendment'));
    expect(amendments.map((row) => row[1])).to.deep.equal([added]);
    expect(amendments[0][2]).to.include(added).and.include('ACT');
    // The figures above are the frozen ones: the action implemented after the assessment does not count there.
    const plan = rows.find((row) => row[0] === pt('plan.csv.sections.plan'))!;
    const implementedNow = amended.body.changes.find((change: any) => change.figure === 'implemented');
    expect(Number(plan[6])).to.equal(implementedNow.frozen);
  });

  it('says on the report page of an agreed plan that nothing was amended, and nothing of freezing before it is assessed', async () => {
    const html = await (await fetch(`${t.app.url}/report/2024?locale=en`)).text();
    expect(html).to.include(translator('en')('stage.report.noAmendments')).and.not.include('data-section="frozen"');
  });
});
