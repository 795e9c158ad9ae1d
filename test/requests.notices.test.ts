import { expect } from 'chai';
import { loadConfig } from '../server/config';
import { startApp, type RunningApp } from '../server/startApp';
import { activity, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { ConnectorStub, type RecordedCall } from './helpers/connectorStub';
import { PEOPLE, from, manualClock, registerPeople, type Person } from './helpers/people';
import { clickOnChannelCard, invokeCard, invokeMessage, postedMessageId, startAppInChannel } from './helpers/teamsActions';
import { postActivity, tempDbPath, type TestApp } from './helpers/testApp';
import { translator } from '../src/i18n/translate';
import { formatDate } from '../bot/cards/choices';

const CHANNEL = '19:cooperation-general@thread.tacv2';
const TENANT = '7d3c0b9e-2222-4c1a-8f00-0000000000aa';

/** A member of Portugal's social security institute, the addressed authority. */
const PT_ISS = { id: '29:1pt-iss-officer-0007', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000007', email: 'officer.pt@seg-social.pt', authority: 'PT-ISS' } as unknown as Person;
/** An ITSS inspector who is an external member of the shared channel: their own tenant, not the app's. */
const ES_EXTERNAL = { id: '29:1es-itss-external-0008', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000008', email: 'external.es@mites.gob.es', authority: 'ES-ITSS' } as unknown as Person;
const OTHER_TENANT = '5b1e6c2a-3333-4d2b-9e11-0000000000bb';

/** ITSS (ES) asks ISS (PT), urgently, about a Portuguese company. */
const requestForm = (formId: string) => ({
  formId,
  addressees: 'PT-ISS',
  companyIdentifier: '599 004 002',
  companyIdentifierType: 'pt_nipc',
  companyName: 'Construções Atlântico Demo, Lda (fictional)',
  questions_social_security: 'ss.registered,ss.declaredWorkers',
  urgency: 'urgent',
});

function registerPtIss(connector: ConnectorStub): void {
  connector.addMember({ id: PT_ISS.id, aadObjectId: PT_ISS.aadObjectId, email: PT_ISS.email, userPrincipalName: PT_ISS.email, name: 'PT-ISS' });
}

/** The cards of calls, each checked at Adaptive Cards 1.5 and under the size limit. */
function cardTexts(calls: RecordedCall[]): string[] {
  return calls.flatMap((call) => cardsOf(call.body)).map((card) => {
    assertValidCard(card);
    return JSON.stringify(card);
  });
}

const mentionedIds = (call: RecordedCall) => ((call.body?.entities ?? []) as Array<{ type: string; mentioned: { id: string } }>).filter((e) => e.type === 'mention').map((e) => e.mentioned.id);

describe('telling the sides of an information request what the other did', () => {
  let t: TestApp;
  // Thursday 3 Dec 2026: urgent for Portugal is Monday 7 Dec.
  const clock = manualClock('2026-12-03T10:00:00Z');
  const es = translator('es');
  const pt = translator('pt');

  beforeEach(async () => {
    clock.set('2026-12-03T10:00:00Z');
    t = await startAppInChannel({ clock });
    registerPtIss(t.connector);
    t.connector.addMember({ id: ES_EXTERNAL.id, aadObjectId: ES_EXTERNAL.aadObjectId, email: ES_EXTERNAL.email, userPrincipalName: ES_EXTERNAL.email, name: 'ES-ITSS', tenantId: OTHER_TENANT });
  });
  afterEach(() => t.stop());

  async function sendRequest(person: Person = PEOPLE.esInspector, formId = '00000000-0000-4000-8000-00000000e001'): Promise<{ ref: string; messageId: string }> {
    const card = invokeCard(await t.post(activity('invoke.cardAction.personal', { ...from(person), locale: 'es-ES', value: { action: { type: 'Action.Execute', verb: 'request.submit', data: requestForm(formId) } } })));
    const ref = /RQ-2026-\d{4}/.exec(JSON.stringify(card))![0];
    await t.app.outbox.idle();
    return { ref, messageId: postedMessageId(t, `request:${ref}:posted`) };
  }

  /** Replies in the thread of the request's notice. */
  const threadReplies = (messageId: string) => t.connector.sentActivities().filter((call) => call.conversationId === CHANNEL && call.replyToId === messageId);
  const personalChat = (person: Person) => t.connector.personalChatWith(person.aadObjectId);

  it('tells the requester of an answer given in another language: a reply under the notice mentioning them, and a 1:1 message in their language, neither with content', async () => {
    const { ref, messageId } = await sendRequest();
    const answered = invokeCard(await clickOnChannelCard(t, PT_ISS, messageId, 'request.answer', { ref, a_ss_registered: 'yes', freeText: 'Resposta em português' }, 'pt-PT'));
    expect(JSON.stringify(answered)).to.include(pt('requests.addresseeStatus.answered_partially'));
    await t.app.outbox.idle();

    const [reply, ...moreReplies] = threadReplies(messageId);
    expect(moreReplies).to.have.length(0);
    const [replyCard] = cardTexts([reply]);
    const en = translator('en');
    expect(replyCard).to.include(en('requestNotices.answered_partially', { authority: 'ISS (PT)', ref, requester: 'ITSS (ES)' })).and.include('"verb":"request.open"');
    expect(replyCard).to.not.include('Atlântico').and.not.include('599').and.not.include('português').and.not.include(en('requests.answer.yes'));
    // The requester is mentioned: in the activity's entities and on the card, by their Entra object id.
    expect(mentionedIds(reply)).to.deep.equal([PEOPLE.esInspector.aadObjectId]);
    expect(replyCard).to.include(`"id":"${PEOPLE.esInspector.aadObjectId}"`).and.include('<at>ES-ITSS</at>');
    // The reply has the channel's reader views: a Portuguese reader gets it in Portuguese.
    const subject = `${ref}|answered|PT-ISS|answered_partially`;
    const replyId = postedMessageId(t, `request-progress:${subject}`);
    expect(replyId).to.be.a('string');
    const viewed = JSON.stringify(invokeCard(await clickOnChannelCard(t, PT_ISS, replyId, 'channel.readerView', { kind: 'request-progress', subject }, 'pt-PT')));
    expect(viewed).to.include(pt('requestNotices.answered_partially', { authority: 'ISS (PT)', ref, requester: 'ITSS (ES)' }));

    // The 1:1 chat is created in the app's tenant with the requester alone, and gets the notice in Spanish.
    const chat = personalChat(PEOPLE.esInspector)!;
    expect(chat.body).to.deep.include({ isGroup: false, channelData: { tenant: { id: TENANT } } });
    expect(chat.body.members).to.deep.equal([{ id: PEOPLE.esInspector.aadObjectId, name: '' }]);
    const [personal, ...morePersonal] = cardTexts(t.connector.activitiesIn(chat.id));
    expect(morePersonal).to.have.length(0);
    expect(personal).to.include(es('requestNotices.answered_partially', { authority: 'ISS (PT)', ref, requester: 'ITSS (ES)' })).and.include('"verb":"request.open"');
    expect(personal).to.not.include('Atlântico').and.not.include('português').and.not.include('"refresh"');
    // Nobody else got a 1:1 message.
    expect(t.connector.createdConversations).to.have.length(1);

    // Open in the 1:1 chat shows the requester the answer, in Spanish.
    const opened = JSON.stringify(
      invokeCard(await t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.esInspector), locale: 'es-ES', conversation: { id: chat.id, conversationType: 'personal', tenantId: TENANT }, value: { action: { type: 'Action.Execute', verb: 'request.open', data: { ref } } } }))),
    );
    expect(opened).to.include('Construções Atlântico Demo').and.include(es('requests.view.answerLine', { authority: 'ISS', answer: es('requests.answer.yes') }));
    // A third authority pressing Open on the thread reply is told politely that the request is not theirs.
    const refused = invokeMessage(await clickOnChannelCard(t, PEOPLE.frInspector, replyId, 'request.open', { ref }, 'fr-FR'));
    expect(refused).to.equal(translator('fr')('requests.view.refused', { ref }));
  });

  it('tells the requester of a proposed deadline, and the proposer of the requester\'s decision', async () => {
    // The requester has written to the app in their 1:1 chat: the chat is created with their Teams id from there.
    await t.post(personalMessage('/request new', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    const { ref, messageId } = await sendRequest();
    invokeCard(await clickOnChannelCard(t, PT_ISS, messageId, 'request.proposeDeadline', { ref, dueDate: '2026-12-14', reason: 'Arquivo regional' }, 'pt-PT'));
    await t.app.outbox.idle();
    const vars = { authority: 'ISS (PT)', ref, requester: 'ITSS (ES)' };
    const [proposal] = cardTexts(threadReplies(messageId));
    expect(proposal).to.include(translator('en')('requestNotices.deadline_proposed', { ...vars, date: formatDate('2026-12-14', 'en'), due: formatDate('2026-12-07', 'en') })).and.not.include('Arquivo');
    expect(mentionedIds(threadReplies(messageId)[0])).to.deep.equal([PEOPLE.esInspector.aadObjectId]);
    expect(personalChat(PEOPLE.esInspector)).to.equal(undefined);
    const requesterChat = t.connector.personalChatWith(PEOPLE.esInspector.id)!;
    expect(requesterChat.body.channelData).to.deep.equal({ tenant: { id: TENANT } });
    const [toRequester] = cardTexts(t.connector.activitiesIn(requesterChat.id));
    expect(toRequester).to.include(es('requestNotices.deadline_proposed', { ...vars, date: formatDate('2026-12-14', 'es'), due: formatDate('2026-12-07', 'es') })).and.not.include('Arquivo');

    // The requester accepts: the proposer is told, under the notice and in their 1:1 chat, in Portuguese.
    invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'request.decideDeadline', { ref, authorityId: 'PT-ISS', accept: 'yes' }, 'es-ES'));
    await t.app.outbox.idle();
    const replies = threadReplies(messageId);
    expect(replies).to.have.length(2);
    expect(cardTexts([replies[1]])[0]).to.include(translator('en')('requestNotices.deadline_accepted', { ...vars, date: formatDate('2026-12-14', 'en') }));
    expect(mentionedIds(replies[1])).to.deep.equal([PT_ISS.aadObjectId]);
    const [toProposer] = cardTexts(t.connector.activitiesIn(personalChat(PT_ISS)!.id));
    expect(toProposer).to.include(pt('requestNotices.deadline_accepted', { ...vars, date: formatDate('2026-12-14', 'pt') }));

    // Another proposal, declined: told too, with the deadline that stands.
    invokeCard(await clickOnChannelCard(t, PT_ISS, messageId, 'request.proposeDeadline', { ref, dueDate: '2027-01-15', reason: 'Férias' }, 'pt-PT'));
    invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'request.decideDeadline', { ref, authorityId: 'PT-ISS', accept: 'no' }, 'es-ES'));
    await t.app.outbox.idle();
    const declined = cardTexts(t.connector.activitiesIn(personalChat(PT_ISS)!.id));
    expect(declined).to.have.length(2);
    expect(declined[1]).to.include(pt('requestNotices.deadline_declined', { ...vars, date: formatDate('2027-01-15', 'pt'), due: formatDate('2026-12-14', 'pt') }));
    expect(threadReplies(messageId)).to.have.length(4);
  });

  it('tells the requester of an acknowledgement, and tells nothing twice when an answer is sent again', async () => {
    const { ref, messageId } = await sendRequest();
    invokeCard(await clickOnChannelCard(t, PT_ISS, messageId, 'request.acknowledge', { ref }, 'pt-PT'));
    const answer = () => clickOnChannelCard(t, PT_ISS, messageId, 'request.answer', { ref, a_ss_registered: 'yes' }, 'pt-PT');
    invokeCard(await answer());
    // Teams resends an invoke it had no answer to within 15 s: the same answer, the same notice.
    invokeCard(await answer());
    await t.app.outbox.idle();
    const en = translator('en');
    const vars = { authority: 'ISS (PT)', ref, requester: 'ITSS (ES)' };
    const replies = cardTexts(threadReplies(messageId));
    expect(replies).to.have.length(2);
    expect(replies[0]).to.include(en('requestNotices.acknowledged', vars));
    expect(replies[1]).to.include(en('requestNotices.answered_partially', vars));
    expect(cardTexts(t.connector.activitiesIn(personalChat(PEOPLE.esInspector)!.id))).to.have.length(2);
    // Completing the answer is a new notice.
    invokeCard(await clickOnChannelCard(t, PT_ISS, messageId, 'request.answer', { ref, a_ss_declaredWorkers: '12' }, 'pt-PT'));
    await t.app.outbox.idle();
    expect(cardTexts(threadReplies(messageId)).at(-1)).to.include(en('requestNotices.answered_fully', vars));
    expect(cardTexts(t.connector.activitiesIn(personalChat(PEOPLE.esInspector)!.id))).to.have.length(3);
  });

  it('gives a requester who is an external member of another tenant the thread reply but no 1:1 message', async () => {
    const { ref, messageId } = await sendRequest(ES_EXTERNAL, '00000000-0000-4000-8000-00000000e002');
    invokeCard(await clickOnChannelCard(t, PT_ISS, messageId, 'request.answer', { ref, a_ss_registered: 'no' }, 'pt-PT'));
    await t.app.outbox.idle();
    const replies = threadReplies(messageId);
    expect(replies).to.have.length(1);
    expect(mentionedIds(replies[0])).to.deep.equal([ES_EXTERNAL.aadObjectId]);
    expect(t.connector.createdConversations).to.have.length(0);
    expect(t.connector.sentActivities().filter((call) => call.conversationId !== CHANNEL && !call.conversationId?.startsWith('a:1personal'))).to.satisfy((calls: RecordedCall[]) => calls.every((call) => !JSON.stringify(call.body).includes('requestNotices')));
    expect(t.app.db.prepare("SELECT count(*) AS n FROM outbox WHERE conversation_id LIKE 'personal-chat:%'").get()).to.deep.equal({ n: 0 });
  });
});

