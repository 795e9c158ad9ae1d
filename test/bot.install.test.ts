import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { activity } from './helpers/activities';
import { findCooperationChannel } from '../src/conversations/conversationReferences';
import { listAudit } from '../src/audit/audit';
import { translator } from '../src/i18n/translate';

describe('installing the app in a team', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.stop());

  it('stores the channel as the cooperation channel and posts the welcome card there once', async () => {
    await t.post(activity('conversationUpdate.install.team'));
    await t.post(activity('conversationUpdate.install.team'));
    await t.connector.waitFor((calls) => calls.some((c) => c.method === 'POST' && c.path.includes('/activities')));
    await t.app.outbox.idle();
    const posts = t.connector.sentActivities();
    expect(posts).to.have.length(1);
    expect(posts[0].conversationId).to.equal('19:cooperation-general@thread.tacv2');
    expect(posts[0].replyToId).to.equal(null);
    expect(JSON.stringify(t.sentCards()[0])).to.include(translator('en')('welcome.title'));

    const channel = findCooperationChannel(t.app.db);
    expect(channel).to.include({ conversationId: '19:cooperation-general@thread.tacv2', kind: 'channel', teamId: '19:cooperation-team@thread.tacv2' });
    expect(channel!.welcomedAt).to.be.a('string');
    expect(listAudit(t.app.db, { action: 'conversation.installed' })).to.have.length(1);
  });

  it('welcomes in the language of the installing user', async () => {
    await t.post(activity('conversationUpdate.install.team', { locale: 'pt-PT' }));
    await t.connector.waitFor((calls) => calls.some((c) => c.method === 'POST'));
    expect(JSON.stringify(t.sentCards()[0])).to.include(translator('pt')('welcome.title'));
  });

  it('keeps the first channel as the cooperation channel when installed in a second team', async () => {
    await t.post(activity('conversationUpdate.install.team'));
    await t.post(
      activity('conversationUpdate.install.team', {
        conversation: { id: '19:other-general@thread.tacv2' },
        channelData: { team: { id: '19:other-team@thread.tacv2' }, channel: { id: '19:other-general@thread.tacv2' } },
      }),
    );
    await t.connector.waitFor((calls) => calls.filter((c) => c.method === 'POST').length === 2);
    expect(findCooperationChannel(t.app.db)!.conversationId).to.equal('19:cooperation-general@thread.tacv2');
  });

  it('ignores members other than the bot joining the team', async () => {
    await t.post(activity('conversationUpdate.install.team', { membersAdded: [{ id: '29:someone-else' }] }));
    await t.app.outbox.idle();
    expect(t.connector.sentActivities()).to.have.length(0);
    expect(findCooperationChannel(t.app.db)).to.equal(null);
  });
});
