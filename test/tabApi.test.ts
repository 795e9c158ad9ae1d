import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { productionEnv, SSO_AUDIENCE as AUDIENCE, SSO_TENANT as TENANT, startSsoIssuer } from './helpers/ssoIssuer';
import { translator } from '../src/i18n/translate';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { activity } from './helpers/activities';
import { listAudit } from '../src/audit/audit';
import { loadDemoData } from '../src/demo/loadDemoData';
import { systemClock } from '../src/clock';
import { randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT, UnsecuredJWT } from 'jose';
import { issueTicket, readTicket } from '../src/links/linkTickets';


/** Production mode with the local stand-in for Entra's keys and issuer. */
const FOREIGN_TENANT = '99999999-9999-4999-8999-999999999999';

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
    // The seed's plans, then the illustrative plans of this year and the next.
    const year = new Date().getUTCFullYear();
    expect((await getJson(`${t.app.url}/api/plans`)).body).to.deep.equal({ years: [2023, 2024, year, year + 1] });
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
    t = await startTestApp({ env: productionEnv(issuer) });
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

// ---------------------------------------------------------------------------------------------
// The plan's routes: actions, status updates, summary, assessment, CSV, printable report, events.
// ---------------------------------------------------------------------------------------------

interface DemoAction {
  ref: string;
  year: number;
  type: string;
  scope: string;
  status: string;
  states: string[];
  leadState: string | null;
  sectors: string[];
}

/** The seed's demo plan, read straight from the file: expectations never come from the code under test. */
const DEMO: DemoAction[] = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'src', 'demo', 'plan-actions.json'), 'utf8')).actions;

/** The illustrative plans of this year and the next, from their file, with the references the loader gives them. */
function illustrativeDemo(): Array<{ ref: string; sectors: string[] }> {
  const file = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'src', 'demo', 'illustrative-plans.json'), 'utf8'));
  const year = new Date().getUTCFullYear();
  const withRefs = (plan: { actions: Array<{ number: number; sectors: string[] }> }, y: number) =>
    plan.actions.map((a) => ({ ref: `${y}-${String(a.number).padStart(2, '0')}`, sectors: a.sectors }));
  return [...withRefs(file.currentYear, year), ...withRefs(file.nextYear, year + 1)];
}

function demoYear(year: number): DemoAction[] {
  return DEMO.filter((action) => action.year === year);
}

function tally(actions: DemoAction[], keysOf: (action: DemoAction) => string[]): Record<string, { total: number; implemented: number }> {
  const result: Record<string, { total: number; implemented: number }> = {};
  for (const action of actions) {
    for (const key of keysOf(action)) {
      result[key] ??= { total: 0, implemented: 0 };
      result[key].total += 1;
      if (action.status === 'implemented') result[key].implemented += 1;
    }
  }
  return result;
}

const involved = (action: DemoAction) => [...new Set([...action.states, ...(action.leadState ? [action.leadState] : [])])];

