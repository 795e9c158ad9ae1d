import 'dotenv/config';
import { loadConfigOrExit } from './config';
import { startApp } from './startApp';
import { log } from '../src/log';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const running = await startApp(config);
  if (config.mode === 'local') {
    process.stdout.write(
      `Cooperation Desk is running in LOCAL MODE: no MicrosoftAppId, so Bot Framework authentication is off and it listens on loopback only.\n` +
        `  Bot endpoint: ${running.url}/api/messages\n  Plan board tab: ${running.url}/tab/\n  Database: ${config.dbPath}\n`,
    );
  } else {
    process.stdout.write(`Cooperation Desk is running in production mode on ${running.url}\n`);
  }
  const shutdown = (signal: string) => {
    log.info('server.stopping', { signal });
    running.stop().then(
      () => process.exit(0),
      (error) => {
        log.error('server.stop_failed', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

process.on('unhandledRejection', (reason) => log.error('process.unhandled_rejection', { error: reason as Error }));

main().catch((error) => {
  log.error('server.start_failed', { error });
  process.exit(1);
});
