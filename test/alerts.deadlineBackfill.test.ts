import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { postActivity, tempDbPath, type TestApp } from './helpers/testApp';
import { ConnectorStub } from './helpers/connectorStub';
import { loadConfig } from '../server/config';
import { startApp, type RunningApp } from '../server/startApp';
import { activity } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, manualClock, registerPeople } from './helpers/people';
import { installInChannel, invokeCard, postedMessageId } from './helpers/teamsActions';
import { VALID_ALERT_FORM } from './helpers/alertForms';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { getAlert } from '../src/alerts/alertQueries';
import { answersDueOn } from '../src/alerts/answerDeadlines';
import { backfillAnswerDeadlines } from '../src/alerts/answerDeadlineBackfill';
import { formatDate } from '../bot/cards/choices';

const en = translator('en');
let forms = 0;
const freshFormId = () => `00000000-0000-4000-8000-${String(++forms).padStart(12, '0')}`;

describe('deadlines for the answers to alerts posted before deadlines existed', () => {
  // One store and one connector stub across restarts, on a clock the test moves.
  const clock = manualClock('2026-03-02T09:00:00Z');
  let connector: ConnectorStub;
  let app: RunningApp;
  let dbPath: string;
  let t: TestApp;
  const config = () => loadConfig({ PORT: '0', DB_PATH: dbPath, DEMO_DATA: 'never' });

  beforeEach(async () => {
    clock.set('2026-03-02T09:00:00Z');
    connector = await new ConnectorStub().start();
    registerPeople(connector);
    dbPath = tempDbPath();
    app = await startApp(config(), { clock, outboxPollMs: 20, timedJobs: false });
    t = {
      get app() {
        return app;
      },
      connector,
      post: (body: Record<string, unknown>) => postActivity(app.url, connector.url, body),
    } as unknown as TestApp;
    await installInChannel(t);
  });
  afterEach(async () => {
    await app.stop();
    await connector.stop();
    fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
  });

  const restart = async () => {
    await app.stop();
    app = await startApp(config(), { clock, outboxPollMs: 20, timedJobs: false });
    await app.outbox.idle();
  };

  async function postAlert(at: string, overrides: Record<string, string>): Promise<string> {
    clock.set(at);
    // The same company each time: from the second alert on, added to it as the form offers.
    const companyId = (app.db.prepare('SELECT id FROM companies ORDER BY id LIMIT 1').get() as { id: number } | undefined)?.id;
    const response = await t.post(
      activity('invoke.cardAction.personal', {
        ...from(PEOPLE.ptInspector),
        value: { action: { type: 'Action.Execute', verb: 'alert.submit', data: { ...VALID_ALERT_FORM, formId: freshFormId(), ...overrides, ...(companyId ? { companyChoice: `existing:${companyId}` } : {}) } } },
      }),
    );
    invokeCard(response);
    await app.outbox.idle();
    // The newest alert: the card also names the company's earlier alerts.
    return (app.db.prepare('SELECT ref FROM alerts ORDER BY id DESC LIMIT 1').get() as { ref: string }).ref;
  }

  /** The store as a build from before deadlines left it: these alerts without one. */
  const asBeforeDeadlines = (...refs: string[]) => {
    for (const ref of refs) app.db.prepare('UPDATE alerts SET answers_due_on = NULL WHERE ref = ?').run(ref);
  };

  const threadReplies = (ref: string) => {
    const messageId = postedMessageId(t, `alert:${ref}:posted`);
    return connector.sentActivities().filter((call) => call.path.endsWith(`/activities/${messageId}`));
  };

  it('gives each open urgent or priority alert the deadline of its creation day and urgency, in working days with the public holidays, at start, once', async () => {
    const urgent = await postAlert('2026-03-02T09:00:00Z', { urgency: 'urgent' });
    // Thursday 2 April 2026: Good Friday is a public holiday in Portugal, so 5 working days end on Friday 10 April, not Thursday 9.
    const overEaster = await postAlert('2026-04-02T09:00:00Z', { urgency: 'priority' });
    const routine = await postAlert('2026-04-02T10:00:00Z', { urgency: 'routine' });
    const closed = await postAlert('2026-04-02T11:00:00Z', { urgency: 'urgent' });
    app.db.prepare("UPDATE alerts SET status = 'closed', outcome = 'confirmed', closed_at = ? WHERE ref = ?").run('2026-04-02T12:00:00.000Z', closed);
    asBeforeDeadlines(urgent, overEaster, routine, closed);

    clock.set('2026-04-03T08:00:00Z');
    await restart();
    expect(getAlert(app.db, urgent)!.answersDueOn).to.equal('2026-03-04');
    expect(getAlert(app.db, overEaster)!.answersDueOn).to.equal('2026-04-10').and.equal(answersDueOn('priority', '2026-04-02T09:00:00Z', 'PT'));
    expect(getAlert(app.db, routine)!.answersDueOn).to.equal(null);
    expect(getAlert(app.db, closed)!.answersDueOn).to.equal(null);
    const audit = listAudit(app.db, { action: 'alert.answer_deadline_backfilled' });
    expect(audit.map((entry) => [entry.subjectRef, entry.details])).to.have.deep.members([
      [urgent, { answersDueOn: '2026-03-04', passedAtBackfill: true }],
      [overEaster, { answersDueOn: '2026-04-10', passedAtBackfill: false }],
    ]);

    // The card shows the deadline like a new alert's, once it is drawn again (a reader's view here).
    const card = JSON.stringify(invokeCard(await t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.frInspector), value: { action: { type: 'Action.Execute', verb: 'alert.show', data: { ref: overEaster } } } }))));
    expect(card).to.include(en('alertEdit.card.answersDue', { date: formatDate('2026-04-10', 'en') }));

    await restart();
    expect(listAudit(app.db, { action: 'alert.answer_deadline_backfilled' })).to.have.length(2);
    expect(backfillAnswerDeadlines(app.db, clock)).to.deep.equal({ given: 0, passed: 0 });
  });

  it('posts no reminder for a deadline that had passed when it was given, and one, once, for a deadline that passes later', async () => {
    const old = await postAlert('2026-03-02T09:00:00Z', { urgency: 'urgent' });
    const recent = await postAlert('2026-04-02T09:00:00Z', { urgency: 'priority' });
    asBeforeDeadlines(old, recent);

    // The upgrade: the first start with deadlines, long after the old alert's.
    clock.set('2026-04-03T08:00:00Z');
    await restart();
    expect(threadReplies(old)).to.have.length(0);
    expect(threadReplies(recent)).to.have.length(0);
    expect(app.db.prepare('SELECT for_date AS forDate, outcome FROM alert_answer_reminders').all()).to.deep.equal([{ forDate: '2026-03-04', outcome: 'passed_before_backfill' }]);
    expect(listAudit(app.db, { action: 'alert.answers_reminder_queued' })).to.have.length(0);

    // The recent alert's backfilled deadline passes like any other: reminded of once, the old one still not.
    clock.set('2026-04-13T08:00:00Z');
    await restart();
    await restart();
    expect(threadReplies(old)).to.have.length(0);
    const replies = threadReplies(recent);
    expect(replies).to.have.length(1);
    const reminder = cardsOf(replies[0].body)[0];
    assertValidCard(reminder);
    expect(JSON.stringify(reminder)).to.include(en('alertEdit.reminder.body', { ref: recent, company: VALID_ALERT_FORM.companyName, date: formatDate('2026-04-10', 'en') }));
    expect(listAudit(app.db, { action: 'alert.answers_reminder_queued' }).map((entry) => entry.subjectRef)).to.deep.equal([recent]);
  });
});
