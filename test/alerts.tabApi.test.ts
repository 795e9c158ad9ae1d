import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { productionEnv, SSO_APP_ID, SSO_AUDIENCE as AUDIENCE, SSO_TENANT as TENANT, startSsoIssuer } from './helpers/ssoIssuer';
import { forgetBotToken, provideBotToken, startBotFrameworkIssuer } from './helpers/botFrameworkIssuer';
import { activity } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, manualClock, registerPeople, type Person } from './helpers/people';
import { invokeCard, postedMessageId } from './helpers/teamsActions';
import { VALID_ALERT_FORM } from './helpers/alertForms';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { getAlert } from '../src/alerts/alertQueries';
import { formatDate } from '../bot/cards/choices';
import { countryName } from '../src/reference/countries';
import { resolveMember } from '../src/identity/members';
import { INSPECTION_DRAFT } from './helpers/domainSamples';
import { validateInspectionDraft } from '../src/inspections/inspectionInput';
import { inspectionReference, scheduleInspection } from '../src/inspections/scheduleInspection';
import { createRequest } from '../src/requests/createRequest';

const en = translator('en');
const fr = translator('fr');
const es = translator('es');

let forms = 0;
const freshFormId = () => `00000000-0000-4000-8000-${String(++forms).padStart(12, '0')}`;

/**
 * The tab's correction and withdrawal of an alert, in production mode: every tab call with a Teams
 * SSO token signed by a local stand-in for Entra, every activity with a Bot Framework token signed
 * by a local stand-in for the Bot Connector, so the alert's channel post is the real one.
 */
