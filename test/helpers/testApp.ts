import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config';
import { startApp, type RunningApp, type StartOptions } from '../../server/startApp';
import { ConnectorStub } from './connectorStub';
import { assertValidCard, cardsOf } from './cardValidator';
import { HARNESS_POSTS } from './textPosts';

export interface TestApp {
  app: RunningApp;
  connector: ConnectorStub;
  config: Config;
  dbPath: string;
  /** Posts an activity to /api/messages as Teams would; returns the HTTP status and body (invoke responses). */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Every Adaptive Card the connector received, each validated at 1.5. */
  sentCards(): unknown[];
  stop(): Promise<void>;
}

export interface TestAppOptions extends StartOptions {
  env?: Record<string, string>;
  /** Reuse a database file (e.g. to test a restart). */
  dbPath?: string;
  /** Leave the database file in place after stop, for a restart on the same store. */
  keepDb?: boolean;
}

export function tempDbPath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cooperation-desk-test-')), 'store.db');
}

/** Posts an activity to the bot endpoint at baseUrl as Teams would, replies going to serviceUrl. */
export async function postActivity(baseUrl: string, serviceUrl: string, activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ ...activity, serviceUrl }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Starts the whole app on port 0 with a temporary store and a local Bot Connector stub. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const keepDb = options.keepDb ?? options.dbPath !== undefined;
  const connector = await new ConnectorStub().start();
  const dbPath = options.dbPath ?? tempDbPath();
  const config = loadConfig({ PORT: '0', DB_PATH: dbPath, ...options.env });
  const app = await startApp(config, { outboxPollMs: 50, harnessPosts: HARNESS_POSTS, timedJobs: false, ...options });
  return {
    app,
    connector,
    config,
    dbPath,
    post: (activity, headers = {}) => postActivity(app.url, connector.url, activity, headers),
    sentCards() {
      const cards = connector.sentActivities().flatMap((call) => cardsOf(call.body ?? {}));
      cards.forEach(assertValidCard);
      return cards;
    },
    async stop() {
      await app.stop();
      await connector.stop();
      if (!keepDb) fs.rmSync(path.dirname(dbPath), { recursive: true, force: true });
    },
  };
}
