import { expect } from 'chai';
import { literalTexts } from './helpers/cardText';
import { startTestApp, type TestApp } from './helpers/testApp';
import { activity, channelMessage, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, registerPeople, type Person } from './helpers/people';
import { clickOnChannelCard, installInChannel, startAppInChannel, invokeCard, postedMessageId } from './helpers/teamsActions';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { getAlert } from '../src/alerts/alertQueries';
import { applyAlertRetention } from '../src/alerts/alertRetention';
import { outboxState } from '../src/outbox/outbox';
import { VALID_ALERT_FORM } from './helpers/alertForms';

const VALID_FORM = VALID_ALERT_FORM;

let formCounter = 0;
const freshFormId = () => `00000000-0000-4000-8000-${String(++formCounter).padStart(12, '0')}`;

function count(t: TestApp, table: string): number {
  return (t.app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

async function submitForm(t: TestApp, person: Person, data: Record<string, string>, locale = 'en-GB') {
  return t.post(
    activity('invoke.cardAction.personal', {
      ...from(person),
      locale,
      value: { action: { type: 'Action.Execute', verb: 'alert.submit', data } },
    }),
  );
}

/** Submits a valid alert and returns its reference, without waiting for the channel post. */
async function postAlertWithoutWaiting(t: TestApp, person: Person = PEOPLE.ptInspector, overrides: Record<string, string> = {}) {
  const response = await submitForm(t, person, { ...VALID_FORM, formId: freshFormId(), ...overrides });
  return { ref: /AL-\d{4}-\d{4}/.exec(JSON.stringify(invokeCard(response)))![0] };
}

/** Posts a valid alert as `person` and returns its reference and the channel message id. */
async function postAlert(t: TestApp, person: Person, overrides: Record<string, string> = {}) {
  const { ref } = await postAlertWithoutWaiting(t, person, overrides);
  await t.app.outbox.idle();
  const post = t.connector.sentActivities().find((call) => call.path.endsWith('/activities') && JSON.stringify(call.body).includes(ref))!;
  const messageId = postedMessageId(t, `alert:${ref}:posted`);
  return { ref, messageId, post };
}

describe('/alert', () => {
  let t: TestApp;
  beforeEach(async () => {
    // A store without the demo's alerts: these tests count and number the alerts they post.
    t = await startAppInChannel({ env: { DEMO_DATA: 'never' } });
  });
  afterEach(() => t.stop());

  it('opens the alert form with the data-minimisation hint, in English and in French', async () => {
    await t.post(personalMessage('/alert', from(PEOPLE.esInspector)));
    await t.post(channelMessage('/alert', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    const [english, french] = t.sentCards().map((card) => JSON.stringify(card));
    expect(english).to.include(translator('en')('alerts.form.title')).and.include(translator('en')('alerts.form.minimisationHint'));
    expect(french).to.include(translator('fr')('alerts.form.title')).and.include(translator('fr')('alerts.form.minimisationHint'));
    expect(english).to.include('"verb":"alert.submit"').and.match(/"formId":"[0-9a-f-]{36}"/);
  });

  it('gives each form it shows its own id, later forms after earlier ones, and stores the alert submitted under it', async () => {
    for (let i = 0; i < 5; i++) await t.post(personalMessage('/alert', from(PEOPLE.esInspector)));
    const ids = t.sentCards().map((card) => /"formId":"([0-9a-f-]{36})"/.exec(JSON.stringify(card))![1]);
    // Time-ordered, so that their records sit side by side in the store's index.
    expect(new Set(ids).size).to.equal(5);
    expect(ids).to.deep.equal([...ids].sort());
    const first = ids[0];
    const card = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.esInspector, { ...VALID_FORM, formId: first })));
    const ref = /AL-\d{4}-\d{4}/.exec(card)![0];
    // The form's id is what makes a resent submission the same alert.
    const again = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.esInspector, { ...VALID_FORM, formId: first })));
    expect(again).to.include(ref);
    expect(count(t, 'alerts')).to.equal(1);
    const other = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.esInspector, { ...VALID_FORM, formId: ids[1], companyName: 'Another Demo Company Lda (fictional)', identifierType0: 'other', identifierValue0: 'ZZ-ANOTHER-1', identifierCountry0: 'DE' })));
    expect(other).to.match(/AL-\d{4}-\d{4}/).and.not.include(ref);
  });

  it('prefills the form from /alert <identifier> <company name>', async () => {
    await t.post(personalMessage('/alert B49990013 "Ejemplo Demo Logística SL"', from(PEOPLE.esInspector)));
    const card = JSON.stringify(t.sentCards()[0]);
    expect(card).to.include('"id":"identifierValue0"').and.include('"value":"B49990013"');
    expect(card).to.include('"value":"es_cif"').and.include('Ejemplo Demo Logística SL');
  });

  it('stores a valid alert, answers with its reference and posts its card to the cooperation channel', async () => {
    const response = await submitForm(t, PEOPLE.ptInspector, { ...VALID_FORM, formId: freshFormId() });
    const card = JSON.stringify(invokeCard(response));
    const year = new Date().getUTCFullYear();
    expect(card).to.include(`AL-${year}-0001`).and.include(JSON.stringify(translator('en')('alerts.posted.body', { company: VALID_FORM.companyName })).slice(1, -1));
    await t.app.outbox.idle();
    const [post] = t.connector.sentActivities().filter((call) => call.conversationId === '19:cooperation-general@thread.tacv2' && call.replyToId === null);
    const channelCard = cardsOf(post.body)[0];
    assertValidCard(channelCard);
    expect(JSON.stringify(channelCard)).to.include(`AL-${year}-0001`).and.include('599004002').and.include('"verb":"alert.respond"');
    const alert = getAlert(t.app.db, `AL-${year}-0001`)!;
    expect(alert).to.deep.include({ urgency: 'priority', registrationCountry: 'PT', caseReference: 'ACT-2026-117' });
    expect(alert.reportingAuthority.id).to.equal('PT-ACT');
    expect(alert.fraudTypes).to.deep.equal(['fraudulent_posting', 'letterbox_company']);
    expect(listAudit(t.app.db, { action: 'alert.created' })[0]).to.include({ authorityId: 'PT-ACT', subjectRef: `AL-${year}-0001` });
  });

  it('re-shows the form in Spanish with a message at each wrong field, every typed value kept, and stores nothing', async () => {
    const before = { alerts: count(t, 'alerts'), companies: count(t, 'companies'), outbox: count(t, 'outbox') };
    const typed = { ...VALID_FORM, formId: freshFormId(), companyName: '', identifierValue0: '599004003', summary: 'x'.repeat(2001), identifierType1: 'eu_vat', identifierValue1: 'GR094259216' };
    const card = invokeCard(await submitForm(t, PEOPLE.esInspector, typed, 'es-ES'));
    const text = JSON.stringify(card);
    const es = translator('es');
    expect(text).to.include(es('alerts.form.fixErrors'));
    expect(text).to.include(es('alerts.errors.required'));
    expect(text).to.include(es('alerts.errors.identifier.checksum'));
    expect(text).to.include(es('alerts.errors.identifier.greek_prefix'));
    expect(text).to.include(es('alerts.errors.tooLong', { max: 2000 }));
    for (const value of ['599004003', 'GR094259216', 'ACT-2026-117', 'FR,ES', 'letterbox_company,fraudulent_posting']) expect(text).to.include(`"value":"${value}"`);
    expect(text).to.include(`"formId":"${typed.formId}"`);
    expect({ alerts: count(t, 'alerts'), companies: count(t, 'companies'), outbox: count(t, 'outbox') }).to.deep.equal(before);
  });

  it('posts the alert card exactly once when Teams first answers 429 with Retry-After', async () => {
    t.connector.failNext({ status: 429, headers: { 'Retry-After': '0' } });
    const { ref } = await postAlert(t, PEOPLE.ptInspector);
    await t.connector.waitFor(() => t.connector.sentActivities().some((call) => JSON.stringify(call.body).includes(ref)));
    const attempts = t.connector.calls.filter((call) => call.method === 'POST' && call.replyToId === null && JSON.stringify(call.body).includes(ref));
    expect(attempts.map((call) => call.body.__failed ?? 'sent')).to.deep.equal([429, 'sent']);
  });

  it('draws the channel card when it goes out, so an answer given meanwhile is on it, and keeps no copy once posted', async () => {
    // Teams is busy: the post waits a second for its retry, and Spain answers from a copy meanwhile.
    t.connector.failNext({ status: 429, headers: { 'Retry-After': '1' } });
    const { ref } = await postAlertWithoutWaiting(t);
    const queued = () => t.app.db.prepare('SELECT status, content_json AS content FROM outbox WHERE dedupe_key = ?').get(`alert:${ref}:posted`) as { status: string; content: string };
    // Queued from the alert's event right after its commit.
    await t.connector.waitFor(() => queued() !== undefined);
    expect(JSON.parse(queued().content)).to.deep.equal({ card: { kind: 'alert', subject: ref } });
    await t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.esInspector), value: { action: { type: 'Action.Execute', verb: 'alert.respond', data: { ref, answer: 'known' } } } }));
    await t.app.outbox.idle();
    const posts = t.connector.sentActivities().filter((call) => call.replyToId === null && JSON.stringify(call.body).includes(ref));
    expect(posts).to.have.length(1);
    expect(JSON.stringify(cardsOf(posts[0].body)[0])).to.include('ES · ITSS').and.include(translator('en')('alerts.answer.known'));
    expect(queued()).to.deep.equal({ status: 'sent', content: 'null' });
    expect(t.app.db.prepare("SELECT count(*) AS n FROM outbox WHERE content_json LIKE '%Atlântico%'").get()).to.deep.equal({ n: 0 });
  });

  it('follows the channel post with an update when the alert is answered while Teams is still taking the post', async () => {
    const answer = () => t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.esInspector), value: { action: { type: 'Action.Execute', verb: 'alert.respond', data: { ref, answer: 'known' } } } }));
    let ref = '';
    t.connector.holdNextAnswer(async () => {
      expect((await answer()).status).to.equal(200);
    });
    ({ ref } = await postAlertWithoutWaiting(t));
    await t.app.outbox.idle();
    const posted = t.connector.sentActivities().find((call) => call.replyToId === null && JSON.stringify(call.body).includes(ref))!;
    // No answer on the post yet (ES · ITSS is only among those that have not answered).
    expect(JSON.stringify(posted.body)).not.to.include('"title":"ES · ITSS"');
    const updates = t.connector.updates().filter((call) => call.activityId === postedMessageId(t, `alert:${ref}:posted`));
    expect(updates).to.have.length(1);
    expect(JSON.stringify(updates[0].body)).to.include('"title":"ES · ITSS"').and.include(translator('en')('alerts.answer.known'));
  });

  it('drops a queued channel post whose alert retention deleted before it went out', async () => {
    t.connector.failNext({ status: 503, headers: { 'Retry-After': '1' } });
    const { ref } = await postAlertWithoutWaiting(t);
    const closed = await t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.ptInspector), value: { action: { type: 'Action.Execute', verb: 'alert.close', data: { ref, outcome: 'not_confirmed' } } } }));
    expect(JSON.stringify(invokeCard(closed))).to.include(translator('en')('alerts.outcome.not_confirmed'));
    const fourYearsOn = { now: () => new Date(Date.now() + 4 * 365 * 24 * 3600 * 1000) };
    expect(applyAlertRetention(t.app.db, fourYearsOn).deleted).to.equal(1);
    await t.app.outbox.idle();
    expect(t.connector.sentActivities().filter((call) => JSON.stringify(call.body).includes(ref))).to.have.length(0);
    expect(outboxState(t.app.db, `alert:${ref}:posted`)).to.include({ status: 'dropped', lastError: 'record gone' });
  });

  it('creates one alert however often Teams resends the submission or the user double-clicks', async () => {
    const data = { ...VALID_FORM, formId: freshFormId() };
    const [first, second] = await Promise.all([submitForm(t, PEOPLE.ptInspector, data), submitForm(t, PEOPLE.ptInspector, data)]);
    const third = await submitForm(t, PEOPLE.ptInspector, data);
    for (const response of [first, second, third]) expect(JSON.stringify(invokeCard(response))).to.match(/AL-\d{4}-0001/);
    expect(JSON.stringify(invokeCard(third))).to.include(translator('en')('alerts.posted.alreadySubmitted', { ref: `AL-${new Date().getUTCFullYear()}-0001` }));
    await t.app.outbox.idle();
    expect(count(t, 'alerts')).to.equal(1);
    expect(t.connector.sentActivities().filter((call) => call.replyToId === null)).to.have.length(1);
  });

  it('decides submissions that arrive together one after the other: one alert per company, the later one asked', async () => {
    const sameCompany = { ...VALID_FORM, identifierType0: 'eu_vat', identifierValue0: 'PT599004002' };
    const other = { ...VALID_FORM, companyName: 'Edilizia Riviera Demo Srl (fictional)', identifierType0: 'other', identifierValue0: 'RIVIERA-77', identifierCountry0: 'IT', registrationCountry: 'IT' };
    const cards = (
      await Promise.all([
        submitForm(t, PEOPLE.esInspector, { ...sameCompany, formId: freshFormId() }),
        submitForm(t, PEOPLE.frInspector, { ...sameCompany, formId: freshFormId(), summary: 'Seen in Perpignan.' }),
        submitForm(t, PEOPLE.itInspector, { ...other, formId: freshFormId() }),
      ])
    ).map((response) => JSON.stringify(invokeCard(response)));
    // A card asking "same company or a new one?" quotes the alert it found; the others confirm their own.
    const asked = cards.map((card) => card.includes('companyChoice'));
    const created = cards.filter((_, i) => !asked[i]).map((card) => /AL-\d{4}-\d{4}/.exec(card)![0]);
    expect(asked, 'the later of the two on the same company is asked, the other company is not').to.satisfy((flags: boolean[]) => flags.filter(Boolean).length === 1 && !flags[2]);
    expect(new Set(created).size, 'two alerts, each with its own reference').to.equal(2);
    expect(cards[asked.indexOf(true)], 'it names the alert just made on that company').to.include(created[0]);
    expect(count(t, 'alerts')).to.equal(2);
    await t.app.outbox.idle();
    for (const ref of created) expect(outboxState(t.app.db, `alert:${ref}:posted`)).to.include({ status: 'sent' });
  });

  it('warns when the company was already flagged by another member state, and adds the alert to it on request', async () => {
    const first = await postAlert(t, PEOPLE.esInspector, { identifierType0: 'eu_vat', identifierValue0: 'PT599004002' });
    const formId = freshFormId();
    const card = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.frInspector, { ...VALID_FORM, formId, companyName: 'Atlantico Demo Construcoes', summary: 'Seen in Perpignan.' })));
    const date = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    expect(card).to.include(translator('en')('alerts.form.duplicateLine', { company: VALID_FORM.companyName, state: 'ES', date, ref: first.ref }));
    expect(count(t, 'alerts')).to.equal(1);
    const companyId = getAlert(t.app.db, first.ref)!.company.id;
    const choice = JSON.parse(card).body.find((element: any) => element.type === 'Container' && JSON.stringify(element).includes('companyChoice'));
    expect(JSON.stringify(choice)).to.include(`existing:${companyId}`);
    const confirmed = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.frInspector, { ...VALID_FORM, formId, companyName: 'Atlantico Demo Construcoes', summary: 'Seen in Perpignan.', companyChoice: `existing:${companyId}` })));
    const second = /AL-\d{4}-\d{4}/.exec(confirmed)![0];
    expect(getAlert(t.app.db, second)!.company.id).to.equal(companyId);
  });

  it('warns about a closely matching name with another identifier, and can keep them apart', async () => {
    const first = await postAlert(t, PEOPLE.itInspector, { companyName: 'Edilizia Fantasia Demo S.r.l. (fictional)', identifierType0: 'it_piva', identifierValue0: '09997770012', registrationCountry: 'IT' });
    const formId = freshFormId();
    const data = { ...VALID_FORM, formId, companyName: 'Edilizia Fantasia Demo SRL', identifierType0: 'fr_siren', identifierValue0: '999880008', registrationCountry: 'FR' };
    const card = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.frInspector, data)));
    expect(card).to.include(first.ref).and.include('"value":"new"');
    const created = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.frInspector, { ...data, companyChoice: 'new' })));
    const second = /AL-\d{4}-\d{4}/.exec(created)![0];
    expect(getAlert(t.app.db, second)!.company.id).not.to.equal(getAlert(t.app.db, first.ref)!.company.id);
  });
});