describe('request notices across a restart', () => {
  const connector = new ConnectorStub();
  const dbPath = tempDbPath();
  const clock = manualClock('2026-12-03T10:00:00Z');
  let app: RunningApp;
  const start = async () => {
    app = await startApp(loadConfig({ PORT: '0', DB_PATH: dbPath }), { clock, outboxPollMs: 20, timedJobs: false });
  };
  const post = async (body: Record<string, unknown>) => postActivity(app.url, connector.url, body);

  before(async () => {
    await connector.start();
    registerPeople(connector);
    registerPtIss(connector);
    await start();
  });
  after(async () => {
    await app.stop();
    await connector.stop();
  });

  it('sends each notice exactly once when the app stops before sending them and starts again', async () => {
    await post(activity('conversationUpdate.install.team'));
    const sent = await post(activity('invoke.cardAction.personal', { ...from(PEOPLE.esInspector), locale: 'es-ES', value: { action: { type: 'Action.Execute', verb: 'request.submit', data: requestForm('00000000-0000-4000-8000-00000000e003') } } }));
    const ref = /RQ-2026-\d{4}/.exec(JSON.stringify(sent.body))![0];
    await app.outbox.idle();
    const messageId = (app.db.prepare('SELECT sent_activity_id AS id FROM outbox WHERE dedupe_key = ?').get(`request:${ref}:posted`) as { id: string }).id;
    // The connector hangs on the first sends (the notice's update, the 1:1 message) and then drops
    // them: the app stops with the notices still queued, waiting for their retry.
    connector.hangNext(2);
    await post(activity('invoke.cardAction.channel', { ...from(PT_ISS), locale: 'pt-PT', replyToId: messageId, value: { action: { type: 'Action.Execute', verb: 'request.answer', data: { ref, a_ss_registered: 'yes' } } } }));
    await connector.waitFor(() => connector.heldOpen() === 2);
    connector.endHangs();
    const queued = "SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND dedupe_key LIKE 'request-progress:%'";
    expect(app.db.prepare(queued).get()).to.deep.equal({ n: 2 });
    await app.stop();
    expect(connector.sentActivities().filter((call) => call.replyToId === messageId)).to.have.length(0);
    await start();
    clock.set('2026-12-03T10:10:00Z');
    await app.outbox.idle();
    // The answer's invoke is redelivered after the restart: nothing is told twice.
    await post(activity('invoke.cardAction.channel', { ...from(PT_ISS), locale: 'pt-PT', replyToId: messageId, value: { action: { type: 'Action.Execute', verb: 'request.answer', data: { ref, a_ss_registered: 'yes' } } } }));
    await app.outbox.idle();
    const delivered = connector.sentActivities();
    const replies = delivered.filter((call) => call.conversationId === CHANNEL && call.replyToId === messageId);
    expect(replies).to.have.length(1);
    const chat = connector.personalChatWith(PEOPLE.esInspector.aadObjectId)!;
    expect(delivered.filter((call) => call.conversationId === chat.id)).to.have.length(1);
    cardTexts([...replies, ...delivered.filter((call) => call.conversationId === chat.id)]);
  });
});
