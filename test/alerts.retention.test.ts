import { expect } from 'chai';
import fs from 'node:fs';
import { startTestApp, tempDbPath, type TestApp } from './helpers/testApp';
import { activity } from './helpers/activities';
import { PEOPLE, from, manualClock, registerPeople } from './helpers/people';
import { applyAlertRetention, applyAlertRetentionInBatches } from '../src/alerts/alertRetention';
import { getAlert } from '../src/alerts/alertQueries';
import { listAudit } from '../src/audit/audit';

describe('alert retention (IMI practice)', () => {
  const clock = manualClock('2026-01-10T09:00:00Z');
  const dbPath = tempDbPath();
  let t: TestApp;

  // Only the alerts made here: the counts of what retention hides and deletes are theirs.
  const env = { DEMO_DATA: 'never' };

  async function start() {
    t = await startTestApp({ clock, dbPath, keepDb: true, env });
    registerPeople(t.connector);
  }

  before(async () => {
    await start();
    const submit = (formId: string, identifier: string) =>
      t.post(
        activity('invoke.cardAction.personal', {
          ...from(PEOPLE.itInspector),
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'alert.submit',
              data: {
                formId,
                companyName: `Ditta Individuale ${identifier} (fictional)`,
                identifierType0: 'it_cf',
                identifierValue0: identifier,
                registrationCountry: 'IT',
                countriesConcerned: 'FR',
                fraudTypes: 'bogus_self_employment',
                summary: 'Sole trader named in the summary.',
              },
            },
          },
        }),
      );
    await submit('00000000-0000-4000-8000-0000000000a1', 'RSSMRA85T10A562S');
    await submit('00000000-0000-4000-8000-0000000000a2', 'BNCLRA80A41F205G');
    const close = (ref: string) =>
      t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.itInspector), value: { action: { type: 'Action.Execute', verb: 'alert.close', data: { ref, outcome: 'not_confirmed' } } } }));
    await close('AL-2026-0001');
  });
  after(() => t.stop());

  it('keeps everything until six months after closure', () => {
    clock.advanceDays(182);
    expect(applyAlertRetention(t.app.db, clock)).to.deep.equal({ hidden: 0, deleted: 0, companiesDeleted: 0 });
    expect(getAlert(t.app.db, 'AL-2026-0001')!.summary).to.equal('Sole trader named in the summary.');
  });

  it('hides the summary and the natural-person identifier six months after closure, not those of open alerts', () => {
    clock.advanceDays(2);
    expect(applyAlertRetention(t.app.db, clock)).to.deep.equal({ hidden: 1, deleted: 0, companiesDeleted: 0 });
    const closed = getAlert(t.app.db, 'AL-2026-0001')!;
    expect(closed).to.include({ summary: null, personalDataHidden: true });
    expect(closed.company.identifiers).to.deep.equal([]);
    const open = getAlert(t.app.db, 'AL-2026-0002')!;
    expect(open.summary).to.equal('Sole trader named in the summary.');
    expect(open.company.identifiers.map((i) => i.value)).to.deep.equal(['BNCLRA80A41F205G']);
  });

  it('does nothing more when run again, also after a restart', async () => {
    await t.stop();
    await start();
    expect(applyAlertRetention(t.app.db, clock)).to.deep.equal({ hidden: 0, deleted: 0, companiesDeleted: 0 });
    expect(listAudit(t.app.db, { action: 'alert.personal_data_hidden' })).to.have.length(1);
  });

  it('deletes the alert and its company three years after closure, and records the purge', async () => {
    clock.set('2029-01-11T09:00:00Z');
    expect(await applyAlertRetentionInBatches(t.app.db, clock)).to.deep.equal({ hidden: 0, deleted: 1, companiesDeleted: 1 });
    expect(getAlert(t.app.db, 'AL-2026-0001')).to.equal(null);
    expect(getAlert(t.app.db, 'AL-2026-0002')).not.to.equal(null);
    expect(listAudit(t.app.db, { action: 'alert.deleted' }).map((e) => e.subjectRef)).to.deep.equal(['AL-2026-0001']);
    expect(JSON.stringify(listAudit(t.app.db))).not.to.include('RSSMRA85T10A562S');
  });

  it('leaves nothing of the deleted company in the store file or its write-ahead log', () => {
    const bytes = fs.readFileSync(dbPath).toString('latin1');
    expect(bytes).to.include('BNCLRA80A41F205G');
    expect(bytes).not.to.include('RSSMRA85T10A562S');
    expect(fs.readFileSync(`${dbPath}-wal`).toString('latin1')).not.to.include('RSSMRA85T10A562S');
  });

  it('runs at start: a restart after the due date applies what came due while the app was down', async () => {
    await t.stop();
    const db2 = tempDbPath();
    const clock2 = manualClock('2026-03-01T09:00:00Z');
    const app = await startTestApp({ clock: clock2, dbPath: db2, env });
    registerPeople(app.connector);
    await app.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.esInspector), value: { action: { type: 'Action.Execute', verb: 'alert.submit', data: { formId: '00000000-0000-4000-8000-0000000000a3', companyName: 'Restart Demo (fictional)', identifierType0: 'es_nie', identifierValue0: 'X1234567L', registrationCountry: 'ES', countriesConcerned: 'PT', fraudTypes: 'undeclared_work', summary: 'Text.' } } } }));
    await app.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.esInspector), value: { action: { type: 'Action.Execute', verb: 'alert.close', data: { ref: 'AL-2026-0001', outcome: 'confirmed' } } } }));
    await app.stop();
    clock2.advanceDays(200);
    const restarted = await startTestApp({ clock: clock2, dbPath: db2, env });
    expect(getAlert(restarted.app.db, 'AL-2026-0001')).to.include({ personalDataHidden: true });
    await restarted.stop();
    await start();
  });
});
