import { expect } from 'chai';
import { TestAdapter, type Activity } from 'botbuilder';
import { startTestApp, tempDbPath, type TestApp } from './helpers/testApp';
import { activity, personalMessage } from './helpers/activities';
import { cardsOf } from './helpers/cardValidator';
import { literalTexts, markdownTexts } from './helpers/cardText';
import { PEOPLE, from, registerPeople } from './helpers/people';
import { installInChannel, invokeCard, invokeMessage, postedMessageId } from './helpers/teamsActions';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { getAlert } from '../src/alerts/alertQueries';
import { loadConfig } from '../server/config';
import { createBotApp } from '../bot/app';
import { createAdapter } from '../bot/adapter';
import { openDatabase, type Db } from '../src/store/database';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { resolveMember } from '../src/identity/members';
import { systemClock } from '../src/clock';
import { VALID_ALERT_FORM } from './helpers/alertForms';

const en = translator('en');

/** The playground's signed-in user as the app sees them: the Bot Connector knows no e-mail the app can map. */
const NEWCOMER = { from: { id: '29:1playground-user-0000', aadObjectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' } };
const NEWCOMER_CHAT = { conversation: { id: 'a:1personal-chat-newcomer', conversationType: 'personal' } };

const VALID_FORM = { ...VALID_ALERT_FORM, caseReference: '' };

const say = (t: TestApp, text: string, locale = 'en-GB') => t.post(personalMessage(text, { ...NEWCOMER, ...NEWCOMER_CHAT, locale }));

/** The text of the last plain message the bot sent (not a card). */
function lastText(t: TestApp): string {
  const texts = t.connector.sentActivities().filter((call) => typeof call.body?.text === 'string' && cardsOf(call.body).length === 0);
  expect(texts, 'a text reply').to.not.have.length(0);
  return texts.at(-1)!.body.text;
}

/** Every text of a card, as Teams shows it. */
const textOf = (card: unknown) => [...markdownTexts(card), ...literalTexts(card)].join('\n');

function lastCard(t: TestApp): string {
  return textOf(t.sentCards().at(-1));
}

function demoAuthorityOf(t: TestApp, aadObjectId: string): string | null {
  return (t.app.db.prepare('SELECT demo_authority_id AS id FROM users WHERE aad_object_id = ?').get(aadObjectId) as { id: string | null } | undefined)?.id ?? null;
}

/** The newcomer posts an alert from personal chat; returns its reference, the confirmation and the channel message id. */
async function newcomerPostsAlert(t: TestApp) {
  const response = await t.post(
    activity('invoke.cardAction.personal', { ...NEWCOMER, ...NEWCOMER_CHAT, value: { action: { type: 'Action.Execute', verb: 'alert.submit', data: { ...VALID_FORM, formId: '00000000-0000-4000-8000-00000000d301' } } } }),
  );
  const confirmation = JSON.stringify(invokeCard(response));
  const ref = /AL-\d{4}-\d{4}/.exec(confirmation)![0];
  await t.app.outbox.idle();
  return { ref, confirmation, messageId: postedMessageId(t, `alert:${ref}:posted`) };
}

/** The newcomer presses an answer on the alert's card in the cooperation channel. */
function newcomerAnswers(t: TestApp, messageId: string, ref: string, answer: string) {
  return t.post(activity('invoke.cardAction.channel', { ...NEWCOMER, replyToId: messageId, value: { action: { type: 'Action.Execute', verb: 'alert.respond', data: { ref, answer } } } }));
}

describe('/demo as in local mode: the playground user acts for another authority', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await installInChannel(t);
  });
  afterEach(() => t?.stop());

  it('lists the participating authorities and says which one the user acts for now', async () => {
    await say(t, '/demo as');
    const text = lastText(t);
    expect(text).to.include(en('identity.demo.current', { authority: 'ACT', state: 'PT', name: nameOf('PT-ACT') }));
    expect(text).to.include('ES-ITSS').and.include('FR-URSSAF').and.include('IT-INL').and.include('PT-ISS');
    expect(text).to.include(en('identity.demo.listItemCurrent', { id: 'PT-ACT', authority: 'ACT', name: nameOf('PT-ACT'), country: 'Portugal' }));
    // A supporting body does not take part in the alert network, so it is not offered.
    expect(text).not.to.include('EU-ELA');
    expect(demoAuthorityOf(t, NEWCOMER.from.aadObjectId)).to.equal(null);
  });

  it('switches to the country named, audits it, and every card then names the authority actually used', async () => {
    await say(t, '/demo as ES');
    expect(lastText(t)).to.equal(en('identity.demo.switched', { authority: 'ITSS', state: 'ES', name: nameOf('ES-ITSS'), previous: 'ACT', back: 'PT-ACT' }));
    expect(demoAuthorityOf(t, NEWCOMER.from.aadObjectId)).to.equal('ES-ITSS');
    const [entry] = listAudit(t.app.db, { action: 'user.demo_authority_chosen' });
    expect(entry).to.include({ authorityId: 'PT-ACT', subjectType: 'authority', subjectRef: 'ES-ITSS' });
    expect(entry!.details).to.deep.equal({ previous: 'PT-ACT' });

    await say(t, '/help');
    const help = lastCard(t);
    expect(help).to.include(en('identity.localDemoChosen', { authority: 'ITSS', state: 'ES' }));
    expect(help).not.to.include(en('identity.localDemo', { authority: 'ACT', state: 'PT' }));
    await say(t, '/alert', 'fr-FR');
    expect(lastCard(t)).to.include(translator('fr')('identity.localDemoChosen', { authority: 'ITSS', state: 'ES' }));
  });

  it('finds an authority by its id, its short name or its country in another language, and says when nothing changes', async () => {
    await say(t, '/demo as es-tgss');
    expect(demoAuthorityOf(t, NEWCOMER.from.aadObjectId)).to.equal('ES-TGSS');
    await say(t, '/demo as URSSAF');
    expect(demoAuthorityOf(t, NEWCOMER.from.aadObjectId)).to.equal('FR-URSSAF');
    await say(t, '/demo as Itália', 'pt-PT');
    expect(demoAuthorityOf(t, NEWCOMER.from.aadObjectId)).to.equal('IT-INL');
    await say(t, '/demo as IT-INL', 'it-IT');
    expect(lastText(t)).to.equal(translator('it')('identity.demo.unchanged', { authority: 'INL', state: 'IT', name: nameOf('IT-INL', 'it') }));
    expect(listAudit(t.app.db, { action: 'user.demo_authority_chosen' }).map((entry) => entry.subjectRef)).to.deep.equal(['ES-TGSS', 'FR-URSSAF', 'IT-INL']);
  });

  it('refuses an authority it does not know, or one outside the alert network, and lists the choices', async () => {
    await say(t, '/demo as Atlantis', 'es-ES');
    const text = lastText(t);
    expect(text).to.include(translator('es')('identity.demo.unknownAuthority', { text: 'Atlantis' })).and.include('ES-ITSS');
    await say(t, '/demo as EU-ELA');
    expect(lastText(t)).to.include(en('identity.demo.unknownAuthority', { text: 'EU-ELA' }));
    expect(demoAuthorityOf(t, NEWCOMER.from.aadObjectId)).to.equal(null);
    expect(listAudit(t.app.db, { action: 'user.demo_authority_chosen' })).to.have.length(0);
  });

  it('lets the newcomer answer their own alert after switching, and tells them how', async () => {
    const { ref, confirmation, messageId } = await newcomerPostsAlert(t);
    expect(confirmation).to.include(en('identity.demo.tryAnswering', { typed: 'ES', authority: 'ITSS' }));

    // As the reporting authority, the rule holds; the refusal says how to answer as another one.
    const refused = invokeMessage(await newcomerAnswers(t, messageId, ref, 'known'));
    expect(refused).to.equal(`${en('alerts.errors.ownAlert')} ${en('identity.demo.answerAsAnother', { typed: 'ES', authority: 'ITSS' })}`);
    expect(getAlert(t.app.db, ref)!.responses).to.have.length(0);

    await say(t, '/demo as ES');
    const card = JSON.stringify(invokeCard(await newcomerAnswers(t, messageId, ref, 'known')));
    expect(card).to.include('ES · ITSS').and.include(en('alerts.answer.known'));
    const alert = getAlert(t.app.db, ref)!;
    expect(alert.reportingAuthority.id).to.equal('PT-ACT');
    expect(alert.responses.map((response) => [response.authorityId, response.answer])).to.deep.equal([['ES-ITSS', 'known']]);
    expect(listAudit(t.app.db, { action: 'alert.responded', subjectRef: ref })[0]).to.include({ authorityId: 'ES-ITSS', subjectRef: ref });
  });

  it('keeps the choice across a restart on the same store', async () => {
    await t.stop();
    const dbPath = tempDbPath();
    t = await startTestApp({ dbPath, keepDb: true });
    await say(t, '/demo as ES');
    await t.stop();
    t = await startTestApp({ dbPath, keepDb: false });
    await say(t, '/help');
    expect(lastCard(t)).to.include(en('identity.localDemoChosen', { authority: 'ITSS', state: 'ES' }));
    await say(t, '/demo');
    expect(lastText(t)).to.include(en('identity.demo.current', { authority: 'ITSS', state: 'ES', name: nameOf('ES-ITSS') }));
  });

  it('shows /demo in the help card in local mode', async () => {
    await say(t, '/help');
    expect(lastCard(t)).to.include(en('help.commands.demo.usage')).and.include(en('help.commands.demo.description'));
  });

  it('does not let a user mapped by e-mail switch: they act for their own authority', async () => {
    registerPeople(t.connector);
    await t.post(personalMessage('/demo as PT', { ...from(PEOPLE.esInspector), locale: 'fr-FR' }));
    expect(lastText(t)).to.equal(translator('fr')('identity.demo.mappedUser', { authority: 'ITSS', state: 'ES' }));
    await t.post(personalMessage('/demo as', from(PEOPLE.esInspector)));
    expect(lastText(t)).to.equal(en('identity.demo.mappedUser', { authority: 'ITSS', state: 'ES' }));
    expect(demoAuthorityOf(t, PEOPLE.esInspector.aadObjectId)).to.equal(null);
    expect(listAudit(t.app.db, { action: 'user.demo_authority_chosen' })).to.have.length(0);
    // Still the Spanish inspectorate, without the local-mode notice.
    await t.post(personalMessage('/help', from(PEOPLE.esInspector)));
    expect(lastCard(t)).not.to.include(en('identity.localDemo', { authority: 'ACT', state: 'PT' })).and.not.include(en('help.commands.demo.usage'));
  });
});

