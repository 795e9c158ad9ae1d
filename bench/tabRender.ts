import { launchBrowser } from '../test/helpers/browser';
import { percentile, round } from './lib/stats';
import { startAppProcess } from './lib/serverProcess';
import type { Report } from './lib/report';

/** Navigation to the plan board rendered, in headless Chromium against the real server. */
export async function benchTabRender(report: Report, options: { dbPath: string; label: string; port: number; runs: number }): Promise<void> {
  const app = await startAppProcess({ port: options.port, dbPath: options.dbPath });
  const browser = await launchBrowser();
  const samples: number[] = [];
  try {
    const { years } = (await (await fetch(`${app.url}/api/plans`)).json()) as { years: number[] };
    for (let i = 0; i < options.runs + 1; i++) {
      const page = await browser.newPage();
      const started = Date.now();
      await page.goto(`${app.url}/tab/?view=board&year=${years.at(-1)}`);
      await page.getByTestId('board').waitFor();
      await page.locator('[data-testid^="action-tile-"]').first().waitFor();
      // The first navigation warms the browser's cache and process; it is not a user's view.
      if (i > 0) samples.push(Date.now() - started);
      await page.close();
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  const p50 = round(percentile(samples, 50), 0);
  const worst = Math.max(...samples);
  report.add({ section: 'tab', measure: `navigation to board rendered, p50 / max (${options.label})`, value: `${p50} / ${worst}`, unit: 'ms', budget: '< 1000 ms', ok: worst < 1000 });
}