async function send(url: string, method: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

describe('the plan routes of the tab API (local mode)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.stop());

  it('lists actions with every filter: year, state (lead or participant), pair, type, sector, status and text', async () => {
    const refs = async (query: string) => (await getJson(`${t.app.url}/api/actions?${query}`)).body.items.map((a: any) => a.ref);
    const bilateralEsPt = demoYear(2024).filter((a) => a.scope === 'bilateral' && [...a.states].sort().join('-') === 'ES-PT').map((a) => a.ref);
    expect(await refs('year=2024&pair=PT-ES')).to.deep.equal(bilateralEsPt);
    expect(await refs('year=2023&state=IT')).to.deep.equal(demoYear(2023).filter((a) => involved(a).includes('IT')).map((a) => a.ref));
    expect(await refs('type=joint_inspection&year=2024')).to.deep.equal(demoYear(2024).filter((a) => a.type === 'joint_inspection').map((a) => a.ref));
    expect(await refs('sector=49')).to.deep.equal([...DEMO, ...illustrativeDemo()].filter((a) => a.sectors.includes('49')).map((a) => a.ref));
    expect(await refs('year=2023&status=initiated')).to.deep.equal(demoYear(2023).filter((a) => a.status === 'initiated').map((a) => a.ref));
    expect(await refs('text=m%C3%A9rida')).to.deep.equal(['2024-06']);
  });

  it('offers the year’s filter choices with names in the reader’s language', async () => {
    const { body } = await getJson(`${t.app.url}/api/actions?year=2024`, { 'Accept-Language': 'es-ES' });
    expect(body.total).to.equal(demoYear(2024).length);
    expect(body.facets.states.map((s: any) => s.key)).to.deep.equal(['ES', 'FR', 'IT', 'PT']);
    expect(body.facets.pairs).to.deep.include({ key: 'ES-PT', label: 'España – Portugal' });
    expect(body.facets.types).to.deep.include({ key: 'joint_inspection', label: translator('es')('plan.type.joint_inspection') });
  });

  it('answers bad filters with a 400 naming each of them in the reader’s language', async () => {
    const { status, body } = await getJson(`${t.app.url}/api/actions?year=20x4&status=done&pair=ES`, { 'Accept-Language': 'it-IT' });
    expect(status).to.equal(400);
    expect(body.error.code).to.equal('invalid_input');
    expect(Object.keys(body.error.fields)).to.deep.equal(['year', 'status', 'pair']);
    expect(body.error.fields.status).to.equal(translator('it')('plan.errors.badFilter', { name: 'status' }));
  });

  it('serves an action with its timeline, and a localized 404 for an unknown one', async () => {
    const { status, body } = await getJson(`${t.app.url}/api/actions/2024-01`);
    expect(status).to.equal(200);
    expect(body).to.include({ ref: '2024-01', status: 'initiated', mayUpdate: true });
    expect(body.allowedNext).to.deep.equal(['implemented', 'postponed', 'cancelled']);
    expect(body.timeline).to.deep.equal([]);
    const missing = await getJson(`${t.app.url}/api/actions/2024-99`, { 'Accept-Language': 'fr-FR' });
    expect(missing.status).to.equal(404);
    expect(missing.body.error).to.deep.equal({ code: 'action_not_found', message: translator('fr')('plan.errors.actionNotFound', { ref: '2024-99' }) });
  });

  it('summarises a year by status, state and type, as the demo data says', async () => {
    const { body } = await getJson(`${t.app.url}/api/plans/2023/summary`);
    const actions = demoYear(2023);
    expect(body).to.include({ year: 2023, total: actions.length, agreedActionCount: 24 });
    expect(body.counts.implemented).to.equal(actions.filter((a) => a.status === 'implemented').length);
    const states = tally(actions, involved);
    for (const state of body.byState) {
      expect({ total: state.total, implemented: state.counts.implemented }, state.key).to.deep.equal(states[state.key]);
      expect(state.lead, state.key).to.equal(actions.filter((a) => a.leadState === state.key).length);
      expect(state.participant, state.key).to.equal(state.total - state.lead);
    }
  });

  for (const year of [2023, 2024]) {
    it(`assesses the ${year} plan with the counts and rates of the seed’s demo data`, async () => {
      const { status, body } = await getJson(`${t.app.url}/api/plans/${year}/assessment`);
      expect(status).to.equal(200);
      const actions = demoYear(year);
      const implemented = actions.filter((a) => a.status === 'implemented').length;
      expect(body.total).to.equal(actions.length);
      expect(body.implementedRate).to.be.closeTo(implemented / actions.length, 1e-9);
      for (const statusName of ['planned', 'initiated', 'implemented', 'postponed', 'cancelled']) {
        const count = actions.filter((a) => a.status === statusName).length;
        expect(body.counts[statusName], statusName).to.equal(count);
        expect(body.statusRates[statusName], statusName).to.be.closeTo(count / actions.length, 1e-9);
      }
      const compare = (groups: any[], expected: Record<string, { total: number; implemented: number }>) => {
        expect(Object.fromEntries(groups.map((g) => [g.key, { total: g.total, implemented: g.counts.implemented }]))).to.deep.equal(expected);
        for (const g of groups) expect(g.implementedRate).to.be.closeTo(g.counts.implemented / g.total, 1e-9);
      };
      compare(body.byType, tally(actions, (a) => [a.type]));
      compare(body.byState, tally(actions, involved));
      compare(body.byPair, tally(actions.filter((a) => a.scope === 'bilateral'), (a) => [[...a.states].sort().join('-')]));
      compare(body.bySector, tally(actions, (a) => (a.sectors.length > 0 ? a.sectors : [''])));
      expect(body.notImplemented.map((a: any) => a.ref)).to.deep.equal(actions.filter((a) => a.status !== 'implemented').map((a) => a.ref));
    });
  }

  it('downloads the assessment as CSV that a spreadsheet reads back with the same numbers', async () => {
    const response = await fetch(`${t.app.url}/api/plans/2023/assessment.csv?locale=pt`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.include('text/csv');
    expect(response.headers.get('content-disposition')).to.equal('attachment; filename="assessment-2023-pt.csv"');
    const rows: string[][] = parseCsv(await response.text(), { bom: true });
    const pt = translator('pt');
    expect(rows[0]).to.deep.equal([pt('plan.csv.section'), pt('plan.csv.code'), pt('plan.csv.label'), pt('plan.csv.actions'), ...['planned', 'initiated', 'implemented', 'postponed', 'cancelled'].map((s) => pt(`plan.status.${s}`)), pt('plan.csv.implementedPercent')]);
    const actions = demoYear(2023);
    const implemented = actions.filter((a) => a.status === 'implemented').length;
    const plan = rows.find((row) => row[0] === pt('plan.csv.sections.plan'))!;
    expect(plan.slice(1, 4)).to.deep.equal(['2023', pt('plan.csv.planLabel', { year: 2023 }), String(actions.length)]);
    expect(Number(plan[9])).to.equal(Math.round((implemented / actions.length) * 1000) / 10);
    const pairs = tally(actions.filter((a) => a.scope === 'bilateral'), (a) => [[...a.states].sort().join('-')]);
    for (const [pair, counts] of Object.entries(pairs)) {
      const row = rows.find((r) => r[0] === pt('plan.csv.sections.pair') && r[1] === pair)!;
      expect([Number(row[3]), Number(row[6])], pair).to.deep.equal([counts.total, counts.implemented]);
    }
  });

  it('downloads every action of the year as CSV, one row each', async () => {
    const rows: string[][] = parseCsv(await (await fetch(`${t.app.url}/api/plans/2024/actions.csv`)).text(), { bom: true });
    expect(rows.slice(1).map((row) => row[0])).to.deep.equal(demoYear(2024).map((a) => a.ref));
  });

  it('serves a printable, localized report page with no script', async () => {
    const response = await fetch(`${t.app.url}/report/2023`, { headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-security-policy')).to.include("default-src 'none'");
    // Text as a reader sees it (the page escapes apostrophes and ampersands).
    const html = (await response.text()).replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const fr = translator('fr');
    const actions = demoYear(2023);
    const implemented = actions.filter((a) => a.status === 'implemented').length;
    expect(html).to.include('<html lang="fr">').and.include(fr('plan.report.title', { year: 2023 })).and.include('@media print');
    expect(html).to.include(fr('plan.report.headline', { count: actions.length, implemented, percent: new Intl.NumberFormat('fr', { style: 'percent' }).format(implemented / actions.length) }));
    expect(html).not.to.include('<script');
    for (const ref of actions.filter((a) => a.status !== 'implemented').map((a) => a.ref)) expect(html).to.include(`<td>${ref}</td>`);
    expect((await fetch(`${t.app.url}/report/2023?locale=es`)).status).to.equal(200);
    expect(await (await fetch(`${t.app.url}/report/2023?locale=es`)).text()).to.include(translator('es')('plan.report.title', { year: 2023 }));
  });
});

describe('status updates through the tab API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await t.post(activity('conversationUpdate.install.team'));
    await t.app.outbox.idle();
    t.connector.clear();
  });
  afterEach(() => t.stop());

  it('changes the status with the same command as the bot: audited and posted to the channel', async () => {
    const version = (await getJson(`${t.app.url}/api/actions/2024-01`)).body.version;
    const { status, body } = await send(`${t.app.url}/api/actions/2024-01/status`, 'POST', { status: 'implemented', note: 'Practices compared in Lisbon.', version });
    expect(status).to.equal(200);
    expect(body).to.include({ status: 'implemented', version: version + 1 });
    expect(body.timeline[0]).to.include({ kind: 'status', statusFrom: 'initiated', statusTo: 'implemented', note: 'Practices compared in Lisbon.' });
    expect(listAudit(t.app.db, { subjectRef: '2024-01' }).map((a) => [a.action, a.authorityId])).to.deep.equal([['action.status_changed', 'PT-ACT']]);
    await t.app.outbox.idle();
    const post = t.connector.sentActivities().find((call) => call.replyToId === null)!;
    expect(JSON.stringify(post.body)).to.include('2024-01').and.include(translator('en')('plan.status.implemented'));
  });

  it('answers a stale version with 409 and the current state, and saves nothing', async () => {
    const version = (await getJson(`${t.app.url}/api/actions/2024-01`)).body.version;
    await send(`${t.app.url}/api/actions/2024-01/status`, 'POST', { status: 'postponed', note: 'Waiting for the tender.', version });
    const { status, body } = await send(`${t.app.url}/api/actions/2024-01/status`, 'POST', { status: 'implemented', version }, { 'Accept-Language': 'es-ES' });
    expect(status).to.equal(409);
    expect(body.error.code).to.equal('stale_version');
    expect(body.error.message).to.include(translator('es')('plan.status.postponed'));
    expect(body.error.current).to.include({ ref: '2024-01', status: 'postponed', version: version + 1 });
    expect((await getJson(`${t.app.url}/api/actions/2024-01`)).body.status).to.equal('postponed');
  });

  it('answers 400 with a localized message per field, and 404 for an unknown action', async () => {
    const { status, body } = await send(`${t.app.url}/api/actions/2024-01/status`, 'POST', { note: 'x'.repeat(1001) }, { 'Accept-Language': 'pt-PT' });
    expect(status).to.equal(400);
    const pt = translator('pt');
    expect(body.error.fields).to.deep.equal({ status: pt('plan.errors.statusRequired'), note: pt('plan.errors.noteTooLong', { max: 1000 }), version: pt('plan.errors.versionRequired') });
    const refused = await send(`${t.app.url}/api/actions/2024-01/status`, 'POST', { status: 'cancelled', version: 1 });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.fields.note).to.equal(translator('en')('plan.errors.reasonRequired', { target: translator('en')('plan.status.cancelled') }));
    expect((await send(`${t.app.url}/api/actions/1999-01/status`, 'POST', { status: 'implemented', version: 1 })).status).to.equal(404);
  });

  it('posts a note through the status endpoint when the status is kept, decided by the domain as for the bot’s card', async () => {
    const version = (await getJson(`${t.app.url}/api/actions/2024-01`)).body.version;
    const noted = await send(`${t.app.url}/api/actions/2024-01/status`, 'POST', { status: 'initiated', note: 'Questionnaire sent.', version });
    expect(noted.status).to.equal(200);
    expect(noted.body).to.include({ posted: 'note', status: 'initiated', version: version + 1 });
    expect(noted.body.timeline[0]).to.include({ kind: 'note', note: 'Questionnaire sent.' });
    // A note only appends: the form that still shows the version before it may add another.
    const again = await send(`${t.app.url}/api/actions/2024-01/status`, 'POST', { status: 'initiated', note: 'Answers expected in May.', version });
    expect(again.body).to.include({ posted: 'note', version: version + 2 });
    expect(listAudit(t.app.db, { subjectRef: '2024-01' }).map((a) => a.action)).to.deep.equal(['action.note_added', 'action.note_added']);
    const moved = await send(`${t.app.url}/api/actions/2024-01/status`, 'POST', { status: 'implemented', note: '', version: version + 2 });
    expect(moved.body).to.include({ posted: 'status', status: 'implemented' });
  });

  it('answers 400 on the kept status without a note, naming both fields, and writes nothing', async () => {
    const before = (await getJson(`${t.app.url}/api/actions/2024-01`)).body;
    const { status, body } = await send(`${t.app.url}/api/actions/2024-01/status`, 'POST', { status: 'initiated', note: '  ', version: before.version }, { 'Accept-Language': 'fr-FR' });
    expect(status).to.equal(400);
    const fr = translator('fr');
    expect(body.error.fields).to.deep.equal({
      status: fr('plan.errors.alreadyInStatus', { ref: '2024-01', current: fr('plan.status.initiated') }),
      note: fr('plan.errors.noteRequired'),
    });
    expect((await getJson(`${t.app.url}/api/actions/2024-01`)).body).to.include({ version: before.version, status: 'initiated' });
    expect(listAudit(t.app.db, { subjectRef: '2024-01' })).to.have.length(0);
  });

  it('adds a note without changing the status', async () => {
    const { status, body } = await send(`${t.app.url}/api/actions/2023-06/notes`, 'POST', { note: 'List of 12 companies exchanged.' });
    expect(status).to.equal(200);
    expect(body).to.include({ status: 'initiated' });
    expect(body.timeline[0]).to.include({ kind: 'note', note: 'List of 12 companies exchanged.' });
    expect(listAudit(t.app.db, { action: 'action.note_added' })).to.have.length(1);
  });

  it('tells a live view by server-sent events when the plan changes, whoever changes it', async () => {
    const controller = new AbortController();
    const response = await fetch(`${t.app.url}/api/plans/2024/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).to.include('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const waitFor = async (pattern: RegExp) => {
      while (!pattern.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}: ${received}`);
        received += decoder.decode(value, { stream: true });
      }
    };
    await waitFor(/event: ready/);
    const version = (await getJson(`${t.app.url}/api/actions/2024-01`)).body.version;
    await send(`${t.app.url}/api/actions/2024-01/status`, 'POST', { status: 'implemented', version });
    await waitFor(/event: plan\ndata: \{"year":2024/);
    controller.abort();
  });

  it('opens a short-lived signed link to the report and the CSV files', async () => {
    const { status, body } = await send(`${t.app.url}/api/plans/2023/links`, 'POST', {}, { 'Accept-Language': 'it-IT' });
    expect(status).to.equal(200);
    for (const link of [body.report, body.assessmentCsv, body.actionsCsv]) {
      expect(link).to.match(/^\/(report|api\/plans)\/.*\?locale=it&ticket=[\w-]+\.[\w-]+\.[\w-]+$/);
      expect((await fetch(`${t.app.url}${link}`)).status).to.equal(200);
    }
  });
});

