import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../server/config';
import { startApp, type RunningApp } from '../server/startApp';
import { postDueReminders } from '../bot/inspections/reminderJob';
import { getInspection } from '../src/inspections/inspectionQueries';
import { remindersOf } from '../src/inspections/inspectionReminders';
import { listAudit } from '../src/audit/audit';
import { translator } from '../src/i18n/translate';
import { formatDate } from '../bot/cards/choices';
import { ConnectorStub } from './helpers/connectorStub';
import { cardsOf } from './helpers/cardValidator';
import { postActivity, tempDbPath } from './helpers/testApp';
import { activity } from './helpers/activities';
import { PEOPLE, from, manualClock, registerPeople } from './helpers/people';

const CHANNEL = '19:cooperation-general@thread.tacv2';
const en = translator('en');

/**
 * The app on a store that outlives it, talking to one connector stub across restarts (the stored
 * conversation keeps the stub's address), on a clock the test moves.
 */
class Deployment {
  readonly connector = new ConnectorStub();
  readonly dbPath = tempDbPath();
  readonly clock = manualClock('2026-03-02T09:00:00Z');
  app: RunningApp | null = null;
  private forms = 0;

  constructor(private readonly env: Record<string, string> = {}) {}

  async start(): Promise<RunningApp> {
    if (!this.connector.url) {
      await this.connector.start();
      registerPeople(this.connector);
    }
    // No demo data: its information requests have deadlines of their own, whose reminders this channel would get too.
    this.app = await startApp(loadConfig({ PORT: '0', DB_PATH: this.dbPath, DEMO_DATA: 'never', ...this.env }), { clock: this.clock, outboxPollMs: 20, timedJobs: false });
    await this.app.outbox.idle();
    return this.app;
  }

  async restart(): Promise<RunningApp> {
    await this.app!.stop();
    return this.start();
  }

  async post(body: Record<string, unknown>): Promise<any> {
    return (await postActivity(this.app!.url, this.connector.url, body)).body;
  }

  async install(): Promise<void> {
    await this.post(activity('conversationUpdate.install.team'));
    await this.app!.outbox.idle();
  }

  async schedule(overrides: Record<string, string> = {}): Promise<string> {
    const data = {
      formId: `00000000-0000-4000-8000-${String(++this.forms).padStart(12, '0')}`,
      kind: 'joint',
      hostState: 'ES',
      states: 'PT',
      authorities: 'PT-ACT',
      leadAuthority: 'ES-ITSS',
      city: 'Badajoz',
      placeState: 'ES',
      startDate: '2026-03-16',
      endDate: '2026-03-18',
      ...overrides,
    };
    const body = await this.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.esInspector), value: { action: { type: 'Action.Execute', verb: 'cji.submit', data } } }));
    const ref = /CJI-\d{4}-\d{3}/.exec(JSON.stringify(body))?.[0];
    if (!ref) throw new Error(`not scheduled: ${JSON.stringify(body).slice(0, 500)}`);
    await this.app!.outbox.idle();
    return ref;
  }

  async setStatus(ref: string, to: string, extra: Record<string, string> = {}): Promise<void> {
    const body = await this.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.esInspector), value: { action: { type: 'Action.Execute', verb: 'cji.status', data: { ref, to, ...extra } } } }));
    expect(body.type, JSON.stringify(body)).to.equal('application/vnd.microsoft.card.adaptive');
  }

  /** The reminder cards posted to the channel, by their title. */
  reminderTitles(): string[] {
    return this.connector
      .sentActivities()
      .filter((call) => call.conversationId === CHANNEL)
      .flatMap((call) => cardsOf(call.body))
      .filter((card: any) => JSON.stringify(card).includes('"style":"accent"') || JSON.stringify(card).includes('"style":"warning"'))
      .map((card: any) => card.body[0].items[0].text);
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    await this.connector.stop();
    fs.rmSync(path.dirname(this.dbPath), { recursive: true, force: true });
  }
}

const startsSoon = (ref: string, date: string) => en('inspections.reminder.startsSoonTitle', { ref, date: formatDate(date, 'en') });

