import { expect } from 'chai';
import AxeBuilder from '@axe-core/playwright';
import { startTestApp, type TestApp } from './helpers/testApp';
import { launchBrowser, saveScreenshot, withPages, type TestBrowser } from './helpers/browser';
import { translator } from '../src/i18n/translate';

describe('my open items in the tab, in a real browser', function () {
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

  it('shows, in Portuguese, every item the API lists for the development identity, and opens a plan action\'s detail', () =>
    withPages(browser, async (open) => {
      const pt = translator('pt');
      const expected = (await (await fetch(`${t.app.url}/api/mine?locale=pt-PT`)).json()) as { sections: Array<{ items: Array<{ kind: string; ref: string; line: string }> }> };
      const items = expected.sections.flatMap((section) => section.items);
      // The demo plans give Portugal's ACT actions of past years still open: something to show.
      expect(items.some((item) => item.kind === 'action')).to.equal(true);
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=mine&locale=pt-PT`);
      await page.getByTestId('my-items').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal(pt('mine.title'));
      const shown = page.getByTestId('open-item');
      expect(await shown.count()).to.equal(items.length);
      for (const item of items) expect(await page.locator(`[data-testid="open-item"][data-ref="${item.ref}"]`).first().innerText()).to.include(item.line);
      const action = items.find((item) => item.kind === 'action')!;
      await page.locator(`[data-testid="open-item"][data-ref="${action.ref}"] button`).click();
      await page.locator(`[data-testid="open-item"][data-ref="${action.ref}"]`).getByText(pt('tab.detail.authorities')).first().waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).to.deep.equal([]);
      await saveScreenshot(page, 'tab-mine-pt');
    }));
});
