import { expect } from 'chai';
import AxeBuilder from '@axe-core/playwright';
import { startTestApp, type TestApp } from './helpers/testApp';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, saveScreenshot, withPages, type Page, type TestBrowser } from './helpers/browser';
import { listAudit } from '../src/audit/audit';
import { getPlanView } from '../src/plans/planQueries';
import { translator } from '../src/i18n/translate';
import { resolveMember } from '../src/identity/members';
import { updateActionStatus } from '../src/plans/updateActionStatus';
import { systemClock } from '../src/clock';
import { LANGUAGES } from '../src/i18n/languages';
import { helpCard } from '../bot/handlers/help';
import { commandNames } from '../bot/app';

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

  it('shows the 2024 demo plan grouped by status, with the development identity banner', () =>
    withPages(browser, async (open) => {
      const page = await open();
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
    }));

  it("opens on this year's illustrative plan in progress, a tile in every status column, and offers next year's draft", () =>
    withPages(browser, async (open) => {
      const en = translator('en');
      const year = new Date().getUTCFullYear();
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=board&locale=en-GB`);
      await page.getByTestId('board').waitFor();
      expect(await page.getByTestId('year-picker').inputValue()).to.equal(String(year));
      for (const status of ['planned', 'initiated', 'implemented', 'postponed', 'cancelled']) {
        const tiles = page.getByTestId(`column-${status}`).locator('[data-testid^="action-tile-"]');
        await tiles.first().waitFor();
        for (const text of await tiles.allInnerTexts()) expect(text, status).to.include('Illustrative: ');
      }
      expect(await page.getByTestId('progress').innerText()).to.include(en('tab.planStatus.agreed'));
      await page.getByTestId('year-picker').selectOption(String(year + 1));
      await page.waitForFunction((text) => document.querySelector('[data-testid="progress"]')?.textContent?.includes(text), en('tab.planStatus.draft'));
      for (const action of getPlanView(t.app.db, year + 1)!.actions) await page.getByTestId('column-planned').getByTestId(`action-tile-${action.ref}`).waitFor();
      await saveScreenshot(page, 'tab-board-current-year');
    }));

  it('switches year with the year picker and shows the 2023 plan', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=board&year=2024`);
      await page.getByTestId('board').waitFor();
      await page.getByTestId('year-picker').selectOption('2023');
      for (const action of getPlanView(t.app.db, 2023)!.actions) await page.getByTestId(`action-tile-${action.ref}`).waitFor();
    }));

  it('follows the dark theme and the French locale', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=board&year=2023&theme=dark&locale=fr-FR`);
      await page.getByTestId('board').waitFor();
      const background = await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="view-board"]')!.closest('.fui-FluentProvider') ?? document.body).backgroundColor);
      const [r, g, b] = background.match(/\d+/g)!.map(Number);
      expect(r + g + b, background).to.be.lessThan(150);
      expect(await page.locator('body').innerText()).to.include(translator('fr')('plan.status.implemented'));
      await saveScreenshot(page, 'tab-board-dark-fr');
    }));

  it("shows this year's plan on the meeting stage: the year, the counts, every tile in its column, and a change made meanwhile", () =>
    withPages(browser, async (open) => {
      const en = translator('en');
      const year = new Date().getUTCFullYear();
      const plan = getPlanView(t.app.db, year)!;
      const implemented = plan.actions.filter((a) => a.status === 'implemented').length;
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=stage&year=${year}&locale=en-GB`);
      await page.getByTestId('view-stage').waitFor();
      expect(await page.locator('h1').innerText()).to.equal(en('tab.stage.heading', { year }));
      expect(await page.getByTestId('progress-implemented').innerText()).to.equal(en('tab.progress.implemented', { count: plan.actions.length, implemented }));
      for (const action of plan.actions) {
        expect(await page.getByTestId(`column-${action.status}`).getByTestId(`action-tile-${action.ref}`).innerText(), action.ref).to.include(action.title);
      }
      await page.waitForSelector('[data-testid="view-stage"][data-live="live"]');

      // Someone updates an action elsewhere (a card in the channel, another tab) while the stage is open.
      const moving = plan.actions.find((a) => a.status === 'initiated' && a.states.includes('PT'))!;
      const member = resolveMember(t.app.db, systemClock, { aadObjectId: 'stage-test-inspector', tenantId: null, email: 'inspector@act.gov.pt', displayName: 'ACT inspector' })!;
      updateActionStatus(t.app.db, systemClock, member, { ref: moving.ref, status: 'implemented', note: 'Report presented at the meeting.', expectedVersion: moving.version });
      await page.getByTestId('column-implemented').getByTestId(`action-tile-${moving.ref}`).waitFor({ timeout: 10_000 });
      await page.waitForFunction(
        (text) => document.querySelector('[data-testid="progress-implemented"]')?.textContent === text,
        en('tab.progress.implemented', { count: plan.actions.length, implemented: implemented + 1 }),
        { timeout: 10_000 },
      );
      expect(await page.getByTestId('column-initiated').getByTestId(`action-tile-${moving.ref}`).count(), 'the tile left its old column').to.equal(0);
      await saveScreenshot(page, 'tab-stage-current-year');
    }));

  it('has no serious or critical accessibility violation', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=board&year=2024`);
      await page.getByTestId('board').waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
      expect(serious).to.deep.equal([]);
    }));
});

interface DemoAction {
  ref: string;
  year: number;
  type: string;
  status: string;
  states: string[];
  leadState: string | null;
}

/** The seed's demo plan, read from the file: what the board must show. */
const DEMO: DemoAction[] = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'src', 'demo', 'plan-actions.json'), 'utf8')).actions;

async function tileRefs(page: Page, scope = 'board'): Promise<string[]> {
  const ids = await page.getByTestId(scope).locator('[data-testid^="action-tile-"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')!));
  return ids.map((id) => id.replace('action-tile-', '')).sort();
}

/** Waits until the board shows exactly these actions (filters apply asynchronously). */
async function waitForTiles(page: Page, expected: string[], scope = 'board'): Promise<void> {
  const want = [...expected].sort();
  await page.waitForFunction(
    ({ scope, want }) => {
      const board = document.querySelector(`[data-testid="${scope}"]`);
      if (!board) return false;
      const refs = [...board.querySelectorAll('[data-testid^="action-tile-"]')].map((node) => node.getAttribute('data-testid')!.replace('action-tile-', '')).sort();
      return JSON.stringify(refs) === JSON.stringify(want);
    },
    { scope, want },
  );
}

async function postStatus(t: TestApp, ref: string, status: string, note: string) {
  const { version } = (await (await fetch(`${t.app.url}/api/actions/${ref}`)).json()) as { version: number };
  const response = await fetch(`${t.app.url}/api/actions/${ref}/status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status, note, version }) });
  expect(response.status).to.equal(200);
}

