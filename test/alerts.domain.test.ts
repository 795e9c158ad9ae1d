import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/database';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { resolveMember, type Member } from '../src/identity/members';
import { validateAlertDraft, type AlertInput } from '../src/alerts/alertInput';
import { createAlert } from '../src/alerts/createAlert';
import { closeAlert, respondToAlert } from '../src/alerts/respondToAlert';
import { getAlert } from '../src/alerts/alertQueries';
import { readAlert, readAlertList } from '../src/alerts/alertReading';
import { viewCompanyDossier } from '../src/companies/companyDossier';
import { listAudit } from '../src/audit/audit';
import { manualClock, PEOPLE } from './helpers/people';
import { tempDbPath } from './helpers/testApp';
import { ALERT_DRAFT, errorKeys, refusalKeys } from './helpers/domainSamples';

describe('the alert network, called without any adapter', () => {
  let db: Db;
  let dir: string;
  const clock = manualClock('2026-02-10T09:00:00Z');
  let pt: Member;
  let es: Member;
  let ela: Member;
  let input: AlertInput;

  const member = (identity: { aadObjectId: string; email: string }) => resolveMember(db, clock, { ...identity, tenantId: null })!;
  const alertsInStore = () => (db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;

  beforeEach(() => {
    const file = tempDbPath();
    dir = path.dirname(file);
    db = openDatabase(file);
    syncParticipants(db, loadParticipants());
    pt = member(PEOPLE.ptInspector);
    es = member(PEOPLE.esInspector);
    // A supporting body: in the plan and inspections, not in the alert network.
    ela = member({ aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-0000000000e1', email: 'officer@ela.europa.eu' });
    const checked = validateAlertDraft(ALERT_DRAFT);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    input = checked.input;
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = (by: Member, formId: string) => createAlert(db, clock, by, input, { formId, companyChoice: { kind: 'new' } });

  it('is a supporter that ELA resolves to, while Portugal and Spain participate', () => {
    expect([pt.authority.role, es.authority.role, ela.authority.role]).to.deep.equal(['participant', 'participant', 'supporter']);
  });

  it('refuses an alert from a supporting body and stores nothing', async () => {
    expect(await refusalKeys(() => post(ela, 'form-1'))).to.deep.equal(['alerts.errors.participantsOnly']);
    expect(alertsInStore()).to.equal(0);
    expect(await post(pt, 'form-2')).to.have.property('kind', 'created');
  });

  it('refuses an answer or a closing from a supporting body, even a coordinator, and leaves the alert as it was', async () => {
    const created = await post(pt, 'form-1');
    if (created.kind !== 'created') throw new Error(created.kind);
    const { ref, version } = created.alert;
    db.prepare("UPDATE users SET role = 'coordinator' WHERE id = ?").run(ela.userId);
    const elaCoordinator = member({ aadObjectId: ela.aadObjectId, email: 'officer@ela.europa.eu' });
    expect(elaCoordinator.role).to.equal('coordinator');
    expect(await refusalKeys(() => respondToAlert(db, clock, ela, { ref, answer: 'known' }))).to.deep.equal(['alerts.errors.participantsOnly']);
    expect(await refusalKeys(() => closeAlert(db, clock, elaCoordinator, { ref, outcome: 'not_confirmed' }))).to.deep.equal(['alerts.errors.participantsOnly']);
    expect(getAlert(db, ref)).to.deep.include({ version, status: 'open' });
    expect(getAlert(db, ref)!.responses).to.have.length(0);
    expect((await respondToAlert(db, clock, es, { ref, answer: 'known' })).responses).to.have.length(1);
  });

  it('refuses a supporting body an alert and the list of alerts', async () => {
    const created = await post(pt, 'form-1');
    if (created.kind !== 'created') throw new Error(created.kind);
    expect(errorKeys(() => readAlert(db, ela, created.alert.ref))).to.deep.equal(['alerts.errors.participantsOnly']);
    expect(errorKeys(() => readAlertList(db, ela, {}))).to.deep.equal(['alerts.errors.participantsOnly']);
    expect(readAlert(db, es, created.alert.ref)!.ref).to.equal(created.alert.ref);
    expect(readAlertList(db, es, {}).items.map((item) => item.ref)).to.deep.equal([created.alert.ref]);
  });

  it("refuses a supporting body the company's dossier, and records no viewing", async () => {
    const created = await post(pt, 'form-1');
    if (created.kind !== 'created') throw new Error(created.kind);
    const companyId = created.alert.company.id;
    expect(errorKeys(() => viewCompanyDossier(db, clock, ela, companyId))).to.deep.equal(['alerts.errors.participantsOnly']);
    expect(listAudit(db).filter((entry) => entry.action === 'company.viewed')).to.have.length(0);
    expect(viewCompanyDossier(db, clock, es, companyId)!.alerts.map((alert) => alert.ref)).to.deep.equal([created.alert.ref]);
  });
});
