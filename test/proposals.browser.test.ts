import { expect } from 'chai';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './helpers/testApp';
import { launchBrowser, saveScreenshot, withPages, type TestBrowser } from './helpers/browser';
import { translator } from '../src/i18n/translate';
import { resolveMember, type Member } from '../src/identity/members';
import { systemClock } from '../src/clock';
import { submitProposal } from '../src/plans/submitProposal';
import { setPriorities } from '../src/plans/priorities';
import { naceLabel } from '../src/reference/nace';
import { getProposal } from '../src/plans/proposals';
import { listAudit } from '../src/audit/audit';
import { forgetDemoCycle } from './helpers/demoCycle';

const NEXT = new Date().getUTCFullYear() + 1;

describe('deciding on proposals in the tab, and the stage grouping them under each priority, in a real browser', function () {
  this.timeout(90_000);
  let t: TestApp;
  let browser: TestBrowser;
  const refs: Record<string, string> = {};
  const priorityIds: Record<string, string> = {};

  const member = (email: string, aadObjectId: string): Member => resolveMember(t.app.db, systemClock, { aadObjectId, tenantId: null, email, displayName: email })!;

  function propose(by: Member, title: string, type: string, priorities: string[]): string {
    const result = submitProposal(
      t.app.db,
      systemClock,
      by,
      { draft: { year: String(NEXT), title, type, scope: 'bilateral', states: ['ES', 'PT'], leadState: 'ES' }, rationale: 'Seen in last year’s alerts.', priorities: priorities.map((key) => priorityIds[key]) },
      { formId: randomUUID() },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.proposal.ref;
  }

  before(async () => {
    t = await startTestApp();
    forgetDemoCycle(t.app.db);
    browser = await launchBrowser();
    const spain = member('inspector@mites.gob.es', 'decisions-test-es');
    const coordinator = { ...member('inspector@urssaf.fr', 'decisions-test-fr'), role: 'coordinator' as const };
    for (const priority of setPriorities(t.app.db, systemClock, coordinator, { year: NEXT, keep: [], add: [{ sector: '49', topic: null }, { sector: null, topic: 'posting_of_workers' }], expectedVersion: 0 })) {
      priorityIds[priority.sector ?? priority.topic!] = String(priority.id);
    }
    refs.cabotage = propose(spain, 'Cabotage and posted drivers', 'concerted_inspection', ['49', 'posting_of_workers']);
    refs.tachograph = propose(spain, 'Tachograph training', 'training', ['49']);
    refs.declarations = propose(spain, 'Posting declarations exchange', 'staff_exchange', ['posting_of_workers']);
    refs.duplicate = propose(spain, 'Posting declarations, again', 'staff_exchange', ['posting_of_workers']);
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows a proposal serving two priorities in the group of each, saying which other one it serves, not under their combined name (English)', () =>
    withPages(browser, async (open) => {
      const en = translator('en');
      const road = `49 – ${naceLabel('49', 'en')}`;
      const posting = en('plan.topic.posting_of_workers');
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=annual&year=${NEXT}&locale=en-GB`);
      await page.waitForSelector('[data-testid="view-annual"][data-live="live"]');
      const roadGroup = page.getByTestId(`annual-priority-${road.toLocaleLowerCase()}`);
      const postingGroup = page.getByTestId(`annual-priority-${posting.toLocaleLowerCase()}`);
      await roadGroup.waitFor();
      const groups = await page.locator('[data-testid^="annual-priority-"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')));
      // Posting of workers serves three proposals, road transport two: each its own group, none named "A; B".
      expect(groups).to.deep.equal([`annual-priority-${posting.toLocaleLowerCase()}`, `annual-priority-${road.toLocaleLowerCase()}`]);
      expect(await postingGroup.locator('h3').innerText()).to.include(posting).and.include('3');
      expect(await roadGroup.locator('h3').innerText()).to.include(naceLabel('49', 'en')).and.include('2');
      const inRoad = roadGroup.getByTestId(`annual-proposal-${refs.cabotage}`);
      const inPosting = postingGroup.getByTestId(`annual-proposal-${refs.cabotage}`);
      expect(await inRoad.getByTestId('annual-proposal-also').innerText()).to.equal(en('proposalRoles.stage.alsoServes', { priorities: posting }));
      expect(await inPosting.getByTestId('annual-proposal-also').innerText()).to.equal(en('proposalRoles.stage.alsoServes', { priorities: road }));
      // A proposal serving one priority says nothing more.
      expect(await roadGroup.getByTestId(`annual-proposal-${refs.tachograph}`).getByTestId('annual-proposal-also').count()).to.equal(0);
      await saveScreenshot(page, 'tab-annual-two-priorities-en');
    }));

  it('lets a coordinator decline with a reason, merge into a chosen proposal and accept from the board, the list following each decision (French)', () =>
    withPages(browser, async (open) => {
      const fr = translator('fr');
      const page = await open();
      // The local development identity acts as a coordinator.
      await page.goto(`${t.app.url}/tab/?view=board&year=${NEXT}&locale=fr-FR`);
      const row = (ref: string) => page.getByTestId('proposals').getByTestId(`proposal-${ref}`);
      await row(refs.duplicate).waitFor();

      // Decline: without a reason, the refusal is at the field and nothing changes; with one, it is declined.
      await page.getByTestId(`decide-${refs.duplicate}`).click();
      await page.getByTestId(`decline-${refs.duplicate}`).click();
      await page.getByTestId(`decision-${refs.duplicate}`).getByText(fr('cycle.errors.reasonRequired')).waitFor();
      expect(getProposal(t.app.db, refs.duplicate)!.status).to.equal('open');
      await page.getByTestId(`decline-reason-${refs.duplicate}`).fill('Le même échange que la proposition précédente.');
      await page.getByTestId(`decline-${refs.duplicate}`).click();
      await page.waitForSelector(`[data-testid="proposal-${refs.duplicate}"][data-status="declined"]`, { timeout: 10_000 });
      expect(await page.getByTestId('proposal-message').innerText()).to.equal(fr('cycle.proposal.card.wasDeclined', { ref: refs.duplicate }));
      expect(await page.getByTestId(`decide-${refs.duplicate}`).count(), 'decided: no more decision').to.equal(0);
      expect(getProposal(t.app.db, refs.duplicate)!.decisionReason).to.equal('Le même échange que la proposition précédente.');

      // Merge: the picker offers the other open proposals only; without a choice, the refusal is at the field.
      await page.getByTestId(`decide-${refs.declarations}`).click();
      const picker = page.getByTestId(`merge-target-${refs.declarations}`);
      const offered = await picker.locator('option').evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value).filter(Boolean));
      expect(offered).to.deep.equal([refs.cabotage, refs.tachograph]);
      await page.getByTestId(`merge-${refs.declarations}`).click();
      await page.getByTestId(`decision-${refs.declarations}`).getByText(fr('proposals.errors.chooseTarget')).waitFor();
      await picker.selectOption(refs.cabotage);
      await page.getByTestId(`merge-${refs.declarations}`).click();
      await page.waitForSelector(`[data-testid="proposal-${refs.declarations}"][data-status="merged"]`, { timeout: 10_000 });
      expect(await page.getByTestId('proposal-message').innerText()).to.equal(fr('proposals.card.wasMerged', { ref: refs.declarations, into: refs.cabotage }));
      expect(await row(refs.declarations).innerText()).to.include(fr('proposals.card.mergedInto', { ref: refs.cabotage }));

      // Accept: it becomes an action of the draft.
      await page.getByTestId(`decide-${refs.cabotage}`).click();
      await page.getByTestId(`accept-${refs.cabotage}`).click();
      await page.waitForSelector(`[data-testid="proposal-${refs.cabotage}"][data-status="accepted"]`, { timeout: 10_000 });
      const action = getProposal(t.app.db, refs.cabotage)!.actionRef!;
      expect(await page.getByTestId('proposal-message').innerText()).to.equal(fr('cycle.proposal.card.accepted', { ref: refs.cabotage, action }));
      // The board above shows the new planned action at once.
      await page.getByTestId(`action-tile-${action}`).waitFor({ timeout: 10_000 });
      expect(await page.getByTestId(`action-tile-${action}`).innerText()).to.include('Cabotage and posted drivers');
      // With no other open proposal left, the last one can be accepted or declined, not merged.
      await page.getByTestId(`decide-${refs.tachograph}`).click();
      await page.getByTestId(`accept-${refs.tachograph}`).waitFor();
      expect(await page.getByTestId(`merge-target-${refs.tachograph}`).count()).to.equal(0);
      const axe = await new AxeBuilder({ page }).include(`[data-testid="decision-${refs.tachograph}"]`).analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`), 'the decision panel').to.deep.equal([]);
      // Usable on a phone: nothing wider than the screen.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.waitForFunction(() => document.documentElement.scrollWidth <= 360, undefined, { timeout: 5_000 });
      await saveScreenshot(page, 'tab-board-proposal-decisions-fr');

      const decisions = ['proposal.declined', 'proposal.merged', 'proposal.accepted'].flatMap((kind) => listAudit(t.app.db, { action: kind }).map((entry) => [entry.action, entry.subjectRef]));
      expect(decisions).to.deep.equal([
        ['proposal.declined', refs.duplicate],
        ['proposal.merged', refs.declarations],
        ['proposal.accepted', refs.cabotage],
      ]);
    }));
});
