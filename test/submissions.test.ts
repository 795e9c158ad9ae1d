import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/database';
import { listMigrations, migrate, schemaVersion } from '../src/store/migrate';
import { loadParticipants, listAuthorities, syncParticipants } from '../src/reference/participants';
import { resolveMember, type Member } from '../src/identity/members';
import { validateAlertDraft, type AlertInput } from '../src/alerts/alertInput';
import { createAlert } from '../src/alerts/createAlert';
import { validateActionDraft, type ActionInput } from '../src/plans/actionInput';
import { createAction } from '../src/plans/createAction';
import { validateInspectionDraft, type InspectionInput } from '../src/inspections/inspectionInput';
import { inspectionReference, scheduleInspection } from '../src/inspections/scheduleInspection';
import { manualClock, PEOPLE } from './helpers/people';
import { tempDbPath } from './helpers/testApp';
import { ALERT_DRAFT, INSPECTION_DRAFT } from './helpers/domainSamples';

function valid<T>(result: { ok: true; input: T } | { ok: false; errors: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.input;
}

describe('a form submitted more than once', () => {
  let db: Db;
  let dir: string;
  const clock = manualClock('2026-03-02T09:00:00Z');
  let pt: Member;
  let ptColleague: Member;
  let alert: AlertInput;
  let action: ActionInput;
  let inspection: InspectionInput;

  const member = (identity: { aadObjectId: string; email: string }) => resolveMember(db, clock, { ...identity, tenantId: null })!;
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  const submitAlert = (by: Member, formId: string) => createAlert(db, clock, by, alert, { formId, companyChoice: { kind: 'new' } });
  const submitAction = (by: Member, formId: string) => createAction(db, clock, by, action, { formId });
  const submitInspection = (by: Member, formId: string) => scheduleInspection(db, clock, by, inspection, { formId, overlapConfirmed: true });

  beforeEach(() => {
    const file = tempDbPath();
    dir = path.dirname(file);
    db = openDatabase(file);
    syncParticipants(db, loadParticipants());
    pt = member(PEOPLE.ptInspector);
    ptColleague = member({ aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-0000000000a2', email: 'colleague.pt@act.gov.pt' });
    // Both may add actions: the plan's coordinators.
    db.prepare("UPDATE users SET role = 'coordinator' WHERE id IN (?, ?)").run(pt.userId, ptColleague.userId);
    pt = member(PEOPLE.ptInspector);
    ptColleague = member({ aadObjectId: ptColleague.aadObjectId, email: 'colleague.pt@act.gov.pt' });
    alert = valid(validateAlertDraft(ALERT_DRAFT));
    action = valid(
      validateActionDraft(
        { year: '2026', title: 'Joint training', type: 'training', scope: 'multilateral', states: ['IT', 'FR', 'PT'], leadState: 'PT' },
        { memberStates: ['ES', 'FR', 'IT', 'PT'], authorities: listAuthorities(db), thisYear: 2026 },
      ),
    );
    inspection = valid(validateInspectionDraft(INSPECTION_DRAFT, inspectionReference(db)));
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is one alert, action or inspection when its sender sends it again, and a colleague’s own when another person sends the same form', async () => {
    expect(ptColleague.authority.id).to.equal(pt.authority.id);
    const alerts = [await submitAlert(pt, 'form-a'), await submitAlert(pt, 'form-a'), await submitAlert(ptColleague, 'form-a')];
    const actions = [submitAction(pt, 'form-a'), submitAction(pt, 'form-a'), submitAction(ptColleague, 'form-a')];
    const inspections = [submitInspection(pt, 'form-a'), submitInspection(pt, 'form-a'), submitInspection(ptColleague, 'form-a')];
    for (const results of [alerts, actions, inspections]) expect(results.map((result) => result.kind)).to.deep.equal(['created', 'already_submitted', 'created']);
    expect({ alerts: count('alerts'), actions: count('actions'), inspections: count('inspections') }).to.deep.equal({ alerts: 2, actions: 2, inspections: 2 });
  });

  it('still finds an alert or action submitted when their keys named the authority, once the store is migrated', async () => {
    const first = { alert: await submitAlert(pt, 'form-old'), action: submitAction(pt, 'form-old') };
    // The store as the previous build left it: keys "<authority>:<form id>", schema version 11.
    db.prepare("UPDATE alerts SET idempotency_key = 'PT-ACT:form-old'").run();
    db.prepare("UPDATE actions SET idempotency_key = 'PT-ACT:form-old' WHERE idempotency_key IS NOT NULL").run();
    db.pragma('user_version = 11');
    // Only 0012, the migration that rekeys, is replayed: the later ones are already in this
    // store's schema, and a column they add cannot be added twice.
    migrate(db, listMigrations().filter((migration) => migration.version <= 12));
    expect(schemaVersion(db)).to.equal(12);
    db.pragma(`user_version = ${Math.max(...listMigrations().map((migration) => migration.version))}`);
    const again = { alert: await submitAlert(pt, 'form-old'), action: submitAction(pt, 'form-old') };
    expect(again.alert.kind).to.equal('already_submitted');
    expect(again.action.kind).to.equal('already_submitted');
    if (again.alert.kind !== 'already_submitted' || first.alert.kind !== 'created') throw new Error('unexpected results');
    expect(again.alert.alert.ref).to.equal(first.alert.alert.ref);
    expect(again.action.action.ref).to.equal(first.action.action.ref);
    expect({ alerts: count('alerts'), actions: count('actions') }).to.deep.equal({ alerts: 1, actions: 1 });
  });
});
