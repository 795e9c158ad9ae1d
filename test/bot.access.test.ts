import { expect } from 'chai';
import { TestAdapter, type Activity } from 'botbuilder';
import { startTestApp, tempDbPath, type TestApp } from './helpers/testApp';
import { activity, personalMessage } from './helpers/activities';
import { loadConfig } from '../server/config';
import { createBotApp } from '../bot/app';
import { createAdapter } from '../bot/adapter';
import { openDatabase, type Db } from '../src/store/database';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { systemClock } from '../src/clock';
import { translator } from '../src/i18n/translate';
import { ALLOWED_TENANT, PRODUCTION_ENV } from './helpers/production';


function rowCounts(db: Db) {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM conversation_references) AS conversations,
              (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM outbox) AS outbox`,
    )
    .get();
}

describe('production mode', () => {
  it('rejects a request to /api/messages without Bot Framework authentication with 401', async () => {
    const t = await startTestApp({ env: PRODUCTION_ENV });
    try {
      const { status } = await t.post(personalMessage('/help'));
      expect(status).to.equal(401);
      expect(t.connector.calls).to.have.length(0);
      expect(rowCounts(t.app.db)).to.deep.equal({ users: 0, conversations: 0, audit: 0, outbox: 0 });
    } finally {
      await t.stop();
    }
  });

  describe('behind authentication (in-process adapter)', () => {
    let db: Db;
    let adapter: TestAdapter;

    beforeEach(() => {
      db = openDatabase(tempDbPath());
      syncParticipants(db, loadParticipants());
      const config = loadConfig({ ...PRODUCTION_ENV, DB_PATH: ':memory:' });
      const app = createBotApp(createAdapter(config), { db, clock: systemClock, config, notify: () => undefined });
      adapter = new TestAdapter((context) => app.run(context).then(() => undefined));
    });
    afterEach(() => db.close());

    it('politely refuses a tenant that is not on the allowlist and stores nothing', async () => {
      const foreign = personalMessage('/help', {
        locale: 'fr-FR',
        conversation: { tenantId: '99999999-9999-4999-8999-999999999999' },
        channelData: { tenant: { id: '99999999-9999-4999-8999-999999999999' } },
      });
      await adapter.send(foreign as Partial<Activity>).assertReply(translator('fr')('errors.tenantNotAllowed'));
      expect(rowCounts(db)).to.deep.equal({ users: 0, conversations: 0, audit: 0, outbox: 0 });
    });

    it('does not install into a team of a foreign tenant', async () => {
      const install = activity('conversationUpdate.install.team', {
        conversation: { tenantId: '99999999-9999-4999-8999-999999999999' },
        channelData: { tenant: { id: '99999999-9999-4999-8999-999999999999' } },
      });
      await adapter.send(install as Partial<Activity>).startTest();
      expect(rowCounts(db)).to.deep.equal({ users: 0, conversations: 0, audit: 0, outbox: 0 });
    });

    it('refuses a user of an allowed tenant it cannot map to an authority, and stores nothing', async () => {
      await adapter.send(personalMessage('/help', { locale: 'it-IT' }) as Partial<Activity>).assertReply(translator('it')('errors.unmappedUser'));
      expect(rowCounts(db)).to.deep.equal({ users: 0, conversations: 0, audit: 0, outbox: 0 });
    });

    it('shows an unmapped user neither the alert form nor any alert, and stores nothing', async () => {
      await adapter.send(personalMessage('/alert PT599004002', { locale: 'es-ES' }) as Partial<Activity>).assertReply(translator('es')('errors.unmappedUser'));
      await adapter.send(personalMessage('/alerts') as Partial<Activity>).assertReply(translator('en')('errors.unmappedUser'));
      const submit = activity('invoke.cardAction.personal', { value: { action: { type: 'Action.Execute', verb: 'alert.submit', data: { formId: '00000000-0000-4000-8000-0000000000ff', companyName: 'X' } } } });
      await adapter.send(submit as Partial<Activity>).startTest();
      expect(rowCounts(db)).to.deep.equal({ users: 0, conversations: 0, audit: 0, outbox: 0 });
      expect((db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n).to.equal(0);
    });
  });
});

describe('mapping a Teams user to an authority', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.stop());

  it('maps by the e-mail domain the Bot Connector reports, and does not show the demo notice', async () => {
    t.connector.addMember({
      id: '29:1es-itss-inspector-0002',
      aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000002',
      email: 'inspector@mites.gob.es',
      userPrincipalName: 'inspector@mites.gob.es',
    });
    await t.post(personalMessage('/help'));
    const text = JSON.stringify(t.sentCards()[0]);
    expect(text).not.to.include(translator('en')('identity.localDemo', { authority: 'ACT', state: 'PT' }));
    const user = t.app.db.prepare('SELECT authority_id AS authorityId FROM users WHERE aad_object_id = ?').get('0a4d2f1e-1111-4a6b-9c0d-000000000002');
    expect(user).to.deep.equal({ authorityId: 'ES-ITSS' });
  });
});