describe('the plan routes of the tab API in production (Teams SSO)', () => {
  let t: TestApp;
  let issuer: Awaited<ReturnType<typeof startSsoIssuer>>;

  before(async () => {
    issuer = await startSsoIssuer();
    t = await startTestApp({ env: { ...productionEnv(issuer), DEMO_DATA: 'never' } });
    // Production starts empty; the demo plan is loaded by hand so that there is something to read.
    loadDemoData(t.app.db, systemClock);
  });
  after(async () => {
    await t.stop();
    await issuer.stop();
  });

  const claims = (overrides: Record<string, unknown> = {}) => ({
    aud: AUDIENCE,
    iss: `${issuer.issuerBase}/${TENANT}/v2.0`,
    tid: TENANT,
    oid: '0a4d2f1e-1111-4a6b-9c0d-0000000000f3',
    scp: 'access_as_user',
    preferred_username: 'inspectrice@urssaf.fr',
    ...overrides,
  });

  const ROUTES: Array<[string, string, unknown?]> = [
    ['GET', '/api/actions?year=2024'],
    ['GET', '/api/actions/2024-01'],
    ['POST', '/api/actions/2024-01/notes', { note: 'Checked.' }],
    ['GET', '/api/plans/2024/summary'],
    ['GET', '/api/plans/2024/assessment'],
    ['GET', '/api/plans/2024/assessment.csv'],
    ['GET', '/api/plans/2024/actions.csv'],
    ['POST', '/api/plans/2024/links', {}],
    ['GET', '/report/2024'],
  ];

  const call = (method: string, route: string, body: unknown, token?: string) =>
    fetch(`${t.app.url}${route}`, { method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });

  for (const [method, route, body] of ROUTES) {
    it(`${method} ${route}: 401 without a token, with an expired one or another tenant's; 200 with a valid one`, async () => {
      expect((await call(method, route, body)).status).to.equal(401);
      expect((await call(method, route, body, await issuer.token({ ...claims(), expiresIn: Math.floor(Date.now() / 1000) - 600 }))).status).to.equal(401);
      expect((await call(method, route, body, await issuer.token(claims({ aud: 'api://elsewhere.example.org/x' })))).status).to.equal(401);
      expect((await call(method, route, body, await issuer.token(claims(), { signWithRogueKey: true }))).status).to.equal(401);
      expect((await call(method, route, body, await issuer.token(claims({ tid: FOREIGN_TENANT, iss: `${issuer.issuerBase}/${FOREIGN_TENANT}/v2.0` })))).status).to.equal(401);
      expect((await call(method, route, body, await issuer.token(claims()))).status).to.equal(200);
    });
  }

  it('refuses the event stream without a token', async () => {
    expect((await fetch(`${t.app.url}/api/plans/2024/events`)).status).to.equal(401);
  });

  it('lets a member update the actions of their state only, answering 403 for the others', async () => {
    const token = await issuer.token(claims());
    const multilateral = (await (await call('GET', '/api/actions/2024-01', undefined, token)).json()) as any;
    expect(multilateral.mayUpdate).to.equal(true);
    expect((await call('POST', '/api/actions/2024-01/status', { status: 'implemented', version: multilateral.version }, token)).status).to.equal(200);
    const esPt = (await (await call('GET', '/api/actions/2024-03', undefined, token)).json()) as any;
    expect(esPt.mayUpdate).to.equal(false);
    const refused = await call('POST', '/api/actions/2024-03/notes', { note: 'Not ours.' }, token);
    expect(refused.status).to.equal(403);
    expect(((await refused.json()) as any).error.code).to.equal('not_allowed');
  });

  it('opens the report and CSV with a signed link instead of a token, for that path only and not after it expires', async () => {
    const token = await issuer.token(claims());
    const links = (await (await call('POST', '/api/plans/2023/links', {}, token)).json()) as any;
    expect((await fetch(`${t.app.url}${links.report}`)).status).to.equal(200);
    expect((await fetch(`${t.app.url}${links.assessmentCsv}`)).status).to.equal(200);
    const ticket = new URL(links.report, t.app.url).searchParams.get('ticket')!;
    expect((await fetch(`${t.app.url}/report/2024?ticket=${ticket}`)).status, 'another year').to.equal(401);
    expect((await fetch(`${t.app.url}/api/plans/2023/assessment?ticket=${ticket}`)).status, 'a route without signed links').to.equal(401);
    const tampered = ticket.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(`${t.app.url}/report/2023?ticket=${tampered}`)).status).to.equal(401);
    const anHourAgo = { now: () => new Date(Date.now() - 3600_000) };
    const expired = await issueTicket(t.app.db, anHourAgo, { path: '/report/2023', aadObjectId: claims().oid, seconds: 600 });
    expect((await fetch(`${t.app.url}/report/2023?ticket=${expired}`)).status).to.equal(401);
  });

  it('makes each signed link a JWT for that path and user, and refuses one not made by the store, unsigned, of another type, algorithm or issuer, or living over a day', async () => {
    const token = await issuer.token(claims());
    const links = (await (await call('POST', '/api/plans/2023/links', {}, token)).json()) as any;
    const ticket = new URL(links.report, t.app.url).searchParams.get('ticket')!;
    expect(decodeProtectedHeader(ticket)).to.deep.equal({ alg: 'HS256', typ: 'link+jwt' });
    const content = decodeJwt(ticket);
    expect(content).to.include({ iss: 'cooperation-desk', aud: '/report/2023', sub: claims().oid });
    expect(content.exp! - content.iat!).to.equal(600);

    const now = Math.floor(Date.now() / 1000);
    const same = (issuer = 'cooperation-desk') => new SignJWT().setIssuer(issuer).setAudience('/report/2023').setSubject(claims().oid).setIssuedAt(now).setExpirationTime(now + 600);
    const otherKey = await same().setProtectedHeader({ alg: 'HS256', typ: 'link+jwt' }).sign(randomBytes(32));
    expect((await fetch(`${t.app.url}/report/2023?ticket=${otherKey}`)).status, 'another key').to.equal(401);
    const unsigned = new UnsecuredJWT(content).encode();
    expect((await fetch(`${t.app.url}/report/2023?ticket=${unsigned}`)).status, 'alg none').to.equal(401);
    const twoDaysAgo = { now: () => new Date(Date.now() - 2 * 24 * 3600_000) };
    const tooLong = await issueTicket(t.app.db, twoDaysAgo, { path: '/report/2023', aadObjectId: claims().oid, seconds: 3 * 24 * 3600 });
    expect((await fetch(`${t.app.url}/report/2023?ticket=${tooLong}`)).status, 'unexpired, but issued two days ago').to.equal(401);
    const fresh = await issueTicket(t.app.db, systemClock, { path: '/report/2023', aadObjectId: claims().oid, seconds: 600 });
    expect((await fetch(`${t.app.url}/report/2023?ticket=${fresh}`)).status, 'the same made by the store').to.equal(200);

    // Signed with the store's own key, but not as the store makes links: another type or algorithm.
    const storeKey = Buffer.from((t.app.db.prepare('SELECT secret FROM link_signing_keys').get() as { secret: string }).secret, 'base64');
    const plainJwt = await same().setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(storeKey);
    expect((await fetch(`${t.app.url}/report/2023?ticket=${plainJwt}`)).status, 'typ JWT').to.equal(401);
    const hs512 = await same().setProtectedHeader({ alg: 'HS512', typ: 'link+jwt' }).sign(storeKey);
    expect((await fetch(`${t.app.url}/report/2023?ticket=${hs512}`)).status, 'HS512').to.equal(401);
    const otherIssuer = await same('someone-else').setProtectedHeader({ alg: 'HS256', typ: 'link+jwt' }).sign(storeKey);
    expect((await fetch(`${t.app.url}/report/2023?ticket=${otherIssuer}`)).status, 'another issuer').to.equal(401);
  });

  it("judges a link's expiry by the store's clock, to the second", async () => {
    const issuedAt = Date.parse('2030-01-01T00:00:00Z');
    const at = (seconds: number) => ({ now: () => new Date(issuedAt + seconds * 1000) });
    const ticket = await issueTicket(t.app.db, at(0), { path: '/report/2023', aadObjectId: claims().oid, seconds: 600 });
    expect(await readTicket(t.app.db, at(599), ticket, '/report/2023')).to.deep.equal({ path: '/report/2023', aadObjectId: claims().oid, expiresAt: issuedAt / 1000 + 600 });
    expect(await readTicket(t.app.db, at(600), ticket, '/report/2023')).to.equal(null);
    expect(await readTicket(t.app.db, at(1), ticket, '/report/2024')).to.equal(null);
  });
});

