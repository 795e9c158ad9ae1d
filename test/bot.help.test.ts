import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { channelMessage, personalMessage } from './helpers/activities';
import { cardsOf } from './helpers/cardValidator';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { commandNames } from '../bot/app';

function cardText(card: unknown): string {
  return JSON.stringify(card);
}

describe('/help', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.stop());

  it('answers an @mention in a channel with the help card, in a reply to that message, in English', async () => {
    const { status } = await t.post(channelMessage('/help'));
    expect(status).to.equal(200);
    const [reply] = t.connector.sentActivities();
    expect(reply.conversationId).to.equal('19:cooperation-general@thread.tacv2;messageid=1732731000000');
    expect(reply.replyToId).to.match(/^1732731000000-\d+$/);
    const [card] = t.sentCards();
    expect(cardText(card)).to.include(translator('en')('help.title'));
    for (const name of commandNames()) expect(cardText(card)).to.include(translator('en')(`help.commands.${name}.usage`));
  });

  it('answers in French when the Teams locale is fr-FR', async () => {
    await t.post(channelMessage('/help', { locale: 'fr-FR' }));
    const [card] = t.sentCards();
    const fr = translator('fr');
    expect(cardText(card)).to.include(fr('help.title')).and.include(fr('help.commands.help.description'));
    expect(cardText(card)).not.to.include(translator('en')('help.title'));
  });

  it('answers in personal chat, without a mention, in Spanish for es-ES', async () => {
    await t.post(personalMessage('/help', { locale: 'es-ES' }));
    const [reply] = t.connector.sentActivities();
    expect(reply.conversationId).to.equal('a:1personal-chat-es-inspector');
    expect(cardText(cardsOf(reply.body)[0])).to.include(translator('es')('help.title'));
  });

  it('accepts the bare command word Teams inserts from the command menu', async () => {
    await t.post(personalMessage('help'));
    expect(cardText(t.sentCards()[0])).to.include(translator('en')('help.title'));
  });

  it('falls back to English for a language it does not have', async () => {
    await t.post(personalMessage('/help', { locale: 'de-DE' }));
    expect(cardText(t.sentCards()[0])).to.include(translator('en')('help.title'));
  });

  it('says so when the local user acts for the demo authority', async () => {
    await t.post(personalMessage('/help'));
    expect(cardText(t.sentCards()[0])).to.include(translator('en')('identity.localDemo', { authority: 'ACT', state: 'PT' }));
  });

  it('answers an unknown command with a hint and the help card', async () => {
    await t.post(channelMessage('/frobnicate now', { locale: 'it-IT' }));
    const text = cardText(t.sentCards()[0]);
    const it = translator('it');
    expect(text).to.include(it('errors.unknownCommand', { text: '/frobnicate now' }));
    expect(text).to.include(it('help.title'));
  });

  it('asks for a command when the message is only a mention', async () => {
    await t.post(channelMessage(''));
    const [reply] = t.connector.sentActivities();
    expect(reply.body.text).to.equal(translator('en')('errors.emptyMessage'));
  });

  it('puts each command above its description, with no columns a phone would squeeze', async () => {
    await t.post(personalMessage('/help'));
    const card = t.sentCards()[0];
    expect(cardText(card)).not.to.include('"ColumnSet"');
    const en = translator('en');
    const blocks: string[] = [];
    const walk = (node: any): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if (node.type === 'TextBlock') blocks.push(node.text);
        Object.values(node).forEach(walk);
      }
    };
    walk(card);
    for (const name of commandNames()) {
      const usage = blocks.indexOf(en(`help.commands.${name}.usage`));
      expect(blocks[usage + 1], name).to.equal(en(`help.commands.${name}.description`));
    }
  });

  it('does not write to the audit log for reading help', async () => {
    // Entries written before (the demo's people posting the demo alerts) are not the reader's,
    // nor are the app's own (its jobs' decisions at start).
    const last = listAudit(t.app.db).at(-1)?.id ?? 0;
    await t.post(personalMessage('/help'));
    const written = listAudit(t.app.db).filter((entry) => entry.id > last && (entry.userId !== null || entry.authorityId !== null));
    expect(written).to.deep.equal([]);
    // The reader is known to the store by now: an entry of theirs would have been found above.
    expect(t.app.db.prepare('SELECT count(*) AS n FROM users WHERE aad_object_id NOT LIKE ?').get('illustrative:%')).to.deep.equal({ n: 1 });
  });
});
