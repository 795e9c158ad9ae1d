import { expect } from 'chai';
import { activity, channelMessage, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, manualClock, type Person } from './helpers/people';
import { clickOnChannelCard, invokeCard, invokeMessage, postedMessageId, startAppInChannel } from './helpers/teamsActions';
import type { TestApp } from './helpers/testApp';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { getRequest } from '../src/requests/requestQueries';
import { getAlert } from '../src/alerts/alertQueries';
import { findQuestion, optionLabel, questionText } from '../src/requests/questionCatalogue';
import { formatDate } from '../bot/cards/choices';
import { VALID_ALERT_FORM } from './helpers/alertForms';

/** A member of Portugal's social security institute, the addressed authority. */
const PT_ISS = { id: '29:1pt-iss-officer-0007', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000007', email: 'officer.pt@seg-social.pt', authority: 'PT-ISS' } as unknown as Person;

const FORM_ID = '00000000-0000-4000-8000-00000000a001';

/** ITSS (ES) asks ISS (PT), urgently, questions from two topics about a Portuguese company. */
const VALID_REQUEST_FORM = {
  formId: FORM_ID,
  addressees: 'PT-ISS',
  companyIdentifier: '599 004 002',
  companyIdentifierType: 'pt_nipc',
  companyName: 'Construções Atlântico Demo, Lda (fictional)',
  questions_social_security: 'ss.registered,ss.declaredWorkers',
  questions_pd_a1: 'a1.validity,a1.article',
  urgency: 'urgent',
  caseReference: 'ITSS-2026-88',
};

const count = (t: TestApp, table: string) => (t.app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function submit(t: TestApp, person: Person, data: Record<string, string>, locale: string) {
  return t.post(activity('invoke.cardAction.personal', { ...from(person), locale, value: { action: { type: 'Action.Execute', verb: 'request.submit', data } } }));
}

/** Cards are checked at 1.5 and under the size limit by assertValidCard (invokeCard does it too). */
function text(card: unknown): string {
  assertValidCard(card);
  return JSON.stringify(card);
}

describe('information requests in Teams', () => {
  let t: TestApp;
  // Thursday 3 Dec 2026: urgent for Portugal is Monday 7 Dec (the weekend does not count).
  const clock = manualClock('2026-12-03T10:00:00Z');
  beforeEach(async () => {
    clock.set('2026-12-03T10:00:00Z');
    // Only this test's requests: the demo data's would take the first references, fill the lists and come due.
    t = await startAppInChannel({ clock, env: { DEMO_DATA: 'never' } });
    t.connector.addMember({ id: '29:1pt-iss-officer-0007', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000007', email: 'officer.pt@seg-social.pt', userPrincipalName: 'officer.pt@seg-social.pt', name: 'PT-ISS' });
  });
  afterEach(() => t.stop());

  async function sendRequest(): Promise<{ ref: string; messageId: string }> {
    const card = invokeCard(await submit(t, PEOPLE.esInspector, VALID_REQUEST_FORM, 'es-ES'));
    const ref = /RQ-2026-\d{4}/.exec(JSON.stringify(card))![0];
    await t.app.outbox.idle();
    return { ref, messageId: postedMessageId(t, `request:${ref}:posted`) };
  }

  it('opens the form in the asker\'s language, with the questions grouped by topic and a form id', async () => {
    await t.post(personalMessage('/request new', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    const form = text(t.sentCards()[0]);
    const es = translator('es');
    expect(form).to.include(es('requests.form.title')).and.include('"verb":"request.submit"').and.match(/"formId":"[0-9a-f-]{36}"/);
    expect(form).to.include(questionText(findQuestion('a1.issued')!, 'es')).and.include('"id":"questions_accidents"');
    // Whom a Spanish authority may ask: other states' authorities only.
    expect(form).to.include('"value":"PT-ISS"').and.not.include('"value":"ES-TGSS"');
  });

  it('shows every wrong field again with its message and the typed values, and stores nothing', async () => {
    const typed = { ...VALID_REQUEST_FORM, addressees: 'ES-TGSS', companyIdentifier: '599 004 003', imiRequestNumber: '#!?', freeQuestion: 'Kept as typed' };
    const form = text(invokeCard(await submit(t, PEOPLE.esInspector, typed, 'es-ES')));
    const es = translator('es');
    expect(form).to.include(es('requests.errors.sameState')).and.include(es('requests.errors.badReference')).and.include(es('alerts.errors.identifier.checksum'));
    expect(form).to.include('"value":"599 004 003"').and.include('"value":"Kept as typed"').and.include('"value":"ss.registered,ss.declaredWorkers"');
    expect(count(t, 'information_requests')).to.equal(0);
  });

  it('posts only a notice to the channel, in the reader\'s language on request, and keeps one request when the form is sent again', async () => {
    const first = text(invokeCard(await submit(t, PEOPLE.esInspector, VALID_REQUEST_FORM, 'es-ES')));
    expect(first).to.include(translator('es')('requests.sent.title', { ref: 'RQ-2026-0001' }));
    const again = text(invokeCard(await submit(t, PEOPLE.esInspector, VALID_REQUEST_FORM, 'es-ES')));
    expect(again).to.include(translator('es')('requests.sent.alreadySubmitted', { ref: 'RQ-2026-0001' }));
    expect(count(t, 'information_requests')).to.equal(1);
    await t.app.outbox.idle();
    const posts = t.connector.sentActivities().filter((call) => call.conversationId === '19:cooperation-general@thread.tacv2' && call.replyToId === null);
    expect(posts).to.have.length(1);
    const notice = text(cardsOf(posts[0].body)[0]);
    expect(notice).to.include(`ITSS (ES) -> ISS (PT): information request RQ-2026-0001, due ${formatDate('2026-12-07', 'en')}, urgent`);
    expect(notice).to.not.include('Atlântico').and.not.include('599').and.not.include('ITSS-2026-88');
    expect(notice).to.include('"verb":"request.open"');
    // A French reader asks for the card in French (the refresh of user-specific views).
    const messageId = postedMessageId(t, 'request:RQ-2026-0001:posted');
    const french = text(invokeCard(await clickOnChannelCard(t, PEOPLE.frInspector, messageId, 'channel.readerView', { kind: 'request', subject: 'RQ-2026-0001' }, 'fr-FR')));
    expect(french).to.include("demande d'information RQ-2026-0001").and.not.include('Atlântico');
  });

  it('opens the content only for the two authorities: a third one is told politely, in its language, and every read is audited', async () => {
    const { ref, messageId } = await sendRequest();
    const refusal = invokeMessage(await clickOnChannelCard(t, PEOPLE.frInspector, messageId, 'request.open', { ref }, 'fr-FR'));
    expect(refusal).to.equal(translator('fr')('requests.view.refused', { ref }));
    expect(invokeMessage(await clickOnChannelCard(t, PEOPLE.frInspector, messageId, 'request.answerForm', { ref }, 'fr-FR'))).to.equal(translator('fr')('requests.view.refusedAnswer', { ref }));
    const view = text(invokeCard(await clickOnChannelCard(t, PT_ISS, messageId, 'request.open', { ref }, 'pt-PT')));
    expect(view).to.include('Construções Atlântico Demo').and.include(questionText(findQuestion('a1.validity')!, 'pt')).and.include('ITSS-2026-88');
    expect(listAudit(t.app.db, { subjectRef: ref }).map((e) => [e.action, e.authorityId])).to.deep.equal([
      ['request.created', 'ES-ITSS'],
      ['request.read_refused', 'FR-URSSAF'],
      ['request.read', 'PT-ISS'],
    ]);
  });

  it('is answered in Portuguese, typed answers checked, and read by the requester in Spanish', async () => {
    const { ref, messageId } = await sendRequest();
    const form = text(invokeCard(await clickOnChannelCard(t, PT_ISS, messageId, 'request.answerForm', { ref }, 'pt-PT')));
    expect(form).to.include(questionText(findQuestion('ss.declaredWorkers')!, 'pt')).and.include('"id":"a_a1_validity_from"').and.include('"type":"Input.Date"');
    const answer = (data: Record<string, string>) => clickOnChannelCard(t, PT_ISS, messageId, 'request.answer', { ref, ...data }, 'pt-PT');
    const wrong = text(invokeCard(await answer({ a_ss_registered: 'yes', a_ss_declaredWorkers: 'doze', freeText: 'Texto mantido' })));
    expect(wrong).to.include(translator('pt')('requests.errors.badNumber')).and.include('"value":"doze"').and.include('"value":"Texto mantido"');
    expect(count(t, 'information_request_answers')).to.equal(0);

    const partial = text(invokeCard(await answer({ a_ss_registered: 'yes', a_ss_declaredWorkers: '12,5' })));
    expect(partial).to.include(translator('pt')('requests.addresseeStatus.answered_partially'));
    await answer({ a_a1_validity_from: '2026-01-01', a_a1_validity_to: '2026-12-31', a_a1_article: 'art12', sourcesNote: 'Registo de remunerações' });
    expect(getRequest(t.app.db, ref)!.addressees[0].status).to.equal('answered_fully');

    const read = text(invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'request.open', { ref }, 'es-ES')));
    const es = translator('es');
    expect(read).to.include(es('requests.view.answerLine', { authority: 'ISS', answer: es('requests.answer.yes') }));
    expect(read).to.include(es('requests.view.answerLine', { authority: 'ISS', answer: optionLabel(findQuestion('a1.article')!, 'art12', 'es') }));
    expect(read).to.include('ISS: 12,5').and.include(questionText(findQuestion('a1.article')!, 'es')).and.include('Registo de remunerações');
    expect(read).to.include('"verb":"request.close"');

    // The channel's notice follows: both sides see the part is answered, nothing more.
    await t.app.outbox.idle();
    const updates = t.connector.calls.filter((call) => call.method === 'PUT' && call.path.includes(messageId));
    expect(updates.length).to.be.greaterThan(0);
    const latest = text(cardsOf(updates[updates.length - 1].body)[0]);
    expect(latest).to.include(translator('en')('requests.addresseeStatus.answered_fully')).and.not.include('12,5');

    const closed = text(invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'request.close', { ref }, 'es-ES')));
    expect(closed).to.not.include('"verb":"request.close"');
    expect(invokeMessage(await clickOnChannelCard(t, PT_ISS, messageId, 'request.acknowledge', { ref }, 'pt-PT'))).to.equal(translator('pt')('requests.errors.already_closed', { ref }));
  });

  it('takes a proposed deadline from the addressee: a wrong one shown again with its message, one accepted and one declined by the requester', async () => {
    const { ref, messageId } = await sendRequest();
    const iss = (verb: string, data: Record<string, unknown>) => clickOnChannelCard(t, PT_ISS, messageId, verb, { ref, ...data }, 'pt-PT');
    const itss = (verb: string, data: Record<string, unknown>) => clickOnChannelCard(t, PEOPLE.esInspector, messageId, verb, { ref, ...data }, 'es-ES');
    const view = text(invokeCard(await iss('request.open', {})));
    expect(view).to.include('"verb":"request.proposeDeadline"').and.include('"id":"dueDate"');
    const wrong = text(invokeCard(await iss('request.proposeDeadline', { dueDate: '2026-12-05', reason: 'Arquivo regional' })));
    expect(wrong).to.include(translator('pt')('requests.errors.notLater', { date: formatDate('2026-12-07', 'pt') })).and.include('"value":"Arquivo regional"');
    text(invokeCard(await iss('request.proposeDeadline', { dueDate: '2026-12-14', reason: 'Arquivo regional' })));
    const es = translator('es');
    const asked = text(invokeCard(await itss('request.open', {})));
    expect(asked).to.include(es('requests.view.proposalLine', { authority: 'ISS', date: formatDate('2026-12-14', 'es'), reason: 'Arquivo regional' })).and.include('"verb":"request.decideDeadline"');
    expect(invokeMessage(await iss('request.decideDeadline', { authorityId: 'PT-ISS', accept: 'yes' }))).to.equal(translator('pt')('requests.errors.requesterOnly', { ref }));
    const accepted = text(invokeCard(await itss('request.decideDeadline', { authorityId: 'PT-ISS', accept: 'yes' })));
    expect(accepted).to.include(formatDate('2026-12-14', 'es')).and.not.include('"verb":"request.decideDeadline"');
    expect(getRequest(t.app.db, ref)!.addressees[0].dueDate).to.equal('2026-12-14');

    await iss('request.proposeDeadline', { dueDate: '2027-01-15', reason: 'Férias' });
    text(invokeCard(await itss('request.decideDeadline', { authorityId: 'PT-ISS', accept: 'no' })));
    expect(getRequest(t.app.db, ref)!.addressees[0]).to.include({ dueDate: '2026-12-14', proposedDueDate: null });
    expect(invokeMessage(await itss('request.decideDeadline', { authorityId: 'PT-ISS', accept: 'yes' }))).to.equal(es('requests.errors.noProposal', { ref }));
    expect(listAudit(t.app.db, { subjectRef: ref }).map((e) => e.action).filter((a) => a.startsWith('request.deadline'))).to.deep.equal(['request.deadline_proposed', 'request.deadline_accepted', 'request.deadline_proposed', 'request.deadline_declined']);
  });

  it('opens the request form from an alert card\'s "Ask for information", prefilled with the company and the alert', async () => {
    const posted = invokeCard(await t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.ptInspector), value: { action: { type: 'Action.Execute', verb: 'alert.submit', data: { ...VALID_ALERT_FORM, formId: '00000000-0000-4000-8000-00000000d001' } } } })));
    const alertRef = /AL-\d{4}-\d{4}/.exec(JSON.stringify(posted))![0];
    await t.app.outbox.idle();
    const alertPost = postedMessageId(t, `alert:${alertRef}:posted`);
    const alertCard = text(cardsOf(t.connector.sentActivities().find((call) => JSON.stringify(call.body).includes(alertRef) && call.replyToId === null)!.body)[0]);
    expect(alertCard).to.include('"verb":"request.new"');
    const form = text(invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, alertPost, 'request.new', { alertRef }, 'es-ES')));
    expect(form).to.include(translator('es')('requests.form.title')).and.include(`"value":"${alertRef}"`).and.include('"value":"599004002"').and.include('"value":"pt_nipc"');
    // Sent as prefilled, it is linked to the alert and to the alert's company.
    const formId = /"formId":"([0-9a-f-]{36})"/.exec(form)![1];
    const sent = text(invokeCard(await submit(t, PEOPLE.esInspector, { formId, addressees: 'PT-ISS', companyIdentifier: '599004002', companyIdentifierType: 'pt_nipc', alertRef, questions_accidents: 'ac.reported', urgency: 'normal' }, 'es-ES')));
    const ref = /RQ-2026-\d{4}/.exec(sent)![0];
    const request = getRequest(t.app.db, ref)!;
    expect(request.alertRef).to.equal(alertRef);
    expect(request.company.id).to.equal(getAlert(t.app.db, alertRef)!.company.id);
    expect(invokeMessage(await clickOnChannelCard(t, PEOPLE.esInspector, alertPost, 'request.new', { alertRef: 'AL-2026-9999' }, 'es-ES'))).to.equal(translator('es')('requests.errors.noSuchAlert', { ref: 'AL-2026-9999' }));
  });

  it('lists mine and to-us, newest first, paged, with the deadline and who is late', async () => {
    for (let i = 0; i < 11; i += 1) {
      clock.set(`2026-12-03T10:${String(i).padStart(2, '0')}:00Z`);
      invokeCard(await submit(t, PEOPLE.esInspector, { ...VALID_REQUEST_FORM, formId: `00000000-0000-4000-8000-00000000b${String(i).padStart(3, '0')}` }, 'es-ES'));
    }
    clock.set('2026-12-08T10:00:00Z');
    await t.post(personalMessage('/requests to-us', { ...from(PT_ISS), locale: 'pt-PT' }));
    const list = text(t.sentCards().at(-1));
    const pt = translator('pt');
    expect(list).to.include(pt('requests.list.title.to-us')).and.include('RQ-2026-0011').and.not.include('RQ-2026-0001');
    expect(list.indexOf('RQ-2026-0011')).to.be.lessThan(list.indexOf('RQ-2026-0010'));
    expect(list).to.include(pt('requests.list.partLate', { authority: 'ISS (PT)', status: pt('requests.addresseeStatus.sent'), due: formatDate('2026-12-07', 'pt') }));
    expect(list).to.include('"verb":"requests.page"');
    const next = text(invokeCard(await t.post(activity('invoke.cardAction.personal', { ...from(PT_ISS), locale: 'pt-PT', value: { action: { type: 'Action.Execute', verb: 'requests.page', data: { view: 'to-us', offset: '10' } } } }))));
    expect(next).to.include('RQ-2026-0001').and.not.include('RQ-2026-0011');
    await t.post(personalMessage('/requests', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    expect(text(t.sentCards().at(-1))).to.include(translator('fr')('requests.list.empty'));
  });
});
