import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google on this closed network.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');

export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Console errors and uncaught exceptions of one page so far, except teams-js' offline lookups. */
  errorsOf(page: Page): string[];
  close(): Promise<void>;
}

// Offline, teams-js' valid-domains lookup fails, and a refused API call (a 409 on a stale update,
// which the test wants) is logged as "Failed to load resource": neither is a fault of the page.
const IGNORED = /valid ?domains|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|Failed to load resource/i;

/** Debian's Chromium driven by playwright-core, with a fresh profile for every run. */
export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cooperation-desk-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, args: FLAGS, headless: true, viewport: { width: 1280, height: 900 } });
  const errors = new WeakMap<Page, string[]>();
  const watch = (page: Page) => {
    const seen: string[] = [];
    errors.set(page, seen);
    page.on('console', (message) => {
      if (message.type() === 'error' && !IGNORED.test(message.text())) seen.push(message.text());
    });
    page.on('pageerror', (error) => seen.push(error.message));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    newPage: () => context.newPage(),
    errorsOf: (page) => [...(errors.get(page) ?? [])],
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs one test's browser work: `open` gives it pages, which are closed afterwards whatever
 * happens; then the test fails if any of those pages logged an error. Each test answers for its
 * own pages only, so it checks the same alone as in the whole file (an afterEach could not: a
 * failing hook makes mocha skip the rest of the suite).
 */
export async function withPages(browser: TestBrowser, body: (open: () => Promise<Page>) => Promise<void>): Promise<void> {
  const pages: Page[] = [];
  const open = async () => {
    const page = await browser.newPage();
    pages.push(page);
    return page;
  };
  try {
    await body(open);
  } finally {
    for (const page of pages) if (!page.isClosed()) await page.close();
  }
  const logged = pages.flatMap((page, i) => browser.errorsOf(page).map((error) => `page ${i + 1}: ${error}`));
  if (logged.length > 0) throw new Error(`the page logged errors:\n${logged.join('\n')}`);
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export type { Browser, Page };
