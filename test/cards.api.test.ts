import { expect } from 'chai';
import { activity } from './helpers/activities';
import { TEAMS_CARD_LIMIT_BYTES } from './helpers/cardValidator';
import { literalTexts, markdownTexts } from './helpers/cardText';
import { PEOPLE, from, type Person } from './helpers/people';
import { invokeCard, startAppInChannel } from './helpers/teamsActions';
import type { TestApp } from './helpers/testApp';
import { translator } from '../src/i18n/translate';
import { VALID_ALERT_FORM } from './helpers/alertForms';

const LINK = '[click me](http://evil.example/phish)';

const FORM = {
  ...VALID_ALERT_FORM,
  companyName: `Atlântico ${LINK} **Lda**`,
  fraudTypes: 'letterbox_company',
  summary: `Workers on two sites. Details: ${LINK} <at>Boss</at> {{DATE(2017-02-14T06:08:39Z, SHORT)}}`,
};

let forms = 0;
const formId = () => `00000000-0000-4000-8000-${String(++forms).padStart(12, '0')}`;

function submit(t: TestApp, person: Person, data: Record<string, string>, locale = 'en-GB') {
  return t.post(activity('invoke.cardAction.personal', { ...from(person), locale, value: { action: { type: 'Action.Execute', verb: 'alert.submit', data } } }));
}

/** Nothing typed reaches a markdown element; the typed link is there, as plain text. */
function expectLiteral(card: unknown): void {
  for (const text of markdownTexts(card)) expect(text).not.to.include('evil.example');
  expect(literalTexts(card).filter((text) => text.includes(LINK)).length).to.be.greaterThan(0);
}

describe('cards through /api/messages', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startAppInChannel();
  });
  afterEach(() => t.stop());

  it('posts an alert with a markdown link in its summary to the channel as plain text, and the dossier too', async () => {
    invokeCard(await submit(t, PEOPLE.ptInspector, { ...FORM, formId: formId() }));
    await t.app.outbox.idle();
    const channel = t.sentCards().find((card) => JSON.stringify(card).includes('"verb":"alert.respond"'));
    expect(channel, 'the alert card posted in the channel').to.exist;
    expectLiteral(channel);
    const companyId = /"companyId":"(\d+)"/.exec(JSON.stringify(channel))![1];
    const dossier = invokeCard(
      await t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.esInspector), value: { action: { type: 'Action.Execute', verb: 'company.dossier', data: { companyId } } } })),
    );
    expectLiteral(dossier);
  });

  it('refuses a 100,000-character summary and shows the form again with the first 2,000 only, saying so in French', async () => {
    const response = await submit(t, PEOPLE.frInspector, { ...FORM, summary: 'x'.repeat(100_000), formId: formId() }, 'fr-FR');
    expect(JSON.stringify(response.body).length).to.be.below(TEAMS_CARD_LIMIT_BYTES);
    const form = invokeCard(response);
    const text = JSON.stringify(form);
    expect(text).to.include(`"value":"${'x'.repeat(2000)}"`).and.not.to.include('x'.repeat(2001));
    expect(text).to.include(translator('fr')('cards.valueCut', { max: 2000 }));
  });
});
