import { expect } from 'chai';
import type { TestApp } from './helpers/testApp';
import { channelMessage, personalMessage } from './helpers/activities';
import { cardsOf } from './helpers/cardValidator';
import { literalTexts, markdownTexts } from './helpers/cardText';
import { PEOPLE, from } from './helpers/people';
import { startAppInChannel } from './helpers/teamsActions';
import { translator } from '../src/i18n/translate';
import { ACTION_STATUSES } from '../src/plans/vocabulary';

const en = translator('en');

/**
 * Typed in a Teams message: a live link, bold, HTML (which Teams sends as entities), a typed entity
 * and a date function. normaliseMessageText decodes the entities once, so the bot reads QUOTED.
 */
const TYPED = '[click me](http://evil.example/phish) **bold** &lt;b&gt;x&lt;/b&gt; &amp;amp; {{DATE(2017-02-14T06:08:39Z, SHORT)}}';
const QUOTED = '[click me](http://evil.example/phish) **bold** <b>x</b> &amp; {{DATE(2017-02-14T06:08:39Z, SHORT)}}';
/** As a card shows QUOTED: only the date function broken by an invisible word joiner. */
const shownAs = (sentence: string) => sentence.replace('{{', '{\u2060{');

/**
 * The one reply to a message, checked for what Teams would interpret: no text part (Teams reads
 * markdown and HTML in a message's text), and on its card the words only in literal elements.
 * Returns the card's literal texts.
 */
function literalReply(t: TestApp): string[] {
  const replies = t.connector.sentActivities();
  expect(replies, 'one reply').to.have.length(1);
  const body = replies[0].body;
  expect(body.text ?? '', 'a text part Teams would read as markdown').to.equal('');
  const [card] = cardsOf(body);
  expect(card, 'the reply card').not.to.equal(undefined);
  for (const text of markdownTexts(card)) expect(text, 'typed text in a markdown element').not.to.include('evil.example');
  t.sentCards(); // validates every card at 1.5
  return literalTexts(card);
}

describe('replies that quote what was typed', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startAppInChannel();
  });
  afterEach(() => t.stop());

  it('/company with no match answers a card showing the search as typed: link, bold, HTML and entity inert, no double escaping', async () => {
    await t.post(channelMessage(`/company ${TYPED}`, from(PEOPLE.esInspector)));
    expect(literalReply(t)).to.deep.equal([shownAs(en('alerts.dossier.notFound', { query: QUOTED }))]);
  });

  it('/action with a text that is no reference, and with an unknown status word, answers cards quoting them as typed', async () => {
    await t.post(personalMessage('/action [x](http://evil.example/phish)', from(PEOPLE.esInspector)));
    expect(literalReply(t)).to.deep.equal([en('plan.bot.notARef', { text: '[x](http://evil.example/phish)' })]);
    t.connector.clear();
    await t.post(personalMessage('/action 2024-01 [x](http://evil.example)', from(PEOPLE.esInspector)));
    const statuses = new Intl.ListFormat('en', { type: 'disjunction' }).format(ACTION_STATUSES.map((status) => en(`plan.status.${status}`).toLowerCase()));
    expect(literalReply(t)).to.deep.equal([en('plan.bot.unknownStatus', { text: '[x](http://evil.example)', statuses })]);
  });

  it('/cji list with a filter it cannot read answers a card quoting the filter as typed', async () => {
    await t.post(personalMessage('/cji list soon [x](http://evil.example)', { ...from(PEOPLE.itInspector), locale: 'it-IT' }));
    expect(literalReply(t)).to.deep.equal([translator('it')('inspections.list.badFilter', { text: 'soon [x](http://evil.example)' })]);
  });

  it('a message that is no command gets the help card with the message quoted literally above it', async () => {
    await t.post(channelMessage(TYPED, { locale: 'fr-FR' }));
    expect(literalReply(t)).to.include(shownAs(translator('fr')('errors.unknownCommand', { text: QUOTED.slice(0, 80) })));
  });

  it('/cji report with a text that is no reference answers the usage, quoting nothing typed', async () => {
    await t.post(personalMessage('/cji report [x](http://evil.example)', from(PEOPLE.esInspector)));
    const [reply] = t.connector.sentActivities();
    expect(reply.body.text).to.equal(en('inspections.report.usage'));
  });
});
