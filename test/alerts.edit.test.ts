import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { postActivity, startTestApp, tempDbPath, type TestApp } from './helpers/testApp';
import { ConnectorStub } from './helpers/connectorStub';
import { loadConfig } from '../server/config';
import { startApp } from '../server/startApp';
import { activity, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, manualClock, registerPeople, type Person } from './helpers/people';
import { clickOnChannelCard, installInChannel, invokeCard, invokeMessage, postedMessageId } from './helpers/teamsActions';
import { VALID_ALERT_FORM } from './helpers/alertForms';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { getAlert } from '../src/alerts/alertQueries';
import { applyAlertRetention } from '../src/alerts/alertRetention';
import { storedValues } from '../bot/alerts/alertEditForm';
import { formatDate } from '../bot/cards/choices';

const en = translator('en');
const fr = translator('fr');
const es = translator('es');

/** A second member of the reporting authority (PT-ACT), made its state's coordinator in the test that needs one. */
const PT_COORDINATOR = { id: '29:1pt-act-coordinator-0009', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000009', email: 'coordinator.pt@act.gov.pt', authority: 'PT-ACT' } as unknown as Person;

let forms = 0;
const freshFormId = () => `00000000-0000-4000-8000-${String(++forms).padStart(12, '0')}`;

/** Posts an alert as PT-ACT's inspector and returns its reference and the channel post's id. */
async function postAlert(t: TestApp, overrides: Record<string, string> = {}) {
  const response = await t.post(
    activity('invoke.cardAction.personal', {
      ...from(PEOPLE.ptInspector),
      value: { action: { type: 'Action.Execute', verb: 'alert.submit', data: { ...VALID_ALERT_FORM, formId: freshFormId(), ...overrides } } },
    }),
  );
  const ref = /AL-\d{4}-\d{4}/.exec(JSON.stringify(invokeCard(response)))![0];
  await t.app.outbox.idle();
  return { ref, messageId: postedMessageId(t, `alert:${ref}:posted`) };
}

/** The edit form's inputs as stored now, with some changed: what a person submits after typing. */
function editData(t: TestApp, ref: string, changes: Record<string, string>, version?: number) {
  const alert = getAlert(t.app.db, ref)!;
  return { ...storedValues(alert), ...changes, ref, version: String(version ?? alert.version) };
}

/** The last card the channel's post was updated to, checked at 1.5 and for size. */
function lastChannelUpdate(t: TestApp, messageId: string): string {
  const updates = t.connector.updates().filter((call) => call.activityId === messageId);
  expect(updates.length, 'channel post updated').to.be.greaterThan(0);
  const card = cardsOf(updates[updates.length - 1].body)[0];
  assertValidCard(card);
  return JSON.stringify(card);
}

const readerView = (t: TestApp, person: Person, messageId: string, kind: string, subject: string, locale: string) =>
  clickOnChannelCard(t, person, messageId, 'channel.readerView', { kind, subject }, locale);

describe('correcting and withdrawing a posted alert', () => {
  let t: TestApp;
  const clock = manualClock('2026-03-02T09:00:00Z');
  beforeEach(async () => {
    clock.set('2026-03-02T09:00:00Z');
    t = await startTestApp({ clock });
    registerPeople(t.connector);
    await installInChannel(t);
  });
  afterEach(() => t.stop());

  it('lets its author correct the countries concerned from the channel card, the change history on the card for everyone and in French', async () => {
    const { ref, messageId } = await postAlert(t);
    const form = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.edit', { ref, version: '1' })));
    expect(form).to.include(en('alertEdit.form.title', { ref })).and.include('"verb":"alert.saveEdit"').and.include('"verb":"alert.withdraw"');
    expect(form).to.include(VALID_ALERT_FORM.summary).and.include('"value":"ES,FR"');
    // Opening the form changes nothing, for anyone.
    expect(t.connector.updates()).to.have.length(0);

    clock.set('2026-03-03T10:00:00Z');
    const saved = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.saveEdit', editData(t, ref, { countriesConcerned: 'ES,FR,IT' }))));
    const history = en('alertEdit.card.editedLine', { date: formatDate('2026-03-03', 'en'), by: 'ACT (PT)', changes: `${en('alertEdit.change.countriesConcerned')} + IT` });
    expect(saved).to.include(history);
    expect(lastChannelUpdate(t, messageId)).to.include(history).and.include('"verb":"alert.edit"');
    expect(getAlert(t.app.db, ref)!.countriesConcerned).to.deep.equal(['ES', 'FR', 'IT']);

    const french = JSON.stringify(invokeCard(await readerView(t, PEOPLE.frInspector, messageId, 'alert', ref, 'fr-FR')));
    expect(french).to.include(fr('alertEdit.card.editedLine', { date: formatDate('2026-03-03', 'fr'), by: 'ACT (PT)', changes: `${fr('alertEdit.change.countriesConcerned')} + IT` }));
    const audit = listAudit(t.app.db, { action: 'alert.edited', subjectRef: ref });
    expect(audit).to.have.length(1);
    expect(audit[0].details).to.deep.include({ changes: [{ field: 'countriesConcerned', added: ['IT'], removed: [] }] });
  });

  it('checks corrected identifiers as on creation and keeps what was typed', async () => {
    const { ref, messageId } = await postAlert(t);
    const refused = invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.saveEdit', editData(t, ref, { identifierValue0: '599 004 003', summary: 'Corrected summary, kept.' }), 'es-ES'));
    const text = JSON.stringify(refused);
    expect(text).to.include('599 004 003').and.include('Corrected summary, kept.').and.include(es('alertEdit.form.fixErrors'));
    expect(getAlert(t.app.db, ref)!.summary).to.equal(VALID_ALERT_FORM.summary);
    expect(t.connector.updates()).to.have.length(0);
  });

  it('refuses the correction and the withdrawal to another authority, in its language, and changes nothing', async () => {
    const { ref, messageId } = await postAlert(t);
    const state = 'PT';
    expect(invokeMessage(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'alert.edit', { ref, version: '1' }, 'es-ES'))).to.equal(es('alertEdit.errors.notAllowed', { ref, state }));
    expect(invokeMessage(await clickOnChannelCard(t, PEOPLE.frInspector, messageId, 'alert.saveEdit', editData(t, ref, { urgency: 'urgent' }), 'fr-FR'))).to.equal(fr('alertEdit.errors.notAllowed', { ref, state }));
    expect(invokeMessage(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'alert.withdraw', { ref, version: '1', reason: 'Not mine' }, 'es-ES'))).to.equal(es('alertEdit.errors.notAllowed', { ref, state }));
    // A coordinator of another state is refused too.
    await t.post(personalMessage('/help', from(PEOPLE.itInspector)));
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(PEOPLE.itInspector.aadObjectId);
    expect(invokeMessage(await clickOnChannelCard(t, PEOPLE.itInspector, messageId, 'alert.saveEdit', editData(t, ref, { urgency: 'urgent' })))).to.equal(en('alertEdit.errors.notAllowed', { ref, state }));
    expect(getAlert(t.app.db, ref)).to.include({ version: 1, urgency: 'priority', status: 'open' });
    expect(listAudit(t.app.db, { action: 'alert.edited', subjectRef: ref })).to.have.length(0);
  });

  it('lets a coordinator of the reporting state correct the urgency, which moves the deadline for answers', async () => {
    const { ref, messageId } = await postAlert(t);
    t.connector.addMember({ id: PT_COORDINATOR.id, aadObjectId: PT_COORDINATOR.aadObjectId, email: PT_COORDINATOR.email, userPrincipalName: PT_COORDINATOR.email, name: 'PT-ACT' });
    await t.post(personalMessage('/help', from(PT_COORDINATOR)));
    t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run(PT_COORDINATOR.aadObjectId);
    // Priority: 5 working days of Portugal from Monday 2 March.
    expect(getAlert(t.app.db, ref)!.answersDueOn).to.equal('2026-03-09');
    const card = JSON.stringify(invokeCard(await clickOnChannelCard(t, PT_COORDINATOR, messageId, 'alert.saveEdit', editData(t, ref, { urgency: 'urgent' }), 'pt-PT')));
    const pt = translator('pt');
    expect(card).to.include(pt('alertEdit.change.urgency', { from: pt('alerts.urgency.priority'), to: pt('alerts.urgency.urgent') }));
    expect(card).to.include(pt('alertEdit.card.answersDue', { date: formatDate('2026-03-04', 'pt') }));
    expect(getAlert(t.app.db, ref)).to.include({ urgency: 'urgent', answersDueOn: '2026-03-04' });
  });

  it('withdraws an alert with a reason: shown as withdrawn for everyone, no more answers, audited, then deleted by retention', async () => {
    const { ref, messageId } = await postAlert(t);
    const noReason = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.withdraw', { ...editData(t, ref, {}), reason: '  ' }, 'fr-FR')));
    expect(noReason).to.include(fr('alertEdit.errors.reasonRequired'));
    expect(getAlert(t.app.db, ref)!.status).to.equal('open');

    const reason = 'Sent twice: see AL-2026-0009.';
    const withdrawn = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.withdraw', { ...editData(t, ref, {}), reason })));
    const line = en('alertEdit.card.withdrawnLine', { date: formatDate('2026-03-02', 'en'), by: 'ACT (PT)', reason });
    expect(withdrawn).to.include(line).and.include(en('alertEdit.card.withdrawn')).and.not.include('"verb":"alert.respond"').and.not.include('"verb":"alert.edit"');
    expect(lastChannelUpdate(t, messageId)).to.include(line);
    const french = JSON.stringify(invokeCard(await readerView(t, PEOPLE.frInspector, messageId, 'alert', ref, 'fr-FR')));
    expect(french).to.include(fr('alertEdit.card.withdrawnLine', { date: formatDate('2026-03-02', 'fr'), by: 'ACT (PT)', reason }));
    expect(invokeMessage(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'alert.respond', { ref, answer: 'known' }))).to.equal(en('alerts.errors.alreadyClosed', { ref }));
    expect(invokeMessage(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.edit', { ref, version: '2' }))).to.equal(en('alertEdit.errors.withdrawn', { ref }));
    expect(listAudit(t.app.db, { action: 'alert.withdrawn', subjectRef: ref })).to.have.length(1);

    // Kept for the audit, hidden and then deleted as any closed alert.
    clock.set('2026-09-10T00:00:00Z');
    applyAlertRetention(t.app.db, clock);
    expect(getAlert(t.app.db, ref)).to.include({ summary: null, personalDataHidden: true });
    expect(getAlert(t.app.db, ref)!.withdrawal).to.include({ reason: null });
    clock.set('2029-03-10T00:00:00Z');
    applyAlertRetention(t.app.db, clock);
    expect(getAlert(t.app.db, ref)).to.equal(null);
  });

  it('refuses a correction from a form older than the alert, showing it again with the typed values and the current version', async () => {
    const { ref, messageId } = await postAlert(t);
    await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'alert.respond', { ref, answer: 'known' });
    const stale = invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.saveEdit', editData(t, ref, { summary: 'My corrected summary.' }, 1)));
    const text = JSON.stringify(stale);
    expect(text).to.include(en('alertEdit.errors.stale', { ref })).and.include('My corrected summary.').and.include('"version":"2"');
    expect(getAlert(t.app.db, ref)).to.include({ summary: VALID_ALERT_FORM.summary, version: 2 });
    // Sent again from the form it got back, it applies.
    const applied = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.saveEdit', editData(t, ref, { summary: 'My corrected summary.' }, 2))));
    expect(applied).to.include(en('alertEdit.change.summary'));
    expect(getAlert(t.app.db, ref)!.summary).to.equal('My corrected summary.');
  });

  it('keeps the answers given before a correction, marked so, and shows who has not answered yet with the deadline', async () => {
    const { ref, messageId } = await postAlert(t, { urgency: 'urgent' });
    const posted = JSON.stringify(cardsOf(t.connector.sentActivities().find((call) => JSON.stringify(call.body).includes(ref))!.body)[0]);
    expect(posted).to.include(en('alertEdit.card.answersDue', { date: formatDate('2026-03-04', 'en') }));
    expect(posted).to.include('ES · ITSS').and.include('FR · URSSAF').and.include(en('alertEdit.card.notAnswered', { authorities: '' }).trim());
    clock.set('2026-03-02T10:00:00Z');
    await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'alert.respond', { ref, answer: 'known' });
    clock.set('2026-03-02T11:00:00Z');
    await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.saveEdit', editData(t, ref, { fraudTypes: 'letterbox_company' }));
    clock.set('2026-03-02T12:00:00Z');
    const card = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.frInspector, messageId, 'alert.respond', { ref, answer: 'no_record' })));
    expect(card).to.include(`${en('alerts.answer.known')} ${en('alertEdit.card.beforeEdit')}`);
    expect(card).to.include(`"${en('alerts.answer.no_record')}"`);
    const alert = getAlert(t.app.db, ref)!;
    expect(alert.responses.map((r) => [r.authorityId, r.beforeEdit])).to.deep.equal([['ES-ITSS', true], ['FR-URSSAF', false]]);
    expect(alert.notAnswered.map((a) => a.id)).to.not.include('ES-ITSS').and.not.include('FR-URSSAF');
    const french = JSON.stringify(invokeCard(await readerView(t, PEOPLE.frInspector, messageId, 'alert', ref, 'fr-FR')));
    expect(french).to.include(`${fr('alerts.answer.known')} ${fr('alertEdit.card.beforeEdit')}`).and.include(fr('alertEdit.card.answersDue', { date: formatDate('2026-03-04', 'fr') }));
  });
});

