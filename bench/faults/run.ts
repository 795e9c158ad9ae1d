/**
 * `npm run faults`: the app under faults, with figures. Not a test (the logic of each is a test in
 * test/outbox.faults.test.ts and test/outbox.restart.test.ts): kill -9 under write load and while
 * the connector is slow to answer, a misbehaving Bot Connector, resent submissions and concurrent
 * tab updates.
 * Options: --only=kill,held,connector,resends  --rounds=N (kill -9 rounds, default 10).
 */
import path from 'node:path';
import { setLogLevel } from '../../src/log';
import { Report } from '../lib/report';
import { benchKillRounds } from './killRounds';
import { benchConnectorFaults } from './connectorFaults';
import { benchResends } from './resends';
import { benchHeldAnswers } from './heldAnswers';

setLogLevel('silent');

async function main(): Promise<void> {
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7).split(',');
  const wants = (section: string) => !only || only.includes(section);
  const rounds = Number(process.argv.find((arg) => arg.startsWith('--rounds='))?.slice(9) ?? 10);
  const report = new Report();
  if (wants('kill')) await benchKillRounds(report, { rounds, submitters: 8 });
  if (wants('held')) await benchHeldAnswers(report, { kills: 8, answerMs: 400 });
  if (wants('connector')) await benchConnectorFaults(report, { conversations: 3, postsPerConversation: 40, faultShare: 0.3, sendTimeoutMs: 500 });
  if (wants('resends')) await benchResends(report, { forms: 10, resendAfterMs: 16_000, tabPairs: 20 });
  report.print();
  console.log(`\nresults written to ${path.relative(process.cwd(), report.write(path.join(__dirname, '..', 'results', 'faults.json')))}`);
  const missed = report.missed();
  console.log(missed.length === 0 ? 'every expectation met' : `expectations missed: ${missed.map((row) => row.measure).join('; ')}`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
