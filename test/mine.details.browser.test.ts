import { expect } from 'chai';
import AxeBuilder from '@axe-core/playwright';
import { startTestApp, type TestApp } from './helpers/testApp';
import { launchBrowser, saveScreenshot, withPages, type TestBrowser } from './helpers/browser';
import { ALERT_DRAFT, INSPECTION_DRAFT } from './helpers/domainSamples';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { systemClock } from '../src/clock';
import { resolveMember, type Member } from '../src/identity/members';
import { validateAlertDraft } from '../src/alerts/alertInput';
import { createAlert } from '../src/alerts/createAlert';
import { getAlert } from '../src/alerts/alertQueries';
import { validateInspectionDraft } from '../src/inspections/inspectionInput';
import { inspectionReference, scheduleInspection } from '../src/inspections/scheduleInspection';
import { createRequest } from '../src/requests/createRequest';

/**
 * My open items in the tab, as the local development identity (a coordinator of PT-ACT) sees it:
 * every kind of item opens something in the tab, an alert of its own with its correction form.
 */
describe('my open items open their detail in the tab, in a real browser', function () {
  this.timeout(60_000);
  let t: TestApp;
  let browser: TestBrowser;
  const refs = { toAnswer: '', ours: '', inspection: '', request: '' };

  const member = (email: string, oid: string): Member => resolveMember(t.app.db, systemClock, { aadObjectId: oid, tenantId: null, email })!;

  async function alertFrom(who: Member, draft: typeof ALERT_DRAFT, formId: string): Promise<string> {
    const checked = validateAlertDraft(draft);
    if (!checked.ok) throw new Error('draft');
    const created = await createAlert(t.app.db, systemClock, who, checked.input, { formId, companyChoice: { kind: 'new' } });
    if (created.kind !== 'created') throw new Error(created.kind);
    return created.alert.ref;
  }

  before(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const es = member('inspector@mites.gob.es', '0a4d2f1e-6666-4a6b-9c0d-000000000001');
    const pt = member('inspector@act.gov.pt', '0a4d2f1e-6666-4a6b-9c0d-000000000002');
    // Spain's ITSS asks Portugal: it waits for PT-ACT's answer. PT-ACT's own alert: its coordinator may correct it.
    refs.toAnswer = await alertFrom(es, { ...ALERT_DRAFT, countriesConcerned: ['PT', 'FR'] }, '00000000-0000-4000-8000-00000000e001');
    refs.ours = await alertFrom(pt, { ...ALERT_DRAFT, companyName: 'Edilizia Browser Fittizia S.r.l. (fictional)', identifiers: [{ type: 'it_piva', value: '09998880083' }], registrationCountry: 'IT', countriesConcerned: ['ES'] }, '00000000-0000-4000-8000-00000000e002');
    const checked = validateInspectionDraft({ ...INSPECTION_DRAFT, startDate: '2027-03-16', endDate: '2027-03-18' }, inspectionReference(t.app.db));
    if (!checked.ok) throw new Error('inspection draft');
    const scheduled = scheduleInspection(t.app.db, systemClock, es, checked.input, { formId: 'browser-inspection-1', overlapConfirmed: true });
    if (scheduled.kind !== 'created') throw new Error(scheduled.kind);
    refs.inspection = scheduled.inspection.ref;
    const sent = await createRequest(
      t.app.db,
      systemClock,
      es,
      { addressees: ['PT-ACT'], companyIdentifier: '599 004 002', companyIdentifierType: 'pt_nipc', companyName: ALERT_DRAFT.companyName, questions: ['ss.registered'], urgency: 'urgent' },
      { formId: 'browser-request-1' },
    );
    if (sent.kind !== 'created') throw new Error(sent.kind);
    refs.request = sent.request.ref;
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('opens an alert, an inspection and a request of My open items in Portuguese, and corrects an alert of its own', () =>
    withPages(browser, async (open) => {
      const pt = translator('pt');
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=mine&locale=pt-PT`);
      await page.getByTestId('my-items').waitFor();

      const item = (ref: string) => page.locator(`[data-testid="open-item"][data-ref="${ref}"]`);
      await item(refs.toAnswer).getByTestId('open-item-toggle').click();
      const alert = page.getByTestId(`record-detail-${refs.toAnswer}`);
      await alert.waitFor();
      expect(await alert.innerText()).to.include(pt('alerts.card.title', { ref: refs.toAnswer })).and.include(ALERT_DRAFT.summary).and.include(pt('alerts.card.countriesConcerned'));
      // Another authority's alert: to read and answer in Teams, not to correct.
      expect(await alert.getByTestId('alert-correction').count()).to.equal(0);

      await item(refs.inspection).getByTestId('open-item-toggle').click();
      const inspection = page.getByTestId(`record-detail-${refs.inspection}`);
      await inspection.waitFor();
      expect(await inspection.innerText()).to.include('Badajoz').and.include(pt('inspections.card.lead'));

      await item(refs.request).getByTestId('open-item-toggle').click();
      const request = page.getByTestId(`record-detail-${refs.request}`);
      await request.waitFor();
      expect(await request.innerText()).to.include(pt('requests.view.title', { ref: refs.request })).and.include(pt('alertTab.detail.addressees'));
      expect(listAudit(t.app.db, { action: 'alert.read', subjectRef: refs.toAnswer })).to.have.length(1);
      expect(listAudit(t.app.db, { action: 'inspection.read', subjectRef: refs.inspection })).to.have.length(1);
      expect(listAudit(t.app.db, { action: 'request.read', subjectRef: refs.request })).to.have.length(1);

      // The alert PT-ACT posted, in the list of those its coordinator may correct.
      const ours = page.locator(`[data-testid="editable-alert"][data-ref="${refs.ours}"]`);
      await ours.getByTestId('open-item-toggle').click();
      const form = page.getByTestId(`record-detail-${refs.ours}`).getByTestId('alert-correction');
      await form.waitFor();
      // An empty summary is refused beside the field, in Portuguese, and nothing changes.
      await form.getByTestId('correction-summary').fill('');
      await form.getByTestId('correction-save').click();
      await form.getByText(pt('alerts.errors.required')).waitFor();
      expect(getAlert(t.app.db, refs.ours)!.version).to.equal(1);

      await form.getByTestId('correction-summary').fill('Corrigido no separador: dois estaleiros, não três.');
      await form.getByTestId('correction-urgency').selectOption('urgent');
      await form.getByTestId('correction-save').click();
      await page.getByTestId('record-changed').getByText(pt('alertTab.ui.saved')).waitFor();
      expect(getAlert(t.app.db, refs.ours)).to.include({ summary: 'Corrigido no separador: dois estaleiros, não três.', urgency: 'urgent', version: 2 });
      const detail = page.getByTestId(`record-detail-${refs.ours}`);
      expect(await detail.getByTestId('record-lines').innerText()).to.include(pt('alertEdit.change.urgency', { from: pt('alerts.urgency.priority'), to: pt('alerts.urgency.urgent') }));

      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).to.deep.equal([]);
      await saveScreenshot(page, 'tab-mine-details-pt');

      // Withdrawn from the tab: the form goes, the alert says why.
      await detail.getByTestId('correction-reason').fill('Enviado duas vezes.');
      await detail.getByTestId('correction-withdraw').click();
      await page.getByTestId('record-changed').getByText(pt('alertTab.ui.withdrawnDone')).waitFor();
      expect(getAlert(t.app.db, refs.ours)!.withdrawal!.reason).to.equal('Enviado duas vezes.');
      expect(await detail.getByTestId('alert-correction').count()).to.equal(0);
    }));
});
