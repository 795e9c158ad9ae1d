import { expect } from 'chai';
import AxeBuilder from '@axe-core/playwright';
import { startTestApp, type TestApp } from './helpers/testApp';
import { launchBrowser, saveScreenshot, withPages, type TestBrowser } from './helpers/browser';
import { manualClock } from './helpers/people';
import { BOARD_PEOPLE, COMPANY_A, COMPANY_C, seedRequestBoard, type BoardSample } from './helpers/requestBoardSamples';
import { translator } from '../src/i18n/translate';
import { resolveMember } from '../src/identity/members';
import { validateActionDraft } from '../src/plans/actionInput';
import { createAction } from '../src/plans/createAction';
import { listAuthorities } from '../src/reference/participants';

describe('the Requests view of the tab in a real browser', function () {
  this.timeout(60_000);
  let t: TestApp;
  let browser: TestBrowser;
  let refs: BoardSample['refs'];
  const clock = manualClock('2026-12-03T09:00:00Z');
  const en = translator('en');
  const fr = translator('fr');

  before(async () => {
    // Only the seeded requests: the demo data's would join the list and the indicators.
    t = await startTestApp({ clock, env: { DEMO_DATA: 'never' } });
    // The way in is the plan board, which shows a year with actions: one of 2024, added by a coordinator.
    const coordinator = resolveMember(t.app.db, clock, { aadObjectId: 'local-development-user', tenantId: null }, { demoAuthorityId: 'PT-ACT' })!;
    const checked = validateActionDraft(
      { year: '2024', title: 'Road transport week', type: 'joint_inspection', scope: 'multilateral', states: ['ES', 'FR', 'PT'], leadState: 'PT' },
      { memberStates: ['ES', 'FR', 'IT', 'PT'], authorities: listAuthorities(t.app.db), thisYear: 2024 },
    );
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    createAction(t.app.db, clock, { ...coordinator, role: 'coordinator' }, checked.input, { formId: 'board-2024' });
    ({ refs } = await seedRequestBoard(t.app.db, clock, (who) => resolveMember(t.app.db, clock, { aadObjectId: BOARD_PEOPLE[who].oid, tenantId: null, email: BOARD_PEOPLE[who].email })!));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('is reached from the plan board, lists the open requests by deadline with the overdue one marked, and leads back', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=board&year=2024&locale=en-GB`);
      await page.getByTestId('board').waitFor();
      await page.getByTestId('view-switch-requests').click();
      await page.getByTestId('view-requests').waitFor();
      expect(await page.locator('h1').innerText()).to.equal(en('tabRequests.heading'));
      expect(new URL(page.url()).searchParams.get('view')).to.equal('requests');
      await page.getByTestId('request-list').waitFor();

      // The development identity coordinates: every open request, the overdue one first, the answered ones last.
      const rows = page.locator('[data-testid="request-list"] > li');
      expect(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')))).to.deep.equal(
        [refs.overdue, refs.pending, refs.answeredInTime, refs.answeredLate].map((ref) => `request-${ref}`),
      );
      const overdue = page.getByTestId(`request-${refs.overdue}`);
      expect(await overdue.getAttribute('data-overdue')).to.equal('true');
      expect(await overdue.getByTestId('overdue-badge').innerText()).to.equal(en('tabRequests.row.overdueBadge'));
      expect(await overdue.getByTestId('deadline').innerText()).to.equal('Overdue since Dec 9, 2026');
      expect(await overdue.innerText()).to.include(COMPANY_C.companyName).and.include('INL (IT): sent, late since Dec 9, 2026');
      expect(await page.getByTestId(`request-${refs.pending}`).getByTestId('deadline').innerText()).to.match(/^Due Jan \d+, 2027$/);
      expect(await page.getByTestId(`request-${refs.pending}`).getByTestId('overdue-badge').count()).to.equal(0);
      expect(await page.getByTestId(`request-${refs.pending}`).innerText()).to.include('ACT (PT) proposes a new deadline: Jan 20, 2027');
      expect(await page.getByTestId(`request-${refs.answeredInTime}`).getByTestId('deadline').innerText()).to.equal(en('tabRequests.row.allAnswered'));
      expect(await page.getByTestId(`request-${refs.pending}`).getByTestId('topics').innerText()).to.equal('Topics: Accidents at work');
      await saveScreenshot(page, 'tab-requests-en');

      // Back to the board with the view switch, and with the browser's back button.
      await page.getByTestId('view-switch-board').click();
      await page.getByTestId('board').waitFor();
      await page.goBack();
      await page.getByTestId('view-requests').waitFor();
    }));

  it('filters by state, topic and company, keeping the filters in the address', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=requests&locale=en-GB`);
      await page.getByTestId('request-list').waitFor();
      const shown = () => page.locator('[data-testid="request-list"] > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')));
      const waitForRows = (count: number) => page.waitForFunction((n) => document.querySelectorAll('[data-testid="request-list"] > li').length === n, count);

      await page.getByTestId('request-filter-status').selectOption('overdue');
      await waitForRows(1);
      expect(await shown()).to.deep.equal([`request-${refs.overdue}`]);
      expect(new URL(page.url()).searchParams.get('status')).to.equal('overdue');
      expect(await page.getByTestId('request-filters-summary').innerText()).to.equal(en('tabRequests.filters.matching', { count: 1 }));

      await page.getByTestId('request-filters-clear').click();
      await waitForRows(4);
      await page.getByTestId('request-filter-topic').selectOption('accidents');
      await waitForRows(1);
      expect(await shown()).to.deep.equal([`request-${refs.pending}`]);

      await page.getByTestId('request-filter-topic').selectOption('');
      await waitForRows(4);
      await page.getByTestId('request-filter-company').selectOption({ label: `${COMPANY_A.companyName} (Portugal)` });
      await waitForRows(2);
      expect(await shown()).to.deep.equal([`request-${refs.answeredInTime}`, `request-${refs.answeredLate}`]);

      // A reload shows the same filtered list.
      await page.reload();
      await waitForRows(2);
      expect(await page.getByTestId('request-filter-company').inputValue()).to.not.equal('');
      await page.getByTestId('request-filter-status').selectOption('sent');
      await page.getByTestId('empty').waitFor();
      expect(await page.getByTestId('empty').innerText()).to.include(en('tabRequests.list.emptyFiltered'));
    }));

  it("shows each authority's indicators in working days, with what is not measured yet said in words", () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=requests&locale=en-GB`);
      await page.getByTestId('indicator-table').waitFor();
      const iss = page.getByTestId('indicators-PT-ISS');
      expect(await iss.innerText()).to.include('ISS (PT)').and.include('Institute of Social Security');
      expect(await iss.getByTestId('share').innerText()).to.equal('67%');
      expect(await iss.getByTestId('average').innerText()).to.equal('2');
      expect(await page.getByTestId('indicators-IT-INL').getByTestId('share').innerText()).to.equal('0%');
      expect(await page.getByTestId('indicators-IT-INL').getByTestId('average').innerText()).to.equal(en('tabRequests.indicators.noAnswer'));
      expect(await page.getByTestId('indicators-PT-ACT').getByTestId('share').innerText()).to.equal(en('tabRequests.indicators.notMeasured'));
      expect(await page.getByTestId('request-indicators').innerText()).to.include(en('tabRequests.indicators.intro', { year: 2026 }));
      expect(await page.getByTestId('indicator-year').inputValue()).to.equal('2026');
    }));

  it('follows the French locale and the dark theme', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=requests&locale=fr-FR&theme=dark`);
      await page.getByTestId('request-list').waitFor();
      expect(await page.locator('h1').innerText()).to.equal(fr('tabRequests.heading'));
      expect(await page.evaluate(() => document.documentElement.lang)).to.equal('fr');
      const overdue = page.getByTestId(`request-${refs.overdue}`);
      expect(await overdue.getByTestId('overdue-badge').innerText()).to.equal(fr('tabRequests.row.overdueBadge'));
      expect(await overdue.getByTestId('deadline').innerText()).to.equal('En retard depuis le 9 déc. 2026');
      expect(await page.getByTestId(`request-${refs.pending}`).getByTestId('topics').innerText()).to.equal('Thèmes : Accidents du travail');
      expect(await page.getByTestId('view-switch-board').innerText()).to.equal(fr('tabRequests.nav.plan'));
      expect(await page.getByTestId('indicators-PT-ISS').getByTestId('share').innerText()).to.match(/^67[\u00a0\u202f ]%$/);
      const background = await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="view-requests"]')!.closest('.fui-FluentProvider')!).backgroundColor);
      const [r, g, b] = background.match(/\d+/g)!.map(Number);
      expect(r + g + b, background).to.be.lessThan(150);
      await saveScreenshot(page, 'tab-requests-dark-fr');
    }));

  it('is readable on a phone in the high-contrast theme: no sideways scrolling of the page, no serious accessibility violation', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${t.app.url}/tab/?view=requests&locale=pt-PT&theme=contrast`);
      await page.getByTestId('request-list').waitFor();
      await page.getByTestId('indicator-table').waitFor();
      expect(await page.locator('h1').innerText()).to.equal(translator('pt')('tabRequests.heading'));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'the page scrolls sideways').to.be.at.most(0);
      const row = await page.getByTestId(`request-${refs.overdue}`).boundingBox();
      expect(row!.width).to.be.at.most(360);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.html.slice(0, 200)).join(' | ')}`);
      expect(serious).to.deep.equal([]);
      await saveScreenshot(page, 'tab-requests-phone-contrast-pt');
    }));
});
