/**
 * The app as server/main.ts starts it, for `npm run faults`, with one difference: Teams' limit of 60
 * posts per conversation per 30 s is lifted, so that the thousands of alerts posted during the
 * kill -9 rounds reach the connector stub in seconds instead of an hour; and the held-answer round
 * queues numbered text posts of its own kind. What is measured (nothing
 * lost, nothing posted twice across a kill) does not depend on the rate.
 */
import { loadConfigOrExit } from '../../server/config';
import { startApp } from '../../server/startApp';
import { log } from '../../src/log';
import { HARNESS_POSTS } from '../../test/helpers/textPosts';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const running = await startApp(config, { outboxLimits: [{ count: 100_000, windowMs: 1000 }], outboxPollMs: 100, harnessPosts: HARNESS_POSTS });
  // The line test/helpers/serverProcess.ts waits for.
  process.stdout.write(`  Bot endpoint: ${running.url}/api/messages\n`);
  process.once('SIGTERM', () => void running.stop().then(() => process.exit(0)));
}

main().catch((error) => {
  log.error('server.start_failed', { error });
  process.exit(1);
});
