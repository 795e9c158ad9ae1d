import 'dotenv/config';
import { ConfigError, loadConfig } from './config';
import { startApp } from './startApp';
import { log } from '../src/log';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
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
