/**
 * `npm run bench`: measures the bot, the store and the tab against baselines measured in the same
 * run (these machines are shared and noisy: absolute times vary, ratios hold). Not a test.
 * Options: --quick (smaller store and shorter loads), --only=bot,store,footprint,tab.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setLogLevel } from '../src/log';
import { Report } from './lib/report';
import { benchBotThroughput } from './botThroughput';
import { benchStoreScale } from './storeScale';
import { benchFootprint } from './footprint';
import { benchTabRender } from './tabRender';
import { freePort } from './lib/serverProcess';
import { FULL_SCALE } from './generateStore';

setLogLevel('warn');

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7).split(',');
  const wants = (section: string) => !only || only.includes(section);
  const report = new Report();
  const spec = quick ? { ...FULL_SCALE, companies: 20_000, alerts: 100_000 } : FULL_SCALE;

  if (wants('bot')) await benchBotThroughput(report, { seconds: quick ? 4 : 8, warmupSeconds: quick ? 2 : 5, connections: 50, rounds: quick ? 1 : 3 });
  let scaleDb: string | null = null;
  if (wants('store') || wants('tab') || wants('footprint')) {
    const store = await benchStoreScale(report, spec);
    store.db.close();
    scaleDb = store.file;
  }
  if (wants('footprint')) {
    await benchFootprint(report, { label: 'demo data', port: await freePort() });
    await benchFootprint(report, {
      label: `${spec.alerts} alerts`,
      port: await freePort(),
      dbPath: scaleDb!,
      exercise: async (url) => {
        for (let i = 0; i < 200; i++) await fetch(`${url}/api/plans/${2017 + (i % 10)}`);
      },
    });
  }
  if (wants('tab')) {
    await benchTabRender(report, { dbPath: path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'cooperation-desk-tab-')), 'store.db'), label: 'demo data', port: await freePort(), runs: 5 });
    await benchTabRender(report, { dbPath: scaleDb!, label: `${spec.alerts} alerts`, port: await freePort(), runs: 5 });
  }
  if (scaleDb) fs.rmSync(path.dirname(scaleDb), { recursive: true, force: true });
  report.print();
  console.log(`\nresults written to ${path.relative(process.cwd(), report.write())}`);
  const missed = report.missed();
  console.log(missed.length === 0 ? 'every budget met' : `budgets missed: ${missed.map((row) => row.measure).join('; ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
