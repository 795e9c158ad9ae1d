import { expect } from 'chai';
import { activity } from './helpers/activities';
import { PEOPLE, from, manualClock, type Person } from './helpers/people';
import { invokeCard } from './helpers/teamsActions';
import { startAppInChannel } from './helpers/teamsActions';
import type { TestApp } from './helpers/testApp';
import { listAudit } from '../src/audit/audit';
import { getRequest } from '../src/requests/requestQueries';
import { applyRequestRetention } from '../src/requests/requestRetention';
import { applyAlertRetention } from '../src/alerts/alertRetention';
import { VALID_ALERT_FORM } from './helpers/alertForms';

const PT_ISS = { id: '29:1pt-iss-officer-0007', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000007', email: 'officer.pt@seg-social.pt', authority: 'PT-ISS' } as unknown as Person;

describe('information request retention (the alerts\' rules)', () => {
  let t: TestApp;
  const clock = manualClock('2026-12-03T10:00:00Z');
  const invoke = (person: Person, verb: string, data: Record<string, unknown>) =>
    t.post(activity('invoke.cardAction.personal', { ...from(person), value: { action: { type: 'Action.Execute', verb, data } } }));

  before(async () => {
    // Only this test's requests: the demo data's would take the first references, fill the lists and come due.
    t = await startAppInChannel({ clock, env: { DEMO_DATA: 'never' } });
    t.connector.addMember({ id: PT_ISS.id, aadObjectId: PT_ISS.aadObjectId, email: PT_ISS.email, userPrincipalName: PT_ISS.email, name: 'PT-ISS' });
    // An alert on the same company, closed the same day: its deletion must leave the request's company.
    invokeCard(await invoke(PEOPLE.ptInspector, 'alert.submit', { ...VALID_ALERT_FORM, formId: '00000000-0000-4000-8000-00000000f001' }));
    await invoke(PEOPLE.ptInspector, 'alert.close', { ref: 'AL-2026-0001', outcome: 'not_confirmed' });
    const request = (formId: string) => ({
      formId, addressees: 'PT-ISS', companyIdentifier: '599004002', companyIdentifierType: 'pt_nipc', questions_posting_declaration: 'pd.contactPerson', questions_accidents: 'ac.reported',
      freeQuestion: 'Who signs the contracts?', urgency: 'normal',
    });
    invokeCard(await invoke(PEOPLE.esInspector, 'request.submit', request('00000000-0000-4000-8000-00000000f002')));
    invokeCard(await invoke(PEOPLE.esInspector, 'request.submit', request('00000000-0000-4000-8000-00000000f003')));
    invokeCard(await invoke(PT_ISS, 'request.answer', { ref: 'RQ-2026-0001', a_pd_contactPerson: 'Ana Silva', a_ac_reported: 'no', freeText: 'Ana Silva signs them.', sourcesNote: 'Payroll of Ana Silva' }));
    invokeCard(await invoke(PEOPLE.esInspector, 'request.close', { ref: 'RQ-2026-0001' }));
  });
  after(() => t.stop());

  it('keeps a closed request whole until six months after it ended', () => {
    clock.advanceDays(182);
    expect(applyRequestRetention(t.app.db, clock)).to.deep.equal({ hidden: 0, deleted: 0, companiesDeleted: 0 });
    expect(getRequest(t.app.db, 'RQ-2026-0001')!.addressees[0].freeText).to.equal('Ana Silva signs them.');
  });

  it('then hides its free texts and short-text answers, keeps the structured answers, and leaves open requests alone; once', async () => {
    clock.advanceDays(2);
    expect(applyRequestRetention(t.app.db, clock)).to.deep.equal({ hidden: 1, deleted: 0, companiesDeleted: 0 });
    const closed = getRequest(t.app.db, 'RQ-2026-0001')!;
    expect(closed).to.include({ freeQuestion: null, personalDataHidden: true });
    expect(closed.addressees[0]).to.include({ freeText: null, sourcesNote: null });
    expect(closed.addressees[0].answers).to.deep.equal({ 'ac.reported': 'no' });
    expect(getRequest(t.app.db, 'RQ-2026-0002')).to.include({ freeQuestion: 'Who signs the contracts?', personalDataHidden: false });
    const content = JSON.stringify(invokeCard(await invoke(PEOPLE.esInspector, 'request.open', { ref: 'RQ-2026-0001' })));
    expect(content).to.not.include('Ana Silva');
    expect(applyRequestRetention(t.app.db, clock)).to.deep.equal({ hidden: 0, deleted: 0, companiesDeleted: 0 });
    expect(listAudit(t.app.db, { action: 'request.personal_data_hidden' }).map((e) => e.subjectRef)).to.deep.equal(['RQ-2026-0001']);
  });

  it('deletes it three years after it ended, audited; the company stays while the open request names it', () => {
    clock.set('2029-12-05T10:00:00Z');
    // The alert on the company goes first: its retention must not fail on the request's company.
    expect(applyAlertRetention(t.app.db, clock)).to.include({ deleted: 1, companiesDeleted: 0 });
    expect(applyRequestRetention(t.app.db, clock)).to.deep.equal({ hidden: 0, deleted: 1, companiesDeleted: 0 });
    expect(getRequest(t.app.db, 'RQ-2026-0001')).to.equal(null);
    expect(getRequest(t.app.db, 'RQ-2026-0002')).to.not.equal(null);
    expect(listAudit(t.app.db, { action: 'request.deleted' }).map((e) => e.subjectRef)).to.deep.equal(['RQ-2026-0001']);
    const rows = (table: string) => (t.app.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE request_id = (SELECT id FROM information_requests WHERE ref = 'RQ-2026-0001')`).get() as { n: number }).n;
    expect(rows('information_request_answers') + rows('information_request_addressees')).to.equal(0);
  });
});
