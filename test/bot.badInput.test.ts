import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { activity, personalMessage } from './helpers/activities';
import { startAppInChannel } from './helpers/teamsActions';
import { translator } from '../src/i18n/translate';
import { MESSAGE_MAX_LENGTH } from '../bot/app';
import { PRODUCTION_ENV } from './helpers/production';

function storeCounts(t: TestApp): Record<string, number> {
  return t.app.db
    .prepare(
      `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM conversation_references) AS conversations,
              (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM alerts) AS alerts`,
    )
    .get() as Record<string, number>;
}

async function postBody(t: TestApp, body: string) {
  const response = await fetch(`${t.app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

describe('bad input to /api/messages', function () {
  this.timeout(30_000);
  let t: TestApp;
  beforeEach(async () => {
    t = await startAppInChannel();
  });
  afterEach(async () => t?.stop());

  describe('a request that is not a usable activity', () => {
    const broken: Array<[string, unknown]> = [
      ['a JSON array', [activity('message.personal')]],
      ['a string', 'activity'],
      ['an activity without a type', { ...activity('message.personal'), type: undefined }],
      ['a numeric type', { ...activity('message.personal'), type: 7 }],
      ['a locale that is an array', { ...activity('message.personal'), locale: [] }],
      ['a null conversation', { ...activity('message.personal'), conversation: null }],
      ['a numeric serviceUrl', { ...activity('message.personal'), serviceUrl: -1 }],
      ['an invoke without a name', { ...activity('invoke.cardAction.personal'), name: undefined }],
      ['a mention without its bot id', { ...activity('message.channel.mention'), entities: [{ type: 'mention', text: '<at>Cooperation Desk</at>' }] }],
    ];
    for (const [what, body] of broken) {
      it(`answers ${what} with 400, runs no turn and stores nothing`, async () => {
        const before = storeCounts(t);
        const serviceUrl = body && typeof body === 'object' && !Array.isArray(body) && typeof (body as any).serviceUrl === 'string' ? { serviceUrl: t.connector.url } : {};
        const answer = await postBody(t, JSON.stringify(body && typeof body === 'object' && !Array.isArray(body) ? { ...body, ...serviceUrl } : body));
        expect(answer.status).to.equal(400);
        expect(JSON.parse(answer.text).error.code).to.equal('BadRequest');
        expect(t.connector.calls).to.have.length(0);
        expect(storeCounts(t)).to.deep.equal(before);
      });
    }

    it('does not echo the values it refused', async () => {
      const answer = await postBody(t, JSON.stringify({ ...activity('message.personal'), serviceUrl: t.connector.url, locale: ['<script>secret</script>'] }));
      expect(answer.status).to.equal(400);
      expect(answer.text).not.to.include('secret');
      expect(answer.text).to.include('locale');
    });
  });

  describe('invokes the app handles, with payloads it cannot use', () => {
    it('answers a button of an old card (unknown verb) with a localized Universal Action error, storing nothing', async () => {
      const before = storeCounts(t);
      const answer = await t.post(activity('invoke.cardAction.personal', { locale: 'fr-FR', value: { action: { type: 'Action.Execute', verb: 'alert.delete', data: { ref: 'AL-2024-0001' } } } }));
      expect(answer.status).to.equal(200);
      expect(answer.body).to.deep.equal({
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'cardOutOfDate', message: translator('fr')('errors.invoke.cardOutOfDate') },
      });
      expect(storeCounts(t)).to.deep.equal(before);
    });

    for (const [what, value] of [
      ['a null value', null],
      ['an action without a verb', { action: { type: 'Action.Execute', data: {} } }],
      ['card data that is not an object', { action: { type: 'Action.Execute', verb: 'alert.respond', data: 'AL-2024-0001' } }],
      ['card data with a nested object', { action: { type: 'Action.Execute', verb: 'alert.respond', data: { ref: { $ne: null } } } }],
    ] as const) {
      it(`answers a Universal Action with ${what} with a 400 error, not a 5xx`, async () => {
        const answer = await t.post({ ...activity('invoke.cardAction.personal', { locale: 'es-ES' }), value });
        expect(answer.status).to.equal(200);
        expect(answer.body.type).to.equal('application/vnd.microsoft.error');
        expect(answer.body.statusCode).to.equal(400);
        expect(answer.body.value.message).to.be.oneOf([translator('es')('errors.invoke.cardUnreadable'), translator('es')('errors.invoke.cardOutOfDate')]);
      });
    }

    it('answers an unknown message-extension command with a message result in the reader language', async () => {
      const answer = await t.post(activity('invoke.composeExtension.query', { value: { commandId: 'searchEverything' } }));
      expect(answer.status).to.equal(200);
      expect(answer.body).to.deep.equal({ composeExtension: { type: 'message', text: translator('it')('errors.invoke.extensionUnavailable') } });
    });

    it('answers a message-extension dialog with a null value with a dialog message', async () => {
      const answer = await t.post({ ...activity('invoke.composeExtension.fetchTask'), value: null });
      expect(answer.status).to.equal(200);
      expect(answer.body).to.deep.equal({ task: { type: 'message', value: translator('pt')('errors.invoke.extensionUnreadable') } });
    });

    it('answers task/fetch and task/submit, which no card of the app sends, with a dialog message', async () => {
      for (const name of ['task/fetch', 'task/submit']) {
        const answer = await t.post(activity('invoke.composeExtension.submitAction', { name, locale: 'en-GB' }));
        expect(answer.status).to.equal(200);
        expect(answer.body).to.deep.equal({ task: { type: 'message', value: translator('en')('errors.invoke.dialogUnavailable') } });
      }
    });

    it('keeps 501 for an invoke name it does not handle at all, without identifying anyone', async () => {
      const before = storeCounts(t);
      t.connector.clear();
      const answer = await t.post(activity('invoke.composeExtension.query', { name: 'config/fetch', from: { id: '29:new-user', aadObjectId: 'new-user' } }));
      expect(answer.status).to.equal(501);
      expect(t.connector.calls).to.have.length(0);
      expect(storeCounts(t)).to.deep.equal(before);
    });
  });

  it('refuses an oversized message with a localized answer instead of parsing it', async () => {
    const before = storeCounts(t);
    await t.post(personalMessage(`/alert ${'x'.repeat(MESSAGE_MAX_LENGTH)}`, { locale: 'pt-PT' }));
    const [reply] = t.connector.sentActivities();
    expect(reply.body.text).to.equal(translator('pt')('errors.messageTooLong', { length: MESSAGE_MAX_LENGTH + 7, max: MESSAGE_MAX_LENGTH }));
    expect(storeCounts(t).alerts).to.equal(before.alerts);
  });

  it('tells a Universal Action that the app failed, with a correlation id and no internals', async () => {
    t.app.db.close();
    const answer = await t.post(activity('invoke.cardAction.personal', { locale: 'fr-FR', value: { action: { type: 'Action.Execute', verb: 'alert.respond', data: { ref: 'AL-2024-0001', answer: 'known' } } } }));
    expect(answer.status).to.equal(200);
    expect(answer.body.type).to.equal('application/vnd.microsoft.error');
    expect(answer.body.statusCode).to.equal(500);
    const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(answer.body.value.message)?.[0];
    expect(answer.body.value.message).to.equal(translator('fr')('errors.unexpected', { correlationId: id }));
    expect(JSON.stringify(answer.body)).not.to.match(/database|sqlite|Error:/i);
    await t.app.stop().catch(() => undefined);
    t = await startTestApp();
  });
});

describe('the tab files', () => {
  it('serve the source map in local mode only', async () => {
    const local = await startTestApp();
    const production = await startTestApp({ env: PRODUCTION_ENV });
    try {
      expect((await fetch(`${local.app.url}/tab/main.js.map`)).status).to.equal(200);
      expect((await fetch(`${production.app.url}/tab/main.js.map`)).status).to.equal(404);
      expect((await fetch(`${production.app.url}/tab/main.js`)).status).to.equal(200);
    } finally {
      await local.stop();
      await production.stop();
    }
  });
});