describe('the tab API with the participating tenants (shared channel: each user signs in at home)', () => {
  const SECOND_TENANT = '3c1d2e4f-5555-4a6b-9c0d-0000000000bb';
  let t: TestApp;
  let issuer: Awaited<ReturnType<typeof startSsoIssuer>>;

  before(async () => {
    issuer = await startSsoIssuer();
    t = await startTestApp({ env: { ...productionEnv(issuer), ALLOWED_TENANT_IDS: `${TENANT},${SECOND_TENANT}`, DEMO_DATA: 'never' } });
  });
  after(async () => {
    await t.stop();
    await issuer.stop();
  });

  const tokenOf = (tenant: string, oid: string, username: string) =>
    issuer.token({ aud: AUDIENCE, iss: `${issuer.issuerBase}/${tenant}/v2.0`, tid: tenant, oid, scp: 'access_as_user', preferred_username: username });
  const me = async (token: string) => getJson(`${t.app.url}/api/me`, { Authorization: `Bearer ${token}` });

  it('accepts tokens of the host tenant and of another allowed tenant, each user mapped to their own authority', async () => {
    const host = await me(await tokenOf(TENANT, '0a4d2f1e-1111-4a6b-9c0d-0000000000f3', 'inspectrice@urssaf.fr'));
    const external = await me(await tokenOf(SECOND_TENANT, '0a4d2f1e-1111-4a6b-9c0d-0000000000f4', 'maria.silva@act.gov.pt'));
    expect([host.status, host.body.authority.id]).to.deep.equal([200, 'FR-URSSAF']);
    expect([external.status, external.body.authority.id]).to.deep.equal([200, 'PT-ACT']);
  });

  it('refuses a token of a tenant not on the list, even for an address of a participating authority', async () => {
    const response = await me(await tokenOf(FOREIGN_TENANT, '0a4d2f1e-1111-4a6b-9c0d-0000000000f5', 'intruder@act.gov.pt'));
    expect(response.status).to.equal(401);
    expect((t.app.db.prepare("SELECT count(*) AS n FROM users WHERE aad_object_id = '0a4d2f1e-1111-4a6b-9c0d-0000000000f5'").get() as { n: number }).n).to.equal(0);
  });
});
