import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/database';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { resolveMember } from '../src/identity/members';
import { validateAlertDraft } from '../src/alerts/alertInput';
import { createAlert } from '../src/alerts/createAlert';
import { respondToAlert } from '../src/alerts/respondToAlert';
import { outboxState } from '../src/outbox/outbox';
import { manualClock, PEOPLE, from } from './helpers/people';
import { tempDbPath, type TestApp } from './helpers/testApp';
import { activity } from './helpers/activities';
import { invokeCard, startAppInChannel } from './helpers/teamsActions';
import { ALERT_DRAFT, refusalKeys } from './helpers/domainSamples';
import { VALID_ALERT_FORM } from './helpers/alertForms';

type EventRow = { type: string; ref: string; payload: string };
const events = (db: Db) => db.prepare('SELECT type, subject_ref AS ref, payload_json AS payload FROM domain_events ORDER BY id').all() as EventRow[];

function alertInput() {
  const checked = validateAlertDraft(ALERT_DRAFT);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.input;
}

describe('domain events', () => {
  describe('written by the commands', () => {
    let db: Db;
    let file: string;
    const clock = manualClock('2026-02-10T09:00:00Z');
    beforeEach(() => {
      file = tempDbPath();
      db = openDatabase(file);
      syncParticipants(db, loadParticipants());
    });
    afterEach(() => {
      db.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    });

    it('are written with the change, and a refused change writes none', async () => {
      const pt = resolveMember(db, clock, { ...PEOPLE.ptInspector, tenantId: null })!;
      const es = resolveMember(db, clock, { ...PEOPLE.esInspector, tenantId: null })!;
      const created = await createAlert(db, clock, pt, alertInput(), { formId: 'form-1', companyChoice: { kind: 'new' } });
      if (created.kind !== 'created') throw new Error(created.kind);
      const { ref } = created.alert;
      expect(events(db)).to.deep.equal([{ type: 'alert.created', ref, payload: '{}' }]);
      // The same form again is the same alert: nothing new happened.
      await createAlert(db, clock, pt, alertInput(), { formId: 'form-1', companyChoice: { kind: 'new' } });
      expect(await refusalKeys(() => respondToAlert(db, clock, pt, { ref, answer: 'known' }))).to.deep.equal(['alerts.errors.ownAlert']);
      expect(events(db)).to.have.length(1);
      const answered = await respondToAlert(db, clock, es, { ref, answer: 'known', onChannelPost: true });
      expect(events(db)[1]).to.deep.equal({ type: 'alert.changed', ref, payload: JSON.stringify({ version: answered.version, onChannelPost: true }) });
    });
  });

  describe('turned into channel posts by the notifier', () => {
    let t: TestApp | null = null;
    afterEach(async () => {
      await t?.stop();
      t = null;
    });

    const submit = (app: TestApp, formId: string) =>
      app.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.ptInspector), value: { action: { type: 'Action.Execute', verb: 'alert.submit', data: { ...VALID_ALERT_FORM, formId } } } }));
    const refOf = (response: { status: number; body: unknown }) => /AL-\d{4}-\d{4}/.exec(JSON.stringify(invokeCard(response)))![0];

    it('posts, once, what a write left without notifying (a stop right after the commit, another process)', async function () {
      this.timeout(20_000);
      t = await startAppInChannel();
      // The alert committed through a connection of its own: nobody tells this notifier about it.
      const db = openDatabase(t.dbPath);
      const clock = manualClock('2026-02-10T09:00:00Z');
      const pt = resolveMember(db, clock, { ...PEOPLE.ptInspector, tenantId: null })!;
      const created = await createAlert(db, clock, pt, alertInput(), { formId: 'form-offline', companyChoice: { kind: 'new' } });
      db.close();
      if (created.kind !== 'created') throw new Error(created.kind);
      const key = `alert:${created.alert.ref}:posted`;
      await t.connector.waitFor(() => outboxState(t!.app.db, key)?.status === 'sent', 12_000);
      t.app.deps.notify();
      await t.app.outbox.idle();
      expect(t.connector.sentActivities().filter((call) => JSON.stringify(call.body).includes(created.alert.ref))).to.have.length(1);
    });

    it('loses no event when turning it into a post fails, and posts it when the store takes writes again', async () => {
      t = await startAppInChannel();
      t.app.db.exec("CREATE TEMP TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
      const response = await submit(t, '00000000-0000-4000-8000-00000000e001');
      expect(response.status).to.equal(200);
      const ref = refOf(response);
      // The alert is stored and its event kept, though no post could be queued.
      expect(outboxState(t.app.db, `alert:${ref}:posted`)).to.equal(null);
      expect(events(t.app.db).map((event) => event.ref)).to.include(ref);
      t.app.db.exec('DROP TRIGGER outbox_refuses');
      t.app.deps.notify();
      t.app.deps.notify();
      await t.app.outbox.idle();
      expect(outboxState(t.app.db, `alert:${ref}:posted`)).to.include({ status: 'sent' });
      expect(t.connector.sentActivities().filter((call) => JSON.stringify(call.body).includes(ref))).to.have.length(1);
    });

  });
});