describe('/demo in production', () => {
  let db: Db;
  let adapter: TestAdapter;
  const TENANT = '7d3c0b9e-2222-4c1a-8f00-0000000000aa';

  beforeEach(() => {
    db = openDatabase(tempDbPath());
    syncParticipants(db, loadParticipants());
    const config = loadConfig({
      MicrosoftAppId: '00000000-0000-0000-0000-00000000b07d',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppType: 'SingleTenant',
      ALLOWED_TENANT_IDS: TENANT,
      PUBLIC_BASE_URL: 'https://desk.example.org',
      HOST: '127.0.0.1',
      DB_PATH: ':memory:',
    });
    const app = createBotApp(createAdapter(config), { db, clock: systemClock, config, notify: () => undefined });
    adapter = new TestAdapter((context) => app.run(context).then(() => undefined));
    // A member of the Spanish inspectorate, mapped by e-mail at an earlier visit.
    resolveMember(db, systemClock, { aadObjectId: PEOPLE.esInspector.aadObjectId, tenantId: TENANT, email: PEOPLE.esInspector.email });
  });
  afterEach(() => db.close());

  it('does not exist: /demo as gets the unknown-command answer, the help card does not offer it, nothing is stored', async () => {
    const replies: Partial<Activity>[] = [];
    await adapter.send(personalMessage('/demo as PT') as Partial<Activity>).assertReply((reply) => void replies.push(reply)).startTest();
    const card = textOf(cardsOf(replies[0]!));
    expect(card).to.include(en('errors.unknownCommand', { text: '/demo as PT' })).and.include(en('help.title'));
    expect(card).not.to.include(en('help.commands.demo.usage'));
    const user = db.prepare('SELECT authority_id AS authorityId, demo_authority_id AS demoAuthorityId FROM users').all();
    expect(user).to.deep.equal([{ authorityId: 'ES-ITSS', demoAuthorityId: null }]);
    expect(listAudit(db, { action: 'user.demo_authority_chosen' })).to.have.length(0);
  });
});

function nameOf(id: string, language = 'en'): string {
  const authority = loadParticipants().authorities.find((a) => a.id === id)!;
  return (authority.names as Record<string, string>)[language] ?? authority.names.en;
}