describe('the reminder when the deadline for answers passes', () => {
  it('replies once in the alert thread, after the deadline, across restarts, naming who has not answered', async () => {
    // One store and one connector stub across restarts (the stored channel keeps the stub's address), on a clock the test moves.
    const clock = manualClock('2026-03-02T09:00:00Z');
    const connector = await new ConnectorStub().start();
    registerPeople(connector);
    const dbPath = tempDbPath();
    const config = loadConfig({ PORT: '0', DB_PATH: dbPath });
    let app = await startApp(config, { clock, outboxPollMs: 20, timedJobs: false });
    const t = {
      get app() {
        return app;
      },
      connector,
      post: (body: Record<string, unknown>) => postActivity(app.url, connector.url, body),
    } as unknown as TestApp;
    const restart = async () => {
      await app.stop();
      app = await startApp(config, { clock, outboxPollMs: 20, timedJobs: false });
      await app.outbox.idle();
    };
    try {
      await installInChannel(t);
      const { ref, messageId } = await postAlert(t, { urgency: 'urgent' });
      await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'alert.respond', { ref, answer: 'known' });
      const replies = () => connector.sentActivities().filter((call) => call.path.endsWith(`/activities/${messageId}`));

      // Urgent: two working days of Portugal, so Wednesday 4 March; not passed on that day.
      clock.set('2026-03-04T22:00:00Z');
      await restart();
      expect(replies()).to.have.length(0);

      clock.set('2026-03-05T08:00:00Z');
      await restart();
      await restart();
      expect(replies()).to.have.length(1);
      const card = cardsOf(replies()[0].body)[0];
      assertValidCard(card);
      const text = JSON.stringify(card);
      expect(text).to.include(en('alertEdit.reminder.title', { ref })).and.include(en('alertEdit.reminder.body', { ref, company: VALID_ALERT_FORM.companyName, date: formatDate('2026-03-04', 'en') }));
      expect(text).to.include('FR · URSSAF').and.not.include('ES · ITSS');
      expect(replies()[0].body.replyToId).to.equal(messageId);
      expect(listAudit(app.db, { action: 'alert.answers_reminder_queued' })).to.have.length(1);

      // A reader sees it in French.
      const reminderId = postedMessageId(t, `alert-reminder:${ref}|2026-03-04`);
      const french = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.frInspector, reminderId, 'channel.readerView', { kind: 'alert-reminder', subject: `${ref}|2026-03-04` }, 'fr-FR')));
      expect(french).to.include(fr('alertEdit.reminder.title', { ref })).and.include(fr('alertEdit.reminder.body', { ref, company: VALID_ALERT_FORM.companyName, date: formatDate('2026-03-04', 'fr') }));
      clock.set('2026-03-12T08:00:00Z');
      await restart();
      expect(replies()).to.have.length(1);
    } finally {
      await app.stop();
      await connector.stop();
      fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
    }
  });
});
