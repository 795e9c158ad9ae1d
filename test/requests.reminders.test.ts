import { expect } from 'chai';
import { loadConfig } from '../server/config';
import { startApp, type RunningApp } from '../server/startApp';
import { postDueRequestReminders } from '../bot/requests/reminderJob';
import { listAudit } from '../src/audit/audit';
import { translator } from '../src/i18n/translate';
import { formatDate } from '../bot/cards/choices';
import { ConnectorStub } from './helpers/connectorStub';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { postActivity, tempDbPath } from './helpers/testApp';
import { activity } from './helpers/activities';
import { PEOPLE, from, manualClock, registerPeople } from './helpers/people';

const CHANNEL = '19:cooperation-general@thread.tacv2';
const en = translator('en');

describe('information request deadline reminders, through the outbox, across a restart', () => {
  const connector = new ConnectorStub();
  const dbPath = tempDbPath();
  // Thursday 3 Dec 2026: an urgent request to Portugal is due Monday 7 Dec, its working day before is Friday 4.
  const clock = manualClock('2026-12-03T10:00:00Z');
  let app: RunningApp;

  const start = async () => {
    // Only this test's request: the demo data's have deadlines, and reminders, of their own.
    app = await startApp(loadConfig({ PORT: '0', DB_PATH: dbPath, DEMO_DATA: 'never' }), { clock, outboxPollMs: 20, timedJobs: false });
    await app.outbox.idle();
  };
  const post = async (body: Record<string, unknown>) => (await postActivity(app.url, connector.url, body)).body;
  const deps = () => app.deps;
  const channelTexts = () =>
    connector
      .sentActivities()
      .filter((call) => call.conversationId === CHANNEL)
      .flatMap((call) => cardsOf(call.body))
      .map((card) => {
        assertValidCard(card);
        return JSON.stringify(card);
      });
  const remindersOf = (kind: 'due_soon' | 'overdue') => channelTexts().filter((text) => text.includes(en(`requests.reminder.${kind}.title`, { ref: 'RQ-2026-0001' })));

  before(async () => {
    await connector.start();
    registerPeople(connector);
    await start();
  });
  after(async () => {
    await app.stop();
    await connector.stop();
  });

  it('reminds the working day before the deadline and once it has passed, each exactly once', async () => {
    await post(activity('conversationUpdate.install.team'));
    const data = { formId: '00000000-0000-4000-8000-00000000c001', addressees: 'PT-ISS', companyIdentifier: 'PT599004002', companyName: 'Construções Atlântico Demo, Lda (fictional)', questions_accidents: 'ac.reported', urgency: 'urgent' };
    const body = await post(activity('invoke.cardAction.personal', { ...from(PEOPLE.esInspector), value: { action: { type: 'Action.Execute', verb: 'request.submit', data } } }));
    expect(JSON.stringify(body)).to.include('RQ-2026-0001');
    await app.outbox.idle();

    expect(postDueRequestReminders(deps())).to.deep.equal({ queued: 0, withoutChannel: 0 });
    clock.set('2026-12-04T08:00:00Z');
    expect(postDueRequestReminders(deps()).queued).to.equal(1);
    expect(postDueRequestReminders(deps()).queued).to.equal(0);
    await app.outbox.idle();

    // A restart on the same day (the job runs again at start) posts nothing more.
    await app.stop();
    await start();
    expect(postDueRequestReminders(deps()).queued).to.equal(0);
    await app.outbox.idle();
    const [dueSoon, ...more] = remindersOf('due_soon');
    expect(more).to.have.length(0);
    expect(dueSoon).to.include(en('requests.reminder.due_soon.line', { to: 'ISS (PT)', from: 'ITSS (ES)', ref: 'RQ-2026-0001', date: formatDate('2026-12-07', 'en') }));
    expect(dueSoon).to.not.include('Atlântico');

    // Monday is the deadline itself; Tuesday it has passed.
    clock.set('2026-12-07T08:00:00Z');
    expect(postDueRequestReminders(deps()).queued).to.equal(0);
    clock.set('2026-12-08T08:00:00Z');
    await app.stop();
    await start();
    postDueRequestReminders(deps());
    await app.outbox.idle();
    expect(remindersOf('overdue')).to.have.length(1);
    expect(remindersOf('due_soon')).to.have.length(1);
    expect(listAudit(app.db, { action: 'request.reminder_queued' }).map((e) => e.details?.kind)).to.deep.equal(['due_soon', 'overdue']);
  });
});
