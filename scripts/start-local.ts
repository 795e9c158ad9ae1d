/**
 * `npm start`: the app in local mode on its embedded SQLite store with demo data, plus the
 * Microsoft 365 Agents Playground (a local Teams emulator) pointed at it. No Microsoft account.
 */
import 'dotenv/config';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { loadConfigOrExit } from '../server/config';
import { startApp } from '../server/startApp';
import { findCooperationChannel } from '../src/conversations/conversationReferences';
import type { Db } from '../src/store/database';
import { installInPlaygroundTeam } from './playgroundTeam';

const PREFERRED_PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);

/** The preferred port when it is free, else one the system picks: the playground is told which. */
async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const chosen = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(chosen));
      });
    });
  return (await tryPort(preferred)) ?? (await tryPort(0))!;
}

async function waitUntilServing(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/**
 * Installs the app in the playground team's General channel, as adding it to a team does in Teams,
 * so that alerts, inspections and plan changes are posted there and answered on their cards. The
 * playground keeps no history between starts, so this runs on every start; the app remembers the
 * channel (with the playground's new address) and welcomes it only the first time.
 */
async function useTheTeamChannel(db: Db, dbPath: string, playgroundUrl: string): Promise<void> {
  try {
    const team = await installInPlaygroundTeam(playgroundUrl);
    // The install activity is handled asynchronously; the row is there within a moment.
    const deadline = Date.now() + 5_000;
    let channel = findCooperationChannel(db);
    while (channel?.conversationId !== team.channelId && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      channel = findCooperationChannel(db);
    }
    if (channel?.conversationId === team.channelId) {
      console.log(`  Cooperation channel: ${team.teamName} > ${team.channelName} in the playground (alerts made in personal chat are posted there)`);
    } else if (channel) {
      console.log(`  Cooperation channel: ${channel.conversationId}, kept from an earlier run of this store; delete ${path.resolve(dbPath)} to use the playground's team.`);
    } else {
      console.error(`The playground's team channel did not become the cooperation channel; alerts are stored but not posted.`);
    }
  } catch (error) {
    console.error(`Could not install the app in the playground's team (${(error as Error).message}); alerts are stored but not posted.`);
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.mode !== 'local') {
    console.error('npm start runs the local playground setup; unset MicrosoftAppId, or run the server with `npm run serve`.');
    process.exit(1);
  }
  const app = await startApp(config);
  console.log(`Cooperation Desk is running in LOCAL MODE: no MicrosoftAppId, so Bot Framework authentication is off and it listens on ${config.host} only.`);
  console.log(`  Database:        ${path.resolve(config.dbPath)}`);
  console.log(`  Bot endpoint:    ${app.url}/api/messages`);
  console.log(`  Plan board tab:  ${app.url}/tab/`);

  const port = await freePort(PREFERRED_PLAYGROUND_PORT);
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const playground = spawn(process.execPath, [cli, '-e', `${app.url}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its log would otherwise land in ./devTools; keep it beside the store.
    env: { ...process.env, M365_AGENTS_PLAYGROUND_LOGFILE: path.join(path.dirname(path.resolve(config.dbPath)), 'agents-playground.log') },
  });
  const playgroundUrl = `http://localhost:${port}/`;
  if (await waitUntilServing(playgroundUrl, 30_000)) {
    console.log(`  Agents Playground (chat with the bot, try /help): ${playgroundUrl}`);
    await useTheTeamChannel(app.db, config.dbPath, `http://127.0.0.1:${port}`);
  } else {
    console.error(`The Agents Playground did not answer on ${playgroundUrl}; the bot and the tab keep running.`);
  }
  console.log('Press Ctrl+C to stop.');
  playground.on('exit', (code) => {
    if (!stopping) console.error(`The Agents Playground stopped (exit code ${code}); the bot and the tab keep running.`);
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    playground.kill('SIGTERM');
    await app.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