describe('answering and closing an alert on its channel card', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startAppInChannel();
  });
  afterEach(() => t.stop());

  it('shows the answers of three member states on the same card, one answer per authority', async () => {
    const { ref, messageId } = await postAlert(t, PEOPLE.ptInspector);
    await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'alert.respond', { ref, answer: 'known', note: 'Two open cases in Badajoz.' });
    await clickOnChannelCard(t, PEOPLE.frInspector, messageId, 'alert.respond', { ref, answer: 'no_record' }, 'fr-FR');
    await clickOnChannelCard(t, PEOPLE.itInspector, messageId, 'alert.respond', { ref, answer: 'no_record' });
    const last = invokeCard(await clickOnChannelCard(t, PEOPLE.itInspector, messageId, 'alert.respond', { ref, answer: 'investigating' }));
    const updates = t.connector.updates().filter((call) => call.activityId === messageId);
    expect(updates).to.have.length(4);
    const finalCard = cardsOf(updates[3].body)[0];
    assertValidCard(finalCard);
    const text = JSON.stringify(finalCard);
    const en = translator('en');
    expect(text).to.include('ES · ITSS').and.include(en('alerts.answer.known'));
    expect(text).to.include('FR · URSSAF').and.include(en('alerts.answer.no_record'));
    expect(text).to.include('IT · INL').and.include(en('alerts.answer.investigating'));
    expect(text).to.include('Two open cases in Badajoz.');
    expect(JSON.stringify(last)).to.equal(text);
    expect(getAlert(t.app.db, ref)!.responses.map((r) => [r.authorityId, r.answer])).to.deep.equal([
      ['ES-ITSS', 'known'],
      ['FR-URSSAF', 'no_record'],
      ['IT-INL', 'investigating'],
    ]);
    expect(listAudit(t.app.db, { action: 'alert.responded', subjectRef: ref })).to.have.length(4);
  });

  it('tells the reporting authority that the others answer its alert', async () => {
    const { ref, messageId } = await postAlert(t, PEOPLE.ptInspector);
    const response = await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.respond', { ref, answer: 'known' }, 'pt-PT');
    expect(response.body).to.deep.equal({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: translator('pt')('alerts.errors.ownAlert') });
    expect(getAlert(t.app.db, ref)!.responses).to.have.length(0);
  });

  it('lets the reporting authority close the alert with an outcome, and refuses others', async () => {
    const { ref, messageId } = await postAlert(t, PEOPLE.ptInspector);
    const refused = await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'alert.close', { ref, outcome: 'confirmed' });
    expect(refused.body.value).to.equal(translator('en')('alerts.errors.notAllowedToClose'));
    const missing = await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.close', { ref });
    expect(missing.body.value).to.equal(translator('en')('alerts.errors.chooseOutcome'));
    const closed = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.close', { ref, outcome: 'referred_to_imi' })));
    expect(closed).to.include(translator('en')('alerts.outcome.referred_to_imi')).and.not.include('"verb":"alert.respond"');
    expect(getAlert(t.app.db, ref)).to.include({ status: 'closed', outcome: 'referred_to_imi' });
    const late = await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'alert.respond', { ref, answer: 'known' });
    expect(late.body.value).to.equal(translator('en')('alerts.errors.alreadyClosed', { ref }));
    expect(listAudit(t.app.db, { action: 'alert.closed' })).to.have.length(1);
  });

  it('updates the channel card when an alert is answered from a copy elsewhere', async () => {
    const { ref, messageId } = await postAlert(t, PEOPLE.ptInspector);
    t.connector.clear();
    await t.post(activity('invoke.cardAction.personal', { value: { action: { type: 'Action.Execute', verb: 'alert.respond', data: { ref, answer: 'known' } } } }));
    await t.app.outbox.idle();
    const channelUpdates = t.connector.updates().filter((call) => call.activityId === messageId);
    expect(channelUpdates).to.have.length(1);
    expect(JSON.stringify(channelUpdates[0].body)).to.include('ES · ITSS');
  });
});

