import { spawn } from 'node:child_process';
import path from 'node:path';
import { launchBrowser } from '../test/helpers/browser';
import { percentile, round } from './lib/stats';
import type { Report } from './lib/report';

const ROOT = path.join(__dirname, '..');

/** Navigation to the plan board rendered, in headless Chromium against the real server. */
export async function benchTabRender(report: Report, options: { dbPath: string; label: string; port: number; runs: number }): Promise<void> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bot/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(options.port), DB_PATH: options.dbPath, MicrosoftAppId: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Starting.
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const browser = await launchBrowser();
  const samples: number[] = [];
  try {
    const year = (await (await fetch(`${url}/api/plans`)).json()) as { years: number[] };
    const latest = year.years.at(-1);
    for (let i = 0; i < options.runs + 1; i++) {
      const page = await browser.newPage();
      const started = Date.now();
      await page.goto(`${url}/tab/?view=board&year=${latest}`);
      await page.getByTestId('board').waitFor();
      await page.locator('[data-testid^="action-tile-"]').first().waitFor();
      if (i > 0) samples.push(Date.now() - started);
      await page.close();
    }
  } finally {
    await browser.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  const p50 = round(percentile(samples, 50), 0);
  const worst = Math.max(...samples);
  report.add({ section: 'tab', measure: `navigation to board rendered, p50 / max (${options.label})`, value: `${p50} / ${worst}`, unit: 'ms', budget: '< 1000 ms', ok: worst < 1000 });
}
