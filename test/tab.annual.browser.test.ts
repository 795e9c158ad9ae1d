import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { startTestApp, type TestApp } from './helpers/testApp';
import { launchBrowser, saveScreenshot, withPages, type Page, type TestBrowser } from './helpers/browser';
import { translator } from '../src/i18n/translate';
import { resolveMember, type Member } from '../src/identity/members';
import { systemClock } from '../src/clock';
import { submitProposal } from '../src/plans/submitProposal';
import { setPriorities } from '../src/plans/priorities';
import { naceLabel } from '../src/reference/nace';
import { joinProposal } from '../src/plans/proposals';
import { endorsePlan } from '../src/plans/endorsement';
import { planAssessment } from '../src/plans/planSummary';
import { countryName } from '../src/reference/countries';
import { listAudit } from '../src/audit/audit';

const NEXT = new Date().getUTCFullYear() + 1;
const THIS = NEXT - 1;

describe('the annual meeting on the meeting stage, in a real browser', function () {
  this.timeout(90_000);
  let t: TestApp;
  let browser: TestBrowser;
  const refs: Record<string, string> = {};

  const member = (email: string, aadObjectId: string): Member => resolveMember(t.app.db, systemClock, { aadObjectId, tenantId: null, email, displayName: email })!;

  /** The stage's group of a priority: its name in the reader's language, as the screen keys it. */
  const groupId = (sector: string, language: 'en' | 'fr') => `annual-priority-${sector} – ${naceLabel(sector, language)}`.toLocaleLowerCase();
  const priorityIds: Record<string, string> = {};

  function propose(by: Member, title: string, type: string, states: string[], leadState: string, sector: string): string {
    const result = submitProposal(
      t.app.db,
      systemClock,
      by,
      { draft: { year: String(NEXT), title, type, scope: states.length === 2 ? 'bilateral' : 'multilateral', states, leadState }, rationale: 'Seen in last year’s alerts.', priorities: [priorityIds[sector]] },
      { formId: randomUUID() },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.proposal.ref;
  }

  before(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const portugal = member('inspector@act.gov.pt', 'annual-test-pt');
    const spain = member('inspector@mites.gob.es', 'annual-test-es');
    // The coordinators' priorities for next year: land transport, agriculture, posting of workers.
    const coordinator = { ...member('inspector@urssaf.fr', 'annual-test-fr'), role: 'coordinator' as const };
    for (const priority of setPriorities(t.app.db, systemClock, coordinator, { year: NEXT, keep: [], add: [{ sector: '49', topic: null }, { sector: '01', topic: null }, { sector: null, topic: 'posting_of_workers' }], expectedVersion: 0 })) {
      priorityIds[priority.sector ?? priority.topic!] = String(priority.id);
    }
    refs.road = propose(portugal, 'Road transport week: cabotage checks', 'concerted_inspection', ['ES', 'FR', 'PT'], 'PT', '49');
    refs.roadTraining = propose(spain, 'Tachograph training for inspectors', 'training', ['ES', 'PT'], 'ES', '49');
    refs.farms = propose(spain, 'Seasonal agriculture in Andalusia', 'joint_inspection', ['ES', 'PT'], 'ES', '01');
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function supportersText(page: Page, ref: string): Promise<string> {
    return page.getByTestId(`annual-proposal-${ref}`).getByTestId('annual-proposal-supporters').innerText();
  }

  it('shows last year’s assessment, the endorsement per state and next year’s proposals by priority and type, and a support made meanwhile appears live (English)', () =>
    withPages(browser, async (open) => {
      const en = translator('en');
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=annual&year=${NEXT}&locale=en-GB`);
      await page.waitForSelector('[data-testid="view-annual"][data-live="live"]');
      expect(await page.locator('h1').innerText()).to.equal(en('stage.annual.heading', { assessed: THIS, year: NEXT }));

      // This year's plan is not assessed yet: the live figures, saying so.
      const assessment = planAssessment(t.app.db, THIS);
      const section = page.getByTestId('annual-assessment');
      await section.getByTestId('annual-implemented').waitFor();
      expect(await section.getByTestId('annual-frozen').innerText()).to.equal(en('stage.annual.assessment.notFrozen'));
      expect(await section.getByTestId('annual-implemented').innerText()).to.equal(en('tab.progress.implemented', { count: assessment.total, implemented: assessment.counts.implemented }));
      expect(await section.getByTestId('annual-count-postponed').innerText()).to.include(String(assessment.counts.postponed));

      // Nobody has endorsed next year's draft yet.
      const endorsement = page.getByTestId('annual-endorsement');
      await endorsement.getByTestId('annual-endorsement-progress').waitFor();
      expect(await endorsement.getByTestId('annual-endorsement-progress').innerText()).to.equal(en('cycle.endorsement.progress', { done: 0, count: 4 }));
      for (const state of ['ES', 'FR', 'IT', 'PT']) expect(await endorsement.getByTestId(`annual-endorsement-${state}`).innerText()).to.include(en('cycle.endorsement.pending'));

      // Land transport, with two proposals, first; then agriculture; by type within; named in the reader's language.
      const groups = page.locator('[data-testid^="annual-priority-"]');
      expect(await groups.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')))).to.deep.equal([groupId('49', 'en'), groupId('01', 'en')]);
      const road = page.getByTestId(groupId('49', 'en'));
      expect(await road.locator('h3').innerText()).to.include(naceLabel('49', 'en')).and.include('2');
      expect(await road.locator('[data-testid^="annual-type-"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')))).to.deep.equal(['annual-type-concerted_inspection', 'annual-type-training']);
      expect(await road.getByTestId(`annual-proposal-${refs.road}`).innerText()).to.include('Road transport week: cabotage checks');
      const states = new Intl.ListFormat('en', { type: 'conjunction' }).format(['ES', 'FR', 'PT'].map((code) => countryName(code, 'en')));
      expect(await page.getByTestId(`annual-proposal-${refs.road}`).getByTestId('annual-proposal-states').innerText()).to.equal(en('stage.proposals.states', { states }));
      expect(await supportersText(page, refs.road)).to.equal(en('cycle.proposal.card.noSupporters'));

      // Someone supports from their phone (the tab API), Italy joins from Teams, France endorses: the screen follows.
      const supported = await fetch(`${t.app.url}/api/proposals/${refs.road}/support`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(supported.status).to.equal(200);
      await page.waitForFunction(
        ([ref, text]) => document.querySelector(`[data-testid="annual-proposal-${ref}"] [data-testid="annual-proposal-supporters"]`)?.textContent === text,
        [refs.road, en('stage.proposals.supportedBy', { count: 1, names: 'ACT (PT)' })],
        { timeout: 10_000 },
      );
      joinProposal(t.app.db, systemClock, member('inspector@ispettorato.gov.it', 'annual-test-it'), { ref: refs.farms });
      await page.waitForSelector(`[data-testid="annual-proposal-${refs.farms}"][data-states="ES IT PT"]`, { timeout: 10_000 });
      // France's coordinator (the role is data: users.role) endorses next year's draft.
      member('coordinator@urssaf.fr', 'annual-test-fr-coordinator');
      t.app.db.prepare("UPDATE users SET role = 'coordinator' WHERE aad_object_id = ?").run('annual-test-fr-coordinator');
      endorsePlan(t.app.db, systemClock, member('coordinator@urssaf.fr', 'annual-test-fr-coordinator'), { year: NEXT, place: 'Porto' });
      await page.waitForSelector('[data-testid="annual-endorsement-FR"][data-endorsed="true"]', { timeout: 10_000 });
      expect(await endorsement.getByTestId('annual-endorsement-progress').innerText()).to.equal(en('cycle.endorsement.progress', { done: 1, count: 4 }));
      expect(await endorsement.innerText()).to.include(en('cycle.endorsement.meetingPlace', { place: 'Porto' }));
      await saveScreenshot(page, 'tab-annual-meeting-en');
    }));

  it('shows the same in French on the dark stage (?view=stage&stage=annual), a support made through the API appearing live', () =>
    withPages(browser, async (open) => {
      const fr = translator('fr');
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=stage&stage=annual&year=${NEXT}&locale=fr-FR&theme=dark`);
      await page.waitForSelector('[data-testid="view-annual"][data-live="live"]');
      expect(await page.locator('h1').innerText()).to.equal(fr('stage.annual.heading', { assessed: THIS, year: NEXT }));
      await page.getByTestId(`annual-proposal-${refs.farms}`).waitFor();
      expect(await page.getByTestId('annual-proposals').locator('h2').innerText()).to.equal(fr('cycle.proposal.list.title', { year: NEXT, count: 3 }));
      expect(await page.getByTestId(groupId('01', 'fr')).innerText()).to.include(fr('plan.type.joint_inspection'));
      expect(await supportersText(page, refs.farms)).to.equal(fr('cycle.proposal.card.noSupporters'));
      const background = await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="view-annual"]')!.closest('.fui-FluentProvider')!).backgroundColor);
      const [r, g, b] = background.match(/\d+/g)!.map(Number);
      expect(r + g + b, background).to.be.lessThan(150);

      const supported = await fetch(`${t.app.url}/api/proposals/${refs.farms}/support`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(supported.status).to.equal(200);
      await page.waitForFunction(
        ([ref, text]) => document.querySelector(`[data-testid="annual-proposal-${ref}"] [data-testid="annual-proposal-supporters"]`)?.textContent === text,
        [refs.farms, fr('stage.proposals.supportedBy', { count: 1, names: 'ACT (PT)' })],
        { timeout: 10_000 },
      );
      expect(await page.getByTestId('annual-endorsement-FR').innerText()).to.include(fr('stage.annual.endorsement.endorsed'));
      await saveScreenshot(page, 'tab-annual-meeting-fr-dark');
    }));

  it('is legible in high contrast and has no serious or critical accessibility violation', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=annual&year=${NEXT}&locale=pt-PT&theme=contrast`);
      await page.getByTestId(`annual-proposal-${refs.road}`).waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
      expect(serious).to.deep.equal([]);
      await saveScreenshot(page, 'tab-annual-meeting-pt-contrast');
      // Read on a phone too (Teams mobile shows the meeting's tab): nothing wider than the screen.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.waitForFunction(() => document.documentElement.scrollWidth <= 360, undefined, { timeout: 5_000 });
      await saveScreenshot(page, 'tab-annual-meeting-pt-phone');
    }));

  it('lets a member propose from the board with the New proposal form: field errors in their language keep what was typed, then the proposal is listed and supported', () =>
    withPages(browser, async (open) => {
      const es = translator('es');
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=board&year=${NEXT}&locale=es-ES`);
      await page.getByTestId('proposals').getByTestId(`proposal-${refs.road}`).waitFor();
      await page.getByTestId('new-proposal').click();
      await page.getByTestId('proposal-form').waitFor();
      await page.getByTestId('proposal-state-IT').waitFor();
      const axe = await new AxeBuilder({ page }).include('[data-testid="proposal-form"]').analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`), 'the form').to.deep.equal([]);
      await page.getByTestId('proposal-title').fill('Staff exchange on posting declarations');
      await page.getByTestId('proposal-submit').click();
      await page.getByTestId('proposal-form-message').waitFor();
      const form = page.getByTestId('proposal-form');
      expect(await form.innerText()).to.include(es('plan.errors.required')).and.include(es('plan.errors.chooseStates'));
      expect(await page.getByTestId('proposal-title').inputValue()).to.equal('Staff exchange on posting declarations');
      expect(listAudit(t.app.db, { action: 'proposal.created' })).to.have.length(3);

      await page.getByTestId('proposal-type').selectOption('staff_exchange');
      await page.getByTestId('proposal-scope').selectOption('bilateral');
      await page.getByTestId('proposal-state-IT').click();
      await page.getByTestId('proposal-state-PT').click();
      await page.getByTestId('proposal-lead-state').selectOption('IT');
      await page.getByTestId('proposal-rationale').fill('Declarations differ between the two portals.');
      await page.getByTestId('proposal-priorities').getByLabel(es('plan.topic.posting_of_workers')).check();
      await page.getByTestId('proposal-submit').click();
      await page.getByTestId('proposal-message').waitFor();
      const ref = `P${NEXT}-04`;
      expect(await page.getByTestId('proposal-message').innerText()).to.equal(es('cycle.proposal.created', { ref, year: NEXT }));
      const row = page.getByTestId(`proposal-${ref}`);
      await row.waitFor();
      expect(await row.innerText()).to.include('Staff exchange on posting declarations').and.include(es('cycle.proposal.card.noSupporters'));

      await page.getByTestId(`support-${ref}`).click();
      await page.waitForFunction(
        ([id, text]) => document.querySelector(`[data-testid="proposal-${id}"] [data-testid="proposal-supporters"]`)?.textContent === text,
        [ref, es('stage.proposals.supportedBy', { count: 1, names: 'ACT (PT)' })],
        { timeout: 10_000 },
      );
      expect(await page.getByTestId(`support-${ref}`).count(), 'supported once: the button is gone').to.equal(0);
      expect(listAudit(t.app.db, { subjectRef: ref }).map((entry) => entry.action)).to.deep.equal(['proposal.created', 'proposal.supported']);
      await saveScreenshot(page, 'tab-board-proposals-es');
    }));
});
