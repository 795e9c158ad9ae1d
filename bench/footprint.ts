import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round } from './lib/stats';
import type { Report } from './lib/report';

const ROOT = path.join(__dirname, '..');

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function waitForHealth(url: string, deadlineMs: number): Promise<boolean> {
  while (Date.now() < deadlineMs) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return true;
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return false;
}

/**
 * Cold start of the real server process (as `npm run serve` runs it) to /healthz 200, and its
 * memory after start and after a burst of requests against the given store.
 */
export async function benchFootprint(report: Report, options: { dbPath?: string; label: string; port: number; exercise?: (url: string) => Promise<void> }): Promise<void> {
  const dbPath = options.dbPath ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cooperation-desk-start-')), 'store.db');
  const url = `http://127.0.0.1:${options.port}`;
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bot/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(options.port), DB_PATH: dbPath, MicrosoftAppId: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const up = await waitForHealth(url, started + 30_000);
  const startMs = Date.now() - started;
  report.add({ section: 'footprint', measure: `cold start to /healthz 200 (${options.label})`, value: up ? startMs : 'no answer', unit: 'ms', budget: '< 2000 ms', ok: up && startMs < 2000 });
  const afterStart = round(rssOf(child.pid!), 0);
  report.add({ section: 'footprint', measure: `RSS after start (${options.label})`, value: afterStart, unit: 'MiB', budget: '< 200 MiB', ok: afterStart < 200 });
  if (options.exercise) {
    await options.exercise(url);
    const afterLoad = round(rssOf(child.pid!), 0);
    report.add({ section: 'footprint', measure: `RSS after the requests (${options.label})`, value: afterLoad, unit: 'MiB', budget: '< 200 MiB', ok: afterLoad < 200 });
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
