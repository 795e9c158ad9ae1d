import { expect } from 'chai';
import type { TestApp } from './helpers/testApp';
import { startAppInChannel } from './helpers/teamsActions';
import { activity } from './helpers/activities';
import { assertValidCard } from './helpers/cardValidator';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';

const FORM = {
  formId: '00000000-0000-4000-8000-0000000000e1',
  companyName: 'Caixa Postal Demo Serviços, Lda (fictional)',
  identifierType0: 'pt_nipc',
  identifierValue0: '599004002',
  registrationCountry: 'PT',
  countriesConcerned: 'IT',
  fraudTypes: 'letterbox_company',
  urgency: 'urgent',
  summary: 'Workers posted to Italy from a mailbox office in Lisbon.',
};

describe('the message extension', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startAppInChannel();
  });
  afterEach(() => t.stop());

  it('lists companies matching a name typed in the compose box', async () => {
    const { status, body } = await t.post(activity('invoke.composeExtension.query', { value: { parameters: [{ name: 'query', value: 'Exemplo' }] } }));
    expect(status).to.equal(200);
    expect(body.composeExtension.type).to.equal('result');
    const titles = body.composeExtension.attachments.map((a: any) => a.preview.content.title);
    expect(titles.some((title: string) => /Exemplo/.test(title))).to.equal(true);
    expect(body.composeExtension.attachments[0].preview.content.tap).to.deep.include({ type: 'invoke' });
  });

  it('shows a company name as typed in the result list, with no HTML tag or entity a client could read in the title', async () => {
    // Reported through the dialog, the name is stored exactly as typed.
    const name = 'Zebulon <a href="http://evil.example">Lda</a> <b>x</b> &amp; <!-- c --> [x](http://evil.example)';
    const posted = await t.post(activity('invoke.composeExtension.submitAction', { value: { data: { ...FORM, companyName: name, identifierType0: 'other', identifierValue0: 'ZEB-77001', identifierCountry0: 'PT' } } }));
    expect(posted.body.task.type, 'the alert was posted').to.equal('message');
    const { body } = await t.post(activity('invoke.composeExtension.query', { value: { parameters: [{ name: 'query', value: 'Zebulon' }] } }));
    // The search finds the alert (newest) and the company; the company's line is its name alone.
    const result = body.composeExtension.attachments.find((attachment: any) => attachment.preview.content.tap.value.kind === 'company');
    for (const title of [result.preview.content.title, result.content.title, result.preview.content.tap.title]) {
      // What an HTML tokenizer starts a tag, comment or character reference with.
      expect(title).not.to.match(/<[a-z/!?]|&[a-z0-9#]/i);
      expect(title.replace(/\u2060/g, ''), 'the name unchanged but for invisible word joiners').to.equal(name);
    }
  });

  it('finds a company by an identifier typed with spaces', async () => {
    const { body } = await t.post(activity('invoke.composeExtension.query', { value: { parameters: [{ name: 'query', value: 'B 4999 0013' }] } }));
    expect(body.composeExtension.attachments).to.have.length(1);
  });

  it('says so in the user language when nothing matches', async () => {
    const { body } = await t.post(activity('invoke.composeExtension.query', { value: { parameters: [{ name: 'query', value: 'zzzzzz' }] } }));
    expect(body.composeExtension).to.deep.equal({ type: 'message', text: translator('it')('alerts.extension.noResults') });
  });

  it('inserts the dossier card of the chosen company and records the view', async () => {
    const { body: search } = await t.post(activity('invoke.composeExtension.query', { value: { parameters: [{ name: 'query', value: 'B49990013' }] } }));
    const { companyId } = search.composeExtension.attachments[0].preview.content.tap.value;
    const { body } = await t.post(activity('invoke.composeExtension.selectItem', { value: { companyId } }));
    const card = body.composeExtension.attachments[0].content;
    assertValidCard(card);
    expect(JSON.stringify(card)).to.include(translator('it')('alerts.dossier.title')).and.include('B49990013');
    expect(listAudit(t.app.db, { action: 'company.viewed' })).to.have.length(1);
  });

  it('opens the alert form in a dialog with the message text as summary', async () => {
    const { body } = await t.post(activity('invoke.composeExtension.fetchTask'));
    expect(body.task.type).to.equal('continue');
    const card = body.task.value.card.content;
    assertValidCard(card);
    const text = JSON.stringify(card);
    expect(text).to.include(translator('pt')('alerts.form.title'));
    expect(text).to.include('Empresa de obras com trabalhadores destacados sem PD A1; sede em Lisboa parece ser só uma caixa postal.');
    expect(text).to.include('"type":"Action.Submit"').and.not.include('Action.Execute');
  });

  it('shows the form again in the dialog when the submission is invalid, and posts the alert like /alert when valid', async () => {
    const invalid = await t.post(activity('invoke.composeExtension.submitAction', { value: { data: { ...FORM, summary: '' } } }));
    expect(invalid.body.task.type).to.equal('continue');
    expect(JSON.stringify(invalid.body.task.value.card.content)).to.include(translator('pt')('alerts.errors.required')).and.include(FORM.companyName);

    const valid = await t.post(activity('invoke.composeExtension.submitAction', { value: { data: FORM } }));
    // The one alert stored from this form (the demo's own alerts are there too).
    const stored = t.app.db.prepare('SELECT ref FROM alerts WHERE summary = ?').all(FORM.summary) as Array<{ ref: string }>;
    expect(stored).to.have.length(1);
    const { ref } = stored[0];
    expect(ref).to.match(new RegExp(`^AL-${new Date().getUTCFullYear()}-\\d{4}$`));
    expect(valid.body.task).to.deep.equal({ type: 'message', value: translator('pt')('alerts.posted.title', { ref }) });
    await t.app.outbox.idle();
    const post = t.connector.sentActivities().find((call) => call.replyToId === null)!;
    expect(JSON.stringify(post.body)).to.include(ref).and.include('alert.respond');
  });
});
