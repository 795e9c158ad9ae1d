import { expect } from 'chai';
import AxeBuilder from '@axe-core/playwright';
import { startTestApp, type TestApp } from './helpers/testApp';
import { launchBrowser, saveScreenshot, withPages, type Page, type TestBrowser } from './helpers/browser';
import { translator } from '../src/i18n/translate';
import { countryName } from '../src/reference/countries';
import { listAudit } from '../src/audit/audit';
import { listMemberStates } from '../src/reference/participants';
import { participatingStates } from '../src/plans/endorsement';

const en = translator('en');
const fr = translator('fr');

function seriousViolations(results: { violations: Array<{ impact?: string | null; id: string; help: string }> }): string[] {
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

/** The member states page in local mode, whose development identity acts as a coordinator. */
describe('the member states in the tab: a coordinator adds a state, deactivates and reactivates it, in a real browser', function () {
  this.timeout(90_000);
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

  async function openStates(page: Page, query: string): Promise<void> {
    await page.goto(`${t.app.url}/tab/?view=states&${query}`);
    await page.getByTestId('states-list').waitFor();
  }

  it('adds Belgium from the form: per-field messages first with every typed value kept and nothing stored, then the state in the list and in the proposal form without a reload', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await openStates(page, 'locale=en-GB');
      expect(await page.locator('h1').innerText()).to.equal(en('stateAdmin.tab.heading'));
      expect(await page.getByTestId('states-list').innerText()).to.include(countryName('PT', 'en'));
      // A mark on the page: were it reloaded, the mark would be gone.
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

      await page.getByTestId('add-state').click();
      const form = page.getByTestId('state-form');
      await form.waitFor();
      // Belgium is offered, a state already in is not.
      const offered = await page.getByTestId('state-country').locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
      expect(offered).to.include('BE').and.not.include('PT');

      await page.getByTestId('state-shortName').fill('SPF ETCS');
      await page.getByTestId('state-emailDomains').fill('emploi.belgique.be, emploi');
      await page.getByTestId('state-tenantIds').fill('not-a-guid');
      await page.getByTestId('state-submit').click();
      await page.getByTestId('state-form-message').waitFor();
      expect(await page.getByTestId('state-form-message').innerText()).to.equal(en('states.form.fixErrors'));
      const messages = await form.innerText();
      expect(messages).to.include(en('states.errors.domainInvalid', { domain: 'emploi' }));
      expect(messages).to.include(en('states.errors.tenantInvalid', { tenant: 'not-a-guid' }));
      expect(messages).to.include(en('states.errors.required'));
      expect(await page.getByTestId('state-shortName').inputValue()).to.equal('SPF ETCS');
      expect(await page.getByTestId('state-emailDomains').inputValue()).to.equal('emploi.belgique.be, emploi');
      expect(listMemberStates(t.app.db).map((state) => state.code)).to.not.include('BE');

      await page.getByTestId('state-country').selectOption('BE');
      await page.getByTestId('state-nameLocal').fill('Service public fédéral Emploi, Travail et Concertation sociale');
      await page.getByTestId('state-nameEn').fill('Federal Public Service Employment, Labour and Social Dialogue');
      await page.getByTestId('state-type-labour_inspectorate').check();
      await page.getByTestId('state-emailDomains').fill('emploi.belgique.be');
      await page.getByTestId('state-tenantIds').fill('');
      await page.getByTestId('state-submit').click();
      await page.getByTestId('states-message').waitFor();
      expect(await page.getByTestId('states-message').innerText()).to.equal(en('states.admitted', { country: countryName('BE', 'en'), authority: 'BE-SPFETCS' }));
      await page.getByTestId('state-BE').waitFor();
      expect(await page.getByTestId('authority-BE-SPFETCS').innerText()).to.include('Federal Public Service Employment, Labour and Social Dialogue (SPF ETCS)').and.include('emploi.belgique.be');
      expect(listAudit(t.app.db, { action: 'member_state.admitted' }).map((row) => row.subjectRef)).to.deep.equal(['BE']);
      expect(participatingStates(t.app.db)).to.include('BE');

      // The board, reached inside the page, offers Belgium in the new proposal's states.
      await page.getByTestId('view-switch-board').click();
      await page.getByTestId('view-board').waitFor();
      await page.getByTestId('new-proposal').click();
      await page.getByTestId('proposal-state-BE').waitFor();
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).to.equal(true);
      await saveScreenshot(page, 'tab-states-proposal-with-be');
    }));

  it('deactivates Belgium after a confirmation and reactivates it, in French: the list, the audit and the endorsement follow', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await openStates(page, 'locale=fr-FR');
      await page.getByTestId('deactivate-BE').click();
      await page.getByTestId('states-confirm').click();
      await page.locator('[data-testid="state-BE"][data-active="false"]').waitFor();
      expect(await page.getByTestId('states-message').innerText()).to.equal(fr('states.deactivated', { country: countryName('BE', 'fr'), authorities: 'BE-SPFETCS' }));
      expect(participatingStates(t.app.db)).to.not.include('BE');

      await page.getByTestId('reactivate-BE').click();
      await page.locator('[data-testid="state-BE"][data-active="true"]').waitFor();
      expect(await page.getByTestId('states-message').innerText()).to.equal(fr('stateAdmin.reactivated', { country: countryName('BE', 'fr'), authorities: 'BE-SPFETCS' }));
      expect(listAudit(t.app.db, { action: 'member_state.reactivated' }).map((row) => row.subjectRef)).to.deep.equal(['BE']);
      expect(participatingStates(t.app.db)).to.include('BE');

      // One authority of a state that stays: the last one is refused, in the server's French words.
      await page.getByTestId('deactivate-BE-SPFETCS').click();
      await page.getByTestId('states-confirm').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="states-message"]')?.textContent?.includes('BE-SPFETCS'));
      expect(await page.getByTestId('states-message').innerText()).to.equal(fr('stateAdmin.errors.lastAuthority', { id: 'BE-SPFETCS', country: countryName('BE', 'fr') }));
      expect(await page.getByTestId('authority-BE-SPFETCS').getAttribute('data-active')).to.equal('true');
    }));

  it('reads on a phone and in the three Teams themes, the form open, with no serious accessibility violation', () =>
    withPages(browser, async (open) => {
      for (const theme of ['default', 'dark', 'contrast']) {
        const page = await open();
        await page.setViewportSize({ width: 360, height: 800 });
        await openStates(page, `theme=${theme}&locale=pt-PT`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${theme}: no sideways scrolling`).to.be.at.most(360);
        expect(seriousViolations(await new AxeBuilder({ page }).analyze()), theme).to.deep.equal([]);
        await page.getByTestId('add-state').click();
        await page.getByTestId('state-form').waitFor();
        const box = await page.getByTestId('state-form').boundingBox();
        expect(box!.width, `${theme}: the form fits the screen`).to.be.at.most(360);
        // Contrast is measured once the dialog has faded in, not halfway.
        await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
        expect(seriousViolations(await new AxeBuilder({ page }).analyze()), `${theme}, form open`).to.deep.equal([]);
        await saveScreenshot(page, `tab-states-phone-${theme}`);
      }
    }));

  it('shows a member who is not a coordinator the list and who may change it, without any button to change it', () =>
    withPages(browser, async (open) => {
      // The development identity mapped to the Spanish inspectorate as a plain member.
      t.app.db.prepare("UPDATE users SET authority_id = 'ES-ITSS', role = 'member' WHERE aad_object_id = 'local-development-user'").run();
      const page = await open();
      await openStates(page, 'locale=en-GB');
      await page.getByTestId('states-coordinators-only').waitFor();
      expect(await page.getByTestId('states-coordinators-only').innerText()).to.equal(en('stateAdmin.tab.coordinatorsOnly'));
      expect(await page.getByTestId('add-state').count()).to.equal(0);
      expect(await page.locator('[data-testid^="deactivate-"], [data-testid^="reactivate-"], [data-testid^="add-authority-"]').count()).to.equal(0);
      expect(await page.getByTestId('state-BE').innerText()).to.include(countryName('BE', 'en'));
    }));
});