function seriousViolations(results: { violations: Array<{ impact?: string | null; id: string; help: string }> }): string[] {
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

describe('the plan board tab: filters, detail, updates and the meeting views', function () {
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

  it('shows the whole 2023 demo plan, with progress per member state', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=board&year=2023&locale=en-GB`);
      await page.getByTestId('board').waitFor();
      const actions = DEMO.filter((a) => a.year === 2023);
      expect(await tileRefs(page)).to.deep.equal(actions.map((a) => a.ref).sort());
      const implemented = actions.filter((a) => a.status === 'implemented').length;
      expect(await page.getByTestId('progress-implemented').innerText()).to.equal(translator('en')('tab.progress.implemented', { count: actions.length, implemented }));
      const italy = actions.filter((a) => a.states.includes('IT') || a.leadState === 'IT');
      expect(await page.getByTestId('progress-state-IT').innerText()).to.include(
        translator('en')('tab.progress.state', { state: 'Italy', implemented: italy.filter((a) => a.status === 'implemented').length, count: italy.length }),
      );
    }));

  it('filters by state, pair, type and accent-insensitive text, keeps the filters in the address, and clears them', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=board&year=2023`);
      await page.getByTestId('board').waitFor();
      const y2023 = DEMO.filter((a) => a.year === 2023);

      await page.getByTestId('filter-state').selectOption('IT');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('state') === 'IT');
      await waitForTiles(page, y2023.filter((a) => a.states.includes('IT') || a.leadState === 'IT').map((a) => a.ref));

      await page.getByTestId('filter-type').selectOption('staff_exchange');
      await waitForTiles(page, ['2023-12']);

      await page.getByTestId('filters-clear').click();
      await page.getByTestId('filter-pair').selectOption('ES-FR');
      await waitForTiles(page, y2023.filter((a) => a.states.length === 2 && [...a.states].sort().join('-') === 'ES-FR').map((a) => a.ref));

      await page.getByTestId('filters-clear').click();
      await page.getByTestId('filter-text').fill('puigcerda');
      await waitForTiles(page, ['2023-09']);
      await page.reload();
      await page.getByTestId('board').waitFor();
      expect(await tileRefs(page), 'the address keeps the filter').to.deep.equal(['2023-09']);
      await page.getByTestId('filters-clear').click();
      await waitForTiles(page, y2023.map((a) => a.ref));
    }));

  it('opens a tile with the keyboard, updates its status from the detail, and the board and the audit log follow', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=board&year=2023&locale=en-GB`);
      await page.getByTestId('board').waitFor();
      const tile = page.getByTestId('column-initiated').getByTestId('action-tile-2023-02');
      await tile.focus();
      await page.keyboard.press('Enter');
      const detail = page.getByTestId('action-detail-2023-02');
      await detail.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).to.include('2023-02');
      expect(await detail.getByTestId('timeline').count()).to.equal(0);

      await detail.getByTestId('update-status').selectOption('implemented');
      await detail.getByTestId('update-note').fill('Network of contact points confirmed at the Porto meeting.');
      await detail.getByTestId('update-submit').click();
      await detail.getByTestId('update-message').waitFor();
      expect(await detail.getByTestId('update-message').getAttribute('data-intent')).to.equal('success');
      expect(await detail.getByTestId('detail-status').innerText()).to.equal(translator('en')('plan.status.implemented'));
      expect(await detail.getByTestId('timeline').innerText()).to.include('Network of contact points confirmed at the Porto meeting.').and.include('ACT (PT)');

      await page.getByTestId('column-implemented').getByTestId('action-tile-2023-02').waitFor();
      const audit = listAudit(t.app.db, { subjectRef: '2023-02' });
      expect(audit.map((entry) => [entry.action, entry.authorityId, entry.details?.to])).to.deep.equal([['action.status_changed', 'PT-ACT', 'implemented']]);

      await page.keyboard.press('Escape');
      await page.getByTestId('action-drawer').waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).to.equal('action-tile-2023-02');
    }));

  it('refuses an update made on a stale detail, shows the newer state and keeps the typed note', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=board&year=2023&locale=fr-FR`);
      await page.getByTestId('board').waitFor();
      await page.getByTestId('action-tile-2023-04').click();
      const detail = page.getByTestId('action-detail-2023-04');
      await detail.waitFor();
      // Meanwhile someone else postpones the action.
      await postStatus(t, '2023-04', 'postponed', 'Waiting for the new data protection agreement.');
      await detail.getByTestId('update-status').selectOption('implemented');
      await detail.getByTestId('update-note').fill('Exchange done.');
      await detail.getByTestId('update-submit').click();
      await detail.getByTestId('update-message').waitFor();
      expect(await detail.getByTestId('update-message').getAttribute('data-intent')).to.equal('warning');
      expect(await detail.getByTestId('update-message').innerText()).to.include(translator('fr')('plan.status.postponed'));
      await page.waitForFunction(() => document.querySelector('[data-testid="detail-status"]')?.textContent !== 'Engagée');
      expect(await detail.getByTestId('detail-status').innerText()).to.equal(translator('fr')('plan.status.postponed'));
      expect(await detail.getByTestId('timeline').innerText()).to.include('Waiting for the new data protection agreement.');
      expect(await detail.getByTestId('update-note').inputValue()).to.equal('Exchange done.');
      expect(listAudit(t.app.db, { subjectRef: '2023-04' }), 'only the first update was saved').to.have.length(1);
    }));

  it('shows the meeting stage large and read-only, and updates it live when a status changes through the API', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.goto(`${t.app.url}/tab/?view=stage&year=2024&locale=en-GB`);
      await page.getByTestId('view-stage').waitFor();
      await page.getByTestId('column-initiated').getByTestId('action-tile-2024-01').waitFor();
      await page.waitForSelector('[data-testid="view-stage"][data-live="live"]');
      expect(await page.getByTestId('update-form').count(), 'nothing to edit on the stage').to.equal(0);
      await postStatus(t, '2024-01', 'implemented', 'Presented at the annual meeting.');
      await page.getByTestId('column-implemented').getByTestId('action-tile-2024-01').waitFor();
      const y2024 = DEMO.filter((a) => a.year === 2024);
      const implemented = y2024.filter((a) => a.status === 'implemented').length + 1;
      await page.waitForFunction((text) => document.querySelector('[data-testid="progress-implemented"]')?.textContent === text, translator('en')('tab.progress.implemented', { count: y2024.length, implemented }));
      await saveScreenshot(page, 'tab-stage-live-2024');
      const results = await new AxeBuilder({ page }).analyze();
      expect(seriousViolations(results)).to.deep.equal([]);
    }));

  it('offers quick updates in the meeting side panel', () =>
    withPages(browser, async (open) => {
      const page = await open();
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${t.app.url}/tab/?view=sidepanel&year=2023&locale=es-ES`);
      await page.getByTestId('view-sidepanel').waitFor();
      await page.getByTestId('row-2023-06').click();
      const detail = page.getByTestId('action-detail-2023-06');
      await detail.getByTestId('update-note').fill('Lista de 12 empresas intercambiada.');
      await detail.getByTestId('update-submit').click();
      await detail.getByTestId('update-message').waitFor();
      expect(await detail.getByTestId('update-message').innerText()).to.equal(translator('es')('plan.card.noteAdded'));
      expect(listAudit(t.app.db, { subjectRef: '2023-06' }).map((entry) => entry.action)).to.deep.equal(['action.note_added']);
      const results = await new AxeBuilder({ page }).analyze();
      expect(seriousViolations(results)).to.deep.equal([]);
      await saveScreenshot(page, 'tab-sidepanel-es');
    }));

  it('keeps long type names inside their tiles, in Portuguese and French on a narrow board', () =>
    withPages(browser, async (open) => {
      for (const locale of ['pt-PT', 'fr-FR']) {
        const page = await open();
        await page.setViewportSize({ width: 1100, height: 900 });
        await page.goto(`${t.app.url}/tab/?view=board&year=2023&locale=${locale}`);
        await page.getByTestId('board').waitFor();
        const overflowing = await page.getByTestId('board').locator('[data-testid^="action-tile-"]').evaluateAll((tiles) =>
          tiles
            .filter((tile) => {
              const badge = tile.querySelector('[data-testid="type-badge"]')!.getBoundingClientRect();
              const box = tile.getBoundingClientRect();
              return badge.right > box.right + 0.5 || badge.left < box.left - 0.5;
            })
            .map((tile) => tile.getAttribute('data-testid')),
        );
        expect(overflowing, locale).to.deep.equal([]);
      }
    }));

  it('has no serious accessibility violation with the detail open, in the dark and high-contrast themes', () =>
    withPages(browser, async (open) => {
      for (const theme of ['dark', 'contrast']) {
        const page = await open();
        await page.goto(`${t.app.url}/tab/?view=board&year=2024&theme=${theme}&locale=it-IT`);
        await page.getByTestId('board').waitFor();
        await page.getByTestId('action-tile-2024-03').click();
        await page.getByTestId('action-detail-2024-03').waitFor();
        const results = await new AxeBuilder({ page }).analyze();
        expect(seriousViolations(results), theme).to.deep.equal([]);
        await saveScreenshot(page, `tab-board-detail-${theme}-it`);
      }
    }));
});

describe('the help card on a phone, rendered by the Adaptive Cards library', function () {
  this.timeout(60_000);
  const PHONE_WIDTH = 360;
  let browser: TestBrowser;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const language of LANGUAGES) {
    it(`reads at ${PHONE_WIDTH} px in ${language}: every command and its description take the card's width`, () =>
      withPages(browser, async (open) => {
        const t = translator(language);
        const card = helpCard({ t, commandNames: commandNames(), tabUrl: 'http://127.0.0.1:3978/tab/?view=board', notice: t('identity.localDemo', { authority: 'ACT', state: 'PT' }) });
        const page = await open();
        await page.setViewportSize({ width: PHONE_WIDTH, height: 800 });
        await page.setContent('<!doctype html><html><head><meta name="viewport" content="width=device-width"></head><body style="margin:0"><div id="card"></div></body></html>');
        await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
        await page.evaluate((json) => {
          const { AdaptiveCard } = (window as any).AdaptiveCards;
          const rendered = new AdaptiveCard();
          rendered.parse(json);
          document.getElementById('card')!.appendChild(rendered.render());
        }, card as unknown);

        const texts = commandNames().flatMap((name) => [t(`help.commands.${name}.usage`), t(`help.commands.${name}.description`)]);
        const widths = await page.evaluate((wanted) => {
          const blocks = [...document.querySelectorAll('.ac-textBlock')] as HTMLElement[];
          return wanted.map((text) => {
            const block = blocks.find((node) => node.textContent?.trim() === text.trim());
            return { text, width: block ? block.getBoundingClientRect().width : 0 };
          });
        }, texts);
        // On a phone the card is the screen's width less its padding; a column layout left the
        // descriptions a few pixels, one letter per line.
        const narrow = widths.filter((block) => block.width < PHONE_WIDTH * 0.8).map((block) => `${Math.round(block.width)} px: ${block.text}`);
        expect(narrow).to.deep.equal([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling').to.be.at.most(PHONE_WIDTH);
        await saveScreenshot(page, `help-card-${PHONE_WIDTH}px-${language}`);
      }));
  }
});