describe('the tab API: correcting and withdrawing an alert, and the records My open items opens (Teams SSO)', function () {
  this.timeout(20_000);
  let t: TestApp;
  let sso: Awaited<ReturnType<typeof startSsoIssuer>>;
  let botFramework: Awaited<ReturnType<typeof startBotFrameworkIssuer>>;
  const clock = manualClock('2026-03-02T09:00:00Z');

  beforeEach(async () => {
    clock.set('2026-03-02T09:00:00Z');
    sso = await startSsoIssuer();
    botFramework = await startBotFrameworkIssuer(SSO_APP_ID);
    provideBotToken(SSO_APP_ID, 'bot-to-connector-token');
    t = await startTestApp({ clock, env: { ...productionEnv(sso), BOT_OPENID_METADATA_URL: botFramework.metadataUrl, DEMO_DATA: 'never' } });
    registerPeople(t.connector);
    await teams(activity('conversationUpdate.install.team'));
    await t.app.outbox.idle();
    t.connector.clear();
  });
  afterEach(async () => {
    await t.stop();
    await sso.stop();
    await botFramework.stop();
    forgetBotToken(SSO_APP_ID);
  });

  /** An activity as the Bot Connector sends it in production, with its channel token. */
  async function teams(body: Record<string, unknown>) {
    const answer = await t.post(body, { Authorization: `Bearer ${await botFramework.token(t.connector.url)}` });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    return answer;
  }

  /** PT-ACT's inspector posts the alert from personal chat; it goes to the channel. */
  async function postAlert(): Promise<{ ref: string; messageId: string }> {
    const card = invokeCard(
      await teams(activity('invoke.cardAction.personal', { ...from(PEOPLE.ptInspector), value: { action: { type: 'Action.Execute', verb: 'alert.submit', data: { ...VALID_ALERT_FORM, formId: freshFormId() } } } })),
    );
    const ref = /AL-\d{4}-\d{4}/.exec(JSON.stringify(card))![0];
    await t.app.outbox.idle();
    return { ref, messageId: postedMessageId(t, `alert:${ref}:posted`) };
  }

  const bearer = async (person: Person) =>
    `Bearer ${await sso.token({ aud: AUDIENCE, iss: `${sso.issuerBase}/${TENANT}/v2.0`, tid: TENANT, oid: person.aadObjectId, scp: 'access_as_user', preferred_username: person.email })}`;

  async function call(method: 'GET' | 'POST', path: string, options: { person?: Person; locale?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { 'Accept-Language': options.locale ?? 'en-GB' };
    if (options.person) headers.Authorization = await bearer(options.person);
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${t.app.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    return { status: response.status, body: (await response.json()) as any };
  }

  /** The edit form's values as the tab got them, with some changed: what a person sends after typing. */
  async function editBody(ref: string, changes: Record<string, unknown>) {
    const { body } = await call('GET', `/api/alerts/${ref}`, { person: PEOPLE.ptInspector });
    return { version: body.alertEdit.version, ...body.alertEdit.values, ...changes };
  }

  /** The last card the alert's channel post was updated to, checked at 1.5. */
  function lastChannelUpdate(messageId: string): string {
    const updates = t.connector.updates().filter((update) => update.activityId === messageId);
    expect(updates.length, 'channel post updated').to.be.greaterThan(0);
    const card = cardsOf(updates.at(-1)!.body)[0];
    assertValidCard(card);
    return JSON.stringify(card);
  }

  it('asks for a valid SSO token on every call, reads and writes alike', async () => {
    const { ref } = await postAlert();
    for (const [method, path] of [['GET', `/api/alerts/${ref}`], ['GET', '/api/alerts/editable'], ['POST', `/api/alerts/${ref}/edit`], ['POST', `/api/alerts/${ref}/withdraw`], ['GET', '/api/open-items/inspection/CJI-2026-001']] as const) {
      const answer = await call(method, path, { body: method === 'POST' ? { version: 1, reason: 'x' } : undefined });
      expect(answer.status, `${method} ${path}`).to.equal(401);
    }
    const forged = await fetch(`${t.app.url}/api/alerts/${ref}/withdraw`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await sso.token({ aud: AUDIENCE, iss: `${sso.issuerBase}/${TENANT}/v2.0`, tid: TENANT, oid: PEOPLE.ptInspector.aadObjectId, scp: 'access_as_user', preferred_username: PEOPLE.ptInspector.email }, { signWithRogueKey: true })}` },
      body: JSON.stringify({ version: 1, reason: 'Sent twice.' }),
    });
    expect(forged.status).to.equal(401);
    expect(getAlert(t.app.db, ref)!.status).to.equal('open');
  });

  it('shows the alert with its correction form to its author, in French, and without one to another authority; each read audited', async () => {
    const { ref, messageId } = await postAlert();
    const author = await call('GET', `/api/alerts/${ref}`, { person: PEOPLE.ptInspector, locale: 'fr-FR' });
    expect(author.status).to.equal(200);
    expect(author.body).to.deep.include({ kind: 'alert', ref, title: fr('alerts.card.title', { ref }), heading: VALID_ALERT_FORM.companyName });
    expect(author.body.alertEdit.version).to.equal(1);
    expect(author.body.alertEdit.values).to.deep.include({ summary: VALID_ALERT_FORM.summary, countriesConcerned: ['ES', 'FR'], urgency: 'priority' });
    expect(author.body.alertEdit.choices.urgencies).to.deep.include({ key: 'urgent', label: fr('alerts.urgency.urgent') });
    expect(author.body.lines.map((line: any) => line.text)).to.include(fr('alertEdit.card.answersDue', { date: formatDate('2026-03-09', 'fr') }));
    // The deep link opens the alert's own post in the cooperation channel.
    const link = new URL(author.body.channelLink);
    expect(link.origin + link.pathname).to.equal(`https://teams.microsoft.com/l/message/${encodeURIComponent('19:cooperation-general@thread.tacv2')}/${messageId}`);
    expect(link.searchParams.get('tenantId')).to.equal(TENANT);

    const other = await call('GET', `/api/alerts/${ref}`, { person: PEOPLE.frInspector });
    expect(other.status).to.equal(200);
    expect(other.body.alertEdit).to.equal(null);
    expect(listAudit(t.app.db, { action: 'alert.read' }).map((entry) => entry.authorityId)).to.deep.equal(['PT-ACT', 'FR-URSSAF']);
    expect((await call('GET', '/api/alerts/AL-2026-9999', { person: PEOPLE.frInspector })).body.error.code).to.equal('alert_not_found');
  });

  it('corrects the countries concerned: audited, the history in the answer and on the channel card, updated from the domain event as when corrected from Teams', async () => {
    const { ref, messageId } = await postAlert();
    clock.set('2026-03-03T10:00:00Z');
    const answer = await call('POST', `/api/alerts/${ref}/edit`, { person: PEOPLE.ptInspector, locale: 'fr-FR', body: await editBody(ref, { countriesConcerned: ['ES', 'FR', 'IT'] }) });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    expect(answer.body.changed).to.equal('edited');
    expect(answer.body.alertEdit.version).to.equal(2);
    const frenchHistory = fr('alertEdit.card.editedLine', { date: formatDate('2026-03-03', 'fr'), by: 'ACT (PT)', changes: `${fr('alertEdit.change.countriesConcerned')} + IT` });
    expect(answer.body.lines.map((line: any) => line.text)).to.include(frenchHistory);
    expect(getAlert(t.app.db, ref)!.countriesConcerned).to.deep.equal(['ES', 'FR', 'IT']);
    const audit = listAudit(t.app.db, { action: 'alert.edited' });
    expect(audit).to.have.length(1);
    expect(audit[0]).to.include({ authorityId: 'PT-ACT', subjectRef: ref });

    await t.app.outbox.idle();
    const history = en('alertEdit.card.editedLine', { date: formatDate('2026-03-03', 'en'), by: 'ACT (PT)', changes: `${en('alertEdit.change.countriesConcerned')} + IT` });
    expect(lastChannelUpdate(messageId)).to.include(history).and.include(countryName('IT', 'en'));
  });

  it('answers field by field with the bot\'s own messages, in Spanish, keeps everything as it was, and refuses a stale version with the alert as it is now', async () => {
    const { ref, messageId } = await postAlert();
    const refused = await call('POST', `/api/alerts/${ref}/edit`, {
      person: PEOPLE.ptInspector,
      locale: 'es-ES',
      body: await editBody(ref, { summary: '  ', identifiers: [{ type: 'pt_nipc', value: '599 004 003', country: '' }, { type: '', value: '', country: '' }, { type: '', value: '', country: '' }], fraudTypes: [] }),
    });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.code).to.equal('invalid_input');
    expect(refused.body.error.fields).to.deep.equal({
      summary: es('alerts.errors.required'),
      'identifiers.0': es('alerts.errors.identifier.checksum'),
      fraudTypes: es('alerts.errors.chooseAtLeastOne'),
    });
    // A body of the wrong shape is named field by field too, in the reader's language.
    const malformed = await call('POST', `/api/alerts/${ref}/edit`, { person: PEOPLE.ptInspector, locale: 'es-ES', body: { version: 1, summary: 3, identifiers: 'x', fraudTypes: [], countriesConcerned: [], urgency: 'urgent' } });
    expect(malformed.status).to.equal(400);
    expect(malformed.body.error.fields).to.deep.equal({ summary: es('alertTab.errors.badValue'), identifiers: es('alertTab.errors.badValue') });

    // Someone answers meanwhile: the version the form had is stale.
    await teams(activity('invoke.cardAction.channel', { ...from(PEOPLE.esInspector), replyToId: messageId, value: { action: { type: 'Action.Execute', verb: 'alert.respond', data: { ref, answer: 'known' } } } }));
    const stale = await call('POST', `/api/alerts/${ref}/edit`, { person: PEOPLE.ptInspector, body: { ...(await editBody(ref, { summary: 'Corrected.' })), version: 1 } });
    expect(stale.status).to.equal(409);
    expect(stale.body.error).to.deep.include({ code: 'stale_version', message: en('alertEdit.errors.stale', { ref }) });
    expect(stale.body.error.current.alertEdit.version).to.equal(2);
    expect(stale.body.error.current.answers).to.have.length(1);
    expect(getAlert(t.app.db, ref)).to.include({ summary: VALID_ALERT_FORM.summary, version: 2 });
    expect(listAudit(t.app.db, { action: 'alert.edited' })).to.have.length(0);
  });

  it('refuses the correction and the withdrawal to another authority, in its language, with nothing changed', async () => {
    const { ref } = await postAlert();
    const body = await editBody(ref, { urgency: 'urgent' });
    const edit = await call('POST', `/api/alerts/${ref}/edit`, { person: PEOPLE.frInspector, locale: 'fr-FR', body });
    expect(edit.status).to.equal(403);
    expect(edit.body.error).to.deep.include({ code: 'not_allowed', message: fr('alertEdit.errors.notAllowed', { ref, state: 'PT' }) });
    const withdraw = await call('POST', `/api/alerts/${ref}/withdraw`, { person: PEOPLE.esInspector, locale: 'es-ES', body: { version: 1, reason: 'No es mía.' } });
    expect(withdraw.status).to.equal(403);
    expect(withdraw.body.error.message).to.equal(es('alertEdit.errors.notAllowed', { ref, state: 'PT' }));
    expect(getAlert(t.app.db, ref)).to.include({ version: 1, urgency: 'priority', status: 'open' });
    expect(listAudit(t.app.db, { action: 'alert.withdrawn' })).to.have.length(0);
  });

  it('withdraws with a reason (asked for in the reader\'s language when missing): the channel card shows it withdrawn, and the alert leaves the list of those to correct', async () => {
    const { ref, messageId } = await postAlert();
    const editable = await call('GET', '/api/alerts/editable', { person: PEOPLE.ptInspector });
    expect(editable.body.items.map((item: any) => item.ref)).to.deep.equal([ref]);
    expect(editable.body.title).to.equal(en('alertTab.editable.title', { number: 1 }));
    expect((await call('GET', '/api/alerts/editable', { person: PEOPLE.frInspector })).body.items).to.deep.equal([]);

    const noReason = await call('POST', `/api/alerts/${ref}/withdraw`, { person: PEOPLE.ptInspector, locale: 'fr-FR', body: { version: 1, reason: ' ' } });
    expect(noReason.status).to.equal(400);
    expect(noReason.body.error.fields).to.deep.equal({ reason: fr('alertEdit.errors.reasonRequired') });

    const reason = 'Sent twice: see AL-2026-0009.';
    const withdrawn = await call('POST', `/api/alerts/${ref}/withdraw`, { person: PEOPLE.ptInspector, body: { version: 1, reason } });
    expect(withdrawn.status).to.equal(200);
    expect(withdrawn.body).to.deep.include({ changed: 'withdrawn', alertEdit: null });
    const line = en('alertEdit.card.withdrawnLine', { date: formatDate('2026-03-02', 'en'), by: 'ACT (PT)', reason });
    expect(withdrawn.body.lines[0]).to.deep.equal({ text: line, tone: 'attention' });
    expect(listAudit(t.app.db, { action: 'alert.withdrawn' })).to.have.length(1);
    await t.app.outbox.idle();
    expect(lastChannelUpdate(messageId)).to.include(line).and.not.include('"verb":"alert.respond"');
    expect((await call('GET', '/api/alerts/editable', { person: PEOPLE.ptInspector })).body.items).to.deep.equal([]);
    const again = await call('POST', `/api/alerts/${ref}/withdraw`, { person: PEOPLE.ptInspector, body: { version: 2, reason } });
    expect(again.status).to.equal(400);
    expect(again.body.error.message).to.equal(en('alertEdit.errors.withdrawn', { ref }));
  });

  it('opens an inspection for any member and a request only for its two sides, both audited, with the deep link to their channel posts', async () => {
    const es = resolveMember(t.app.db, clock, { aadObjectId: PEOPLE.esInspector.aadObjectId, tenantId: null, email: PEOPLE.esInspector.email })!;
    const checked = validateInspectionDraft({ ...INSPECTION_DRAFT, startDate: '2026-04-14', endDate: '2026-04-15' }, inspectionReference(t.app.db));
    if (!checked.ok) throw new Error('inspection draft');
    const scheduled = scheduleInspection(t.app.db, clock, es, checked.input, { formId: 'tab-api-inspection-1', overlapConfirmed: true });
    if (scheduled.kind !== 'created') throw new Error(scheduled.kind);
    const sent = await createRequest(t.app.db, clock, es, { addressees: ['PT-ACT'], companyIdentifier: '599 004 002', companyIdentifierType: 'pt_nipc', companyName: VALID_ALERT_FORM.companyName, questions: ['ss.registered'], urgency: 'urgent' }, { formId: 'tab-api-request-1' });
    if (sent.kind !== 'created') throw new Error(sent.kind);
    t.app.deps.notify();
    await t.app.outbox.idle();

    const inspection = await call('GET', `/api/open-items/inspection/${scheduled.inspection.ref}`, { person: PEOPLE.frInspector, locale: 'fr-FR' });
    expect(inspection.status).to.equal(200);
    expect(inspection.body).to.deep.include({ kind: 'inspection', heading: 'Badajoz', alertEdit: null });
    expect(inspection.body.facts.map((fact: any) => fact.label)).to.include(fr('inspections.card.lead'));
    expect(inspection.body.channelLink).to.include(postedMessageId(t, `cji:${scheduled.inspection.ref}:posted`));
    expect(listAudit(t.app.db, { action: 'inspection.read', subjectRef: scheduled.inspection.ref }).map((entry) => entry.authorityId)).to.deep.equal(['FR-URSSAF']);

    const ref = sent.request.ref;
    const addressed = await call('GET', `/api/open-items/request/${ref}`, { person: PEOPLE.ptInspector, locale: 'pt-PT' });
    expect(addressed.status).to.equal(200);
    expect(addressed.body).to.deep.include({ kind: 'request', title: translator('pt')('requests.view.title', { ref }), heading: VALID_ALERT_FORM.companyName });
    expect(addressed.body.answers.map((answer: any) => answer.who)).to.deep.equal(['PT · ACT']);
    // Between ITSS and ACT: URSSAF may not read it, and is told so in French; the refusal is audited too.
    const refused = await call('GET', `/api/open-items/request/${ref}`, { person: PEOPLE.frInspector, locale: 'fr-FR' });
    expect(refused.status).to.equal(403);
    expect(refused.body.error).to.deep.include({ code: 'not_allowed', message: fr('requests.view.refused', { ref }) });
    expect(JSON.stringify(refused.body)).to.not.include(VALID_ALERT_FORM.companyName);
    expect(listAudit(t.app.db, { subjectRef: ref }).filter((entry) => entry.action.startsWith('request.read')).map((entry) => [entry.action, entry.authorityId])).to.deep.equal([
      ['request.read', 'PT-ACT'],
      ['request.read_refused', 'FR-URSSAF'],
    ]);
    expect((await call('GET', '/api/open-items/request/RQ-2026-9999', { person: PEOPLE.ptInspector })).body.error.code).to.equal('request_not_found');
  });
});