describe('inspection reminders in the channel', () => {
  let d: Deployment;
  afterEach(() => d.stop());

  it('posts "starts soon" seven days before the first day, once, however often the job runs and the app restarts', async () => {
    d = new Deployment();
    await d.start();
    await d.install();
    const ref = await d.schedule();
    expect(postDueReminders(d.app!.deps)).to.deep.equal({ queued: 0, withoutChannel: 0 });
    d.clock.set('2026-03-08T23:59:00Z');
    expect(postDueReminders(d.app!.deps)).to.deep.equal({ queued: 0, withoutChannel: 0 });
    d.clock.set('2026-03-09T00:05:00Z');
    expect(postDueReminders(d.app!.deps)).to.deep.equal({ queued: 1, withoutChannel: 0 });
    expect(postDueReminders(d.app!.deps)).to.deep.equal({ queued: 0, withoutChannel: 0 });
    await d.app!.outbox.idle();
    await d.restart();
    expect(postDueReminders(d.app!.deps)).to.deep.equal({ queued: 0, withoutChannel: 0 });
    d.clock.set('2026-03-12T10:00:00Z');
    await d.restart();
    await d.app!.outbox.idle();
    expect(d.reminderTitles()).to.deep.equal([startsSoon(ref, '2026-03-16')]);
    const text = JSON.stringify(d.connector.sentActivities().find((call) => JSON.stringify(call.body).includes(startsSoon(ref, '2026-03-16')))!.body);
    expect(text).to.include(en('inspections.reminder.notAgreedYet')).and.include('"verb":"cji.show"');
    expect(listAudit(d.app!.db, { action: 'inspection.reminder_queued' }).map((e) => [e.subjectRef, e.details])).to.deep.equal([[ref, { kind: 'starts_soon', forDate: '2026-03-16' }]]);
  });

  it('posts a reminder that came due while the app was down at the next start, exactly once', async () => {
    d = new Deployment();
    await d.start();
    await d.install();
    const ref = await d.schedule();
    await d.app!.stop();
    d.clock.set('2026-03-10T07:00:00Z');
    await d.start();
    await d.app!.outbox.idle();
    expect(d.reminderTitles()).to.deep.equal([startsSoon(ref, '2026-03-16')]);
    await d.restart();
    await d.restart();
    await d.app!.outbox.idle();
    expect(d.reminderTitles()).to.have.length(1);
    expect(d.app!.db.prepare("SELECT count(*) AS n FROM outbox WHERE dedupe_key LIKE 'cji:%:reminder:%'").get()).to.deep.equal({ n: 1 });
  });

  it('reminds a postponed inspection of its new dates, and not one scheduled inside the reminder window', async () => {
    d = new Deployment();
    await d.start();
    await d.install();
    const ref = await d.schedule();
    d.clock.set('2026-03-10T07:00:00Z');
    postDueReminders(d.app!.deps);
    await d.setStatus(ref, 'postponed', { postponeStart: '2026-04-13', postponeEnd: '2026-04-15' });
    const late = await d.schedule({ city: 'Elvas', kind: 'concerted', placeState: 'PT', startDate: '2026-03-13', endDate: '2026-03-13' });
    d.clock.set('2026-04-06T07:00:00Z');
    await d.restart();
    await d.app!.outbox.idle();
    expect(d.reminderTitles()).to.deep.equal([startsSoon(ref, '2026-03-16'), startsSoon(ref, '2026-04-13')]);
    expect(remindersOf(d.app!.db, getInspection(d.app!.db, ref)!.id).map((r) => r.forDate)).to.deep.equal(['2026-03-16', '2026-04-13']);
    expect(remindersOf(d.app!.db, getInspection(d.app!.db, late)!.id)).to.deep.equal([]);
  });

  it('posts "report due" fourteen days after the end when no outcome was shared, and not once it was', async () => {
    d = new Deployment();
    await d.start();
    await d.install();
    const unreported = await d.schedule();
    const reported = await d.schedule({ city: 'Mérida' });
    d.clock.set('2026-03-05T09:00:00Z');
    for (const ref of [unreported, reported]) await d.setStatus(ref, 'agreed');
    d.clock.set('2026-03-17T09:00:00Z');
    for (const ref of [unreported, reported]) await d.setStatus(ref, 'carried_out');
    await d.post(
      activity('invoke.cardAction.personal', {
        ...from(PEOPLE.esInspector),
        value: { action: { type: 'Action.Execute', verb: 'cji.report', data: { ref: reported, formId: '00000000-0000-4000-8000-0000000000ff', companiesInspected: '3', workersChecked: '12', followUp: 'None.', reportReference: 'R-1' } } },
      }),
    );
    d.clock.set('2026-03-31T23:00:00Z');
    expect(postDueReminders(d.app!.deps).queued).to.equal(0);
    d.clock.set('2026-04-01T00:30:00Z');
    expect(postDueReminders(d.app!.deps).queued).to.equal(1);
    await d.restart();
    await d.app!.outbox.idle();
    // The "starts soon" moment (9 March) passed while nobody ran the job: it is not posted after the start.
    expect(d.reminderTitles()).to.deep.equal([en('inspections.reminder.reportDueTitle', { ref: unreported })]);
    const card = d.connector.sentActivities().map((call) => JSON.stringify(call.body)).find((body) => body.includes(en('inspections.reminder.reportDueTitle', { ref: unreported })))!;
    expect(card).to.include('"verb":"cji.reportForm"').and.include(`/cji report ${unreported}`);
  });

  it('follows CJI_REMINDER_DAYS_BEFORE and CJI_REPORT_DUE_DAYS, and refuses values that make no sense', async () => {
    expect(loadConfig({}).inspectionReminders).to.deep.equal({ daysBefore: 7, reportDueDays: 14 });
    expect(loadConfig({ CJI_REMINDER_DAYS_BEFORE: '3', CJI_REPORT_DUE_DAYS: '30' }).inspectionReminders).to.deep.equal({ daysBefore: 3, reportDueDays: 30 });
    for (const env of [{ CJI_REMINDER_DAYS_BEFORE: '0' }, { CJI_REPORT_DUE_DAYS: 'two weeks' }]) {
      expect(() => loadConfig(env)).to.throw(ConfigError, Object.keys(env)[0]);
    }
    d = new Deployment({ CJI_REMINDER_DAYS_BEFORE: '3' });
    await d.start();
    await d.install();
    await d.schedule();
    d.clock.set('2026-03-12T09:00:00Z');
    expect(postDueReminders(d.app!.deps).queued).to.equal(0);
    d.clock.set('2026-03-13T09:00:00Z');
    expect(postDueReminders(d.app!.deps).queued).to.equal(1);
  });

  it('records a reminder that came due without a cooperation channel, and does not post it late', async () => {
    d = new Deployment();
    await d.start();
    const ref = await d.schedule();
    d.clock.set('2026-03-10T09:00:00Z');
    expect(postDueReminders(d.app!.deps)).to.deep.equal({ queued: 0, withoutChannel: 1 });
    await d.install();
    expect(postDueReminders(d.app!.deps)).to.deep.equal({ queued: 0, withoutChannel: 0 });
    expect(remindersOf(d.app!.db, getInspection(d.app!.db, ref)!.id)).to.deep.equal([{ kind: 'starts_soon', forDate: '2026-03-16', outcome: 'no_channel' }]);
  });
});
