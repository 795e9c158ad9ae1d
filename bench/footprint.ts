import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round } from './lib/stats';
import { startAppProcess } from './lib/serverProcess';
import type { Report } from './lib/report';

/**
 * Cold start of the server as production runs it (the bundle under plain node) to /healthz 200,
 * and its memory after start and after a burst of requests against the given store.
 */
export async function benchFootprint(report: Report, options: { dbPath?: string; label: string; port: number; exercise?: (url: string) => Promise<void> }): Promise<void> {
  const dbPath = options.dbPath ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cooperation-desk-start-')), 'store.db');
  const app = await startAppProcess({ port: options.port, dbPath });
  report.add({ section: 'footprint', measure: `cold start to /healthz 200 (${options.label})`, value: app.startMs, unit: 'ms', budget: '< 2000 ms', ok: app.startMs < 2000 });
  const afterStart = round(app.rssMiB(), 0);
  report.add({ section: 'footprint', measure: `RSS after start (${options.label})`, value: afterStart, unit: 'MiB', budget: '< 200 MiB', ok: afterStart < 200 });
  if (options.exercise) {
    await options.exercise(app.url);
    const afterLoad = round(app.rssMiB(), 0);
    report.add({ section: 'footprint', measure: `RSS after the requests (${options.label})`, value: afterLoad, unit: 'MiB', budget: '< 200 MiB', ok: afterLoad < 200 });
  }
  await app.stop();
}
