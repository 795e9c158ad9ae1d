import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { startPlayground, type Playground } from './helpers/playground';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { translator } from '../src/i18n/translate';

const hasCard = (activity: any) => cardsOf(activity ?? {}).length > 0;

describe('smoke test through the real Microsoft 365 Agents Playground', function () {
  this.timeout(60_000);
  let t: TestApp;
  let playground: Playground;

  before(async () => {
    t = await startTestApp();
    playground = await startPlayground(`${t.app.url}/api/messages`);
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
});
