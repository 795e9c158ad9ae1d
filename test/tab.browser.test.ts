import { expect } from 'chai';
import AxeBuilder from '@axe-core/playwright';
import { startTestApp, type TestApp } from './helpers/testApp';
import { launchBrowser, saveScreenshot, type TestBrowser } from './helpers/browser';
import { getPlanView } from '../src/plans/planQueries';
import { translator } from '../src/i18n/translate';

describe('the plan board tab in a real browser', function () {
  this.timeout(60_000);
  let t: TestApp;
  let browser: TestBrowser;

  before(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows the 2024 demo plan grouped by status, with the development identity banner', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.app.url}/tab/?view=board&year=2024&locale=en-GB`);
    await page.getByTestId('board').waitFor();
    const plan = getPlanView(t.app.db, 2024)!;
    for (const action of plan.actions) {
      const tile = page.getByTestId(`column-${action.status}`).getByTestId(`action-tile-${action.ref}`);
      await tile.waitFor();
      expect(await tile.innerText()).to.include(action.title);
    }
    expect(await page.getByTestId('identity-banner').innerText()).to.include('ACT');
    await saveScreenshot(page, 'tab-board-2024');
    await page.close();
  });

  it('switches year with the year picker and shows the 2023 plan', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.app.url}/tab/?view=board&year=2024`);
    await page.getByTestId('board').waitFor();
    await page.getByTestId('year-picker').selectOption('2023');
    for (const action of getPlanView(t.app.db, 2023)!.actions) await page.getByTestId(`action-tile-${action.ref}`).waitFor();
    await page.close();
  });

  it('follows the dark theme and the French locale', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.app.url}/tab/?view=board&year=2023&theme=dark&locale=fr-FR`);
    await page.getByTestId('board').waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="view-board"]')!.closest('.fui-FluentProvider') ?? document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r + g + b, background).to.be.lessThan(150);
    expect(await page.locator('body').innerText()).to.include(translator('fr')('plan.status.implemented'));
    await saveScreenshot(page, 'tab-board-dark-fr');
    await page.close();
  });

  it('renders the meeting stage view', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.app.url}/tab/?view=stage&year=2024`);
    await page.getByTestId('view-stage').waitFor();
    await page.getByTestId('progress').waitFor();
    await saveScreenshot(page, 'tab-stage-2024');
    await page.close();
  });

  it('has no serious or critical accessibility violation', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.app.url}/tab/?view=board&year=2024`);
    await page.getByTestId('board').waitFor();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious).to.deep.equal([]);
    await page.close();
  });

  it('logged no page errors', () => {
    expect(browser.consoleErrors).to.deep.equal([]);
  });
});
