import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { startPlayground, type Playground } from './helpers/playground';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { translator } from '../src/i18n/translate';
import { installInPlaygroundTeam } from '../scripts/playgroundTeam';
import { findCooperationChannel } from '../src/conversations/conversationReferences';
import { VALID_ALERT_FORM } from './helpers/alertForms';
import { loadParticipants } from '../src/reference/participants';

const hasCard = (activity: any) => cardsOf(activity ?? {}).length > 0;
const hasVerb = (verb: string) => (activity: any) => JSON.stringify(cardsOf(activity ?? {})).includes(`"verb":"${verb}"`);

describe('smoke test through the real Microsoft 365 Agents Playground', function () {
  this.timeout(60_000);
  let t: TestApp;
  let playground: Playground;

  before(async () => {
    t = await startTestApp();
    // The playground as `npm start` runs it: its built-in configuration, one signed-in user the app cannot map.
    playground = await startPlayground(`${t.app.url}/api/messages`);
    // What `npm start` does once the playground is up: the app is installed in its team's General channel.
    await installInPlaygroundTeam(playground.url);
    // The welcome post goes out through the outbox: let it arrive before the tests send anything.
    await playground.waitForBotActivity((activity) => activity.conversation?.id === playground.config.team.id && hasCard(activity));
  });
  after(async () => {
    await playground?.stop();
    await t?.stop();
  });

  it('answers /help in personal chat with the help card, saying the playground user acts for the demo authority', async () => {
    await playground.sendText('/help');
    const reply = await playground.waitForBotActivity(hasCard);
    const card = cardsOf(reply)[0];
    assertValidCard(card);
    const en = translator('en');
    expect(JSON.stringify(card)).to.include(en('help.title')).and.include(en('identity.localDemo', { authority: 'ACT', state: 'PT' }));
    // Local mode offers the command that lets this single user act for another authority.
    expect(JSON.stringify(card)).to.include(en('help.commands.demo.usage'));
  });

  it('answers /help in French for a fr-FR user', async () => {
    await playground.sendText('/help', { locale: 'fr-FR' });
    const reply = await playground.waitForBotActivity(hasCard);
    expect(JSON.stringify(cardsOf(reply)[0])).to.include(translator('fr')('help.title'));
  });

  it('answers an @mention in a channel', async () => {
    await playground.sendText('/help', { scope: 'channel' });
    const reply = await playground.waitForBotActivity(hasCard);
    expect(JSON.stringify(cardsOf(reply)[0])).to.include(translator('en')('help.title'));
  });

  it('makes the playground team\'s General channel the cooperation channel, welcomed once', async () => {
    const team = playground.config.team;
    expect(findCooperationChannel(t.app.db)).to.include({ conversationId: team.id, kind: 'channel', isCooperationChannel: true });
    const welcomes = playground.botActivities().filter((activity) => activity.conversation?.id === team.id && JSON.stringify(activity).includes(translator('en')('welcome.title')));
    expect(welcomes).to.have.length(1);
  });

  it('lets the single playground user post an alert from personal chat and answer it in General after /demo as ES', async () => {
    const en = translator('en');
    const quoted = (text: string) => JSON.stringify(text).slice(1, -1);
    await playground.sendText('/alert');
    const form = await playground.waitForBotActivity(hasVerb('alert.submit'));
    const formId = /"formId":"([0-9a-f-]{36})"/.exec(JSON.stringify(cardsOf(form)))![1];
    const company = 'Construções Atlântico Demo, Lda (fictional)';
    const submitted = await playground.pressButton(playground.messageOf(form), 'alert.submit', { ...VALID_ALERT_FORM, formId, companyName: company, caseReference: '' });
    const confirmation = JSON.stringify(submitted.value);
    expect(confirmation).to.include(quoted(en('alerts.posted.body', { company })));
    // The confirmation tells the newcomer how to answer their own alert.
    expect(confirmation).to.include(quoted(en('identity.demo.tryAnswering', { typed: 'ES', authority: 'ITSS' })));
    const ref = /AL-\d{4}-\d{4}/.exec(confirmation)![0];

    const post = await playground.waitForBotActivity((activity) => activity.conversation?.id === playground.config.team.id && hasVerb('alert.respond')(activity));
    const card = cardsOf(post)[0];
    assertValidCard(card);
    for (const answer of ['known', 'no_record', 'investigating']) expect(JSON.stringify(card)).to.include(en(`alerts.answer.${answer}`));
    expect(JSON.stringify(card)).to.include(ref);
    const channelPost = playground.messageOf(post);

    // Acting for the reporting authority, the user is refused, and told how to answer as another one.
    const refused = await playground.pressButton(channelPost, 'alert.respond', { ref, answer: 'known' });
    expect(refused).to.deep.equal({ type: 'application/vnd.microsoft.activity.message', value: `${en('alerts.errors.ownAlert')} ${en('identity.demo.answerAsAnother', { typed: 'ES', authority: 'ITSS' })}` });

    await playground.sendText('/demo as ES');
    const itss = loadParticipants().authorities.find((authority) => authority.id === 'ES-ITSS')!;
    const switchedText = en('identity.demo.switched', { authority: 'ITSS', state: 'ES', name: itss.names.en, previous: 'ACT', back: 'PT-ACT' });
    const switched = await playground.waitForBotActivity((activity) => activity.text === switchedText);
    expect(switched.conversation?.id).to.equal(playground.personalConversationId);

    const answered = await playground.pressButton(channelPost, 'alert.respond', { ref, answer: 'known' });
    const after = JSON.stringify(answered.value);
    assertValidCard(answered.value);
    expect(after).to.include('ES · ITSS').and.include(en('alerts.answer.known'));
    // The card in the channel is updated in place for everyone, not only in the answer to the click.
    const update = await playground.waitForBotActivity((activity) => activity.conversation?.id?.startsWith(`${playground.config.team.id};messageid=`) && JSON.stringify(activity).includes('ES · ITSS'));
    expect(cardsOf(update)[0]).to.deep.equal(answered.value);
  });
});