describe('an alert before the app is in a channel', () => {
  it('is stored and its author told it could not be posted yet', async () => {
    const t = await startTestApp();
    try {
      registerPeople(t.connector);
      const card = JSON.stringify(invokeCard(await submitForm(t, PEOPLE.ptInspector, { ...VALID_FORM, formId: freshFormId() })));
      const ref = /AL-\d{4}-\d{4}/.exec(card)![0];
      expect(card).to.include(translator('en')('alerts.posted.noChannel', { ref }));
      expect(getAlert(t.app.db, ref)).not.to.equal(null);
      expect(count(t, 'outbox')).to.equal(0);
    } finally {
      await t.stop();
    }
  });
});

describe('alerts and supporting bodies', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    registerPeople(t.connector);
    t.connector.addMember({ id: '29:ela-officer', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-0000000000e1', email: 'officer@ela.europa.eu' });
    await installInChannel(t);
  });
  afterEach(() => t.stop());

  it('keeps the alert network to participating authorities: ELA, a supporter, is told so and sees nothing', async () => {
    const { ref, messageId } = await postAlert(t, PEOPLE.ptInspector);
    t.connector.clear();
    const ela = { from: { id: '29:ela-officer', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-0000000000e1', name: 'ELA' } };
    await t.post(personalMessage('/alerts', { ...ela, locale: 'fr-FR' }));
    expect(t.connector.sentActivities()[0].body.text).to.equal(translator('fr')('alerts.errors.participantsOnly'));
    const response = await t.post(activity('invoke.cardAction.channel', { ...ela, replyToId: messageId, value: { action: { type: 'Action.Execute', verb: 'alert.respond', data: { ref, answer: 'known' } } } }));
    expect(response.body.value).to.equal(translator('en')('alerts.errors.participantsOnly'));
    expect(getAlert(t.app.db, ref)!.responses).to.have.length(0);
  });
});

describe('/alerts and /company', () => {
  let t: TestApp;
  before(async () => {
    // Only the alerts posted here, so each list and page holds exactly the ones expected.
    t = await startAppInChannel({ env: { DEMO_DATA: 'never' } });
    for (let i = 0; i < 11; i++) {
      await submitForm(t, i % 2 ? PEOPLE.esInspector : PEOPLE.ptInspector, {
        ...VALID_FORM,
        formId: freshFormId(),
        companyName: `${['Alfa', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliett', 'Kilo'][i].repeat(12)} ${i} (fictional)`,
        identifierType0: 'other',
        identifierValue0: `DEMO-${1000 + i}`,
        identifierCountry0: i % 2 ? 'ES' : 'PT',
        registrationCountry: i % 2 ? 'ES' : 'PT',
        summary: 'y'.repeat(1900),
      });
    }
    await t.app.outbox.idle();
  });
  after(() => t.stop());

  it('lists alerts newest first, paged under the card size limit', async () => {
    t.connector.clear();
    await t.post(personalMessage('/alerts', from(PEOPLE.frInspector)));
    const card = t.sentCards()[0] as any;
    const text = JSON.stringify(card);
    const year = new Date().getUTCFullYear();
    expect(text).to.include(`AL-${year}-0011`).and.not.include(`AL-${year}-0003`);
    const next = card.actions.find((action: any) => action.verb === 'alerts.page');
    const page2 = invokeCard(await t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.frInspector), value: { action: { type: 'Action.Execute', verb: 'alerts.page', data: next.data } } })));
    expect(JSON.stringify(page2)).to.include(`AL-${year}-0003`).and.include(`AL-${year}-0001`);
  });

  it('filters by country, status and mine', async () => {
    t.connector.clear();
    await t.post(personalMessage('/alerts PT open', from(PEOPLE.frInspector)));
    const text = JSON.stringify(t.sentCards()[0]);
    const year = new Date().getUTCFullYear();
    expect(text).to.include(`AL-${year}-0001`).and.include(`AL-${year}-0011`).and.not.include(`AL-${year}-0002`);
    t.connector.clear();
    await t.post(personalMessage('/alerts closed', from(PEOPLE.frInspector)));
    expect(JSON.stringify(t.sentCards()[0])).to.include(translator('en')('alerts.list.empty'));
    t.connector.clear();
    await t.post(personalMessage('/alerts mine', from(PEOPLE.frInspector)));
    expect(JSON.stringify(t.sentCards()[0])).to.include(translator('en')('alerts.list.empty'));
  });

  it('answers /company with the dossier of all alerts and records the view', async () => {
    t.connector.clear();
    await t.post(personalMessage('/company DEMO-1004', { ...from(PEOPLE.itInspector), locale: 'it-IT' }));
    const text = JSON.stringify(t.sentCards()[0]);
    expect(text).to.include(translator('it')('alerts.dossier.title')).and.include(`AL-${new Date().getUTCFullYear()}-0005`);
    expect(listAudit(t.app.db, { action: 'company.viewed' }).at(-1)).to.include({ authorityId: 'IT-INL' });
  });

  it('says so when no company matches', async () => {
    t.connector.clear();
    await t.post(personalMessage('/company ZZZ-NOTHING', from(PEOPLE.itInspector)));
    // A card, since the sentence quotes the search as typed (see bot.quotedInput.test.ts).
    expect(literalTexts(t.sentCards()[0])).to.deep.equal([translator('en')('alerts.dossier.notFound', { query: 'ZZZ-NOTHING' })]);
  });
});
