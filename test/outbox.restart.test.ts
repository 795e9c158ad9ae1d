import { expect } from 'chai';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConnectorStub } from './helpers/connectorStub';
import { postActivity, tempDbPath } from './helpers/testApp';
import { activity } from './helpers/activities';
import { ROOT, spawnServer, type ServerProcess } from './helpers/serverProcess';
import { openDatabase } from '../src/store/database';
import { systemClock } from '../src/clock';
import { enqueue, INTERRUPTED, outboxState, type OutboxState } from '../src/outbox/outbox';
import { translator } from '../src/i18n/translate';

const CHANNEL = '19:cooperation-general@thread.tacv2';
const WELCOME = `welcome:${CHANNEL}`;
/**
 * The real app is killed here, so the posts the test queues itself are of kinds the app draws: a
 * welcome in Portuguese is the barrier, told apart from the installation's English one.
 */
const BARRIER_TITLE = translator('pt')('welcome.title');
const isBarrier = (call: { body?: unknown }) => JSON.stringify(call.body ?? null).includes(BARRIER_TITLE);

/** The server as its own process, so that it can be killed with SIGKILL mid-send. */
async function startServer(dbPath: string): Promise<{ server: ServerProcess; base: string }> {
  const server = spawnServer(['--import', 'tsx', path.join(ROOT, 'server/main.ts')], { PORT: '0', DB_PATH: dbPath, MicrosoftAppId: '', LOG_LEVEL: 'silent', DEMO_DATA: 'never' });
  return { server, base: await server.botEndpointBase() };
}

async function kill9(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited();
}

/** The outbox row as the store has it, read through a connection of the test's own. */
function stored(dbPath: string, dedupeKey: string): OutboxState | null {
  const db = new Database(dbPath, { readonly: true });
  try {
    return outboxState(db, dedupeKey);
  } finally {
    db.close();
  }
}

async function until(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const never = () => new Promise<void>(() => undefined);

describe('the outbox after a kill -9', function () {
  this.timeout(90_000);
  let connector: ConnectorStub;
  let dbPath: string;
  let running: ServerProcess | null = null;
  const welcomes = () => connector.sentActivities().filter((call) => call.conversationId === CHANNEL && call.path.endsWith('/activities') && !isBarrier(call));

  beforeEach(async () => {
    connector = await new ConnectorStub().start();
    dbPath = tempDbPath();
  });
  afterEach(async () => {
    if (running && running.child.exitCode === null) await kill9(running);
    running = null;
    await connector.stop();
  });

  /** Installs the app in the channel with the connector holding the welcome's answer, and kills the app then. */
  async function killDuringWelcome(): Promise<void> {
    const { server, base } = await startServer(dbPath);
    running = server;
    connector.holdNextAnswer(never);
    await postActivity(base, connector.url, activity('conversationUpdate.install.team'));
    await connector.waitFor(() => welcomes().length === 1, 15_000);
    await until('the attempt is recorded as started', () => stored(dbPath, WELCOME)?.attemptStartedAt !== null);
    await kill9(server);
  }

  /** Queues a post behind everything in the channel and waits for it: what was before it is settled. */
  async function settleChannel(): Promise<void> {
    const db = openDatabase(dbPath);
    enqueue(db, systemClock, { conversationId: CHANNEL, dedupeKey: 'barrier', content: { card: { kind: 'welcome', subject: 'pt' } } });
    db.close();
    await until('the barrier post is sent', () => stored(dbPath, 'barrier')?.status === 'sent');
  }

  it('posts again a post whose answer the kill cut off, and records that it was interrupted (at least once)', async () => {
    await killDuringWelcome();
    expect(stored(dbPath, WELCOME)).to.include({ status: 'pending', attempts: 0 });
    ({ server: running } = await startServer(dbPath));
    await until('the welcome is sent after the restart', () => stored(dbPath, WELCOME)?.status === 'sent');
    // Teams may have had the first copy: with no idempotency key to ask, never losing it costs that duplicate.
    expect(welcomes()).to.have.length(2);
    expect(stored(dbPath, WELCOME)).to.include({ attempts: 2, lastError: INTERRUPTED, attemptStartedAt: null });
  });

  it('sends an interrupted update again in place: the same message, no new post', async () => {
    ({ server: running } = await startServer(dbPath));
    const base = await running.botEndpointBase();
    await postActivity(base, connector.url, activity('conversationUpdate.install.team'));
    await until('the welcome is sent', () => stored(dbPath, WELCOME)?.status === 'sent');
    const posted = stored(dbPath, WELCOME)!.sentActivityId!;
    connector.holdNextAnswer(never);
    const db = openDatabase(dbPath);
    enqueue(db, systemClock, { conversationId: CHANNEL, dedupeKey: 'welcome:edited', kind: 'update', content: { card: { kind: 'welcome', subject: 'fr' } }, targetActivityId: posted });
    db.close();
    await connector.waitFor(() => connector.updates().length === 1, 15_000);
    await until('the update is recorded as started', () => stored(dbPath, 'welcome:edited')?.attemptStartedAt !== null);
    await kill9(running);
    ({ server: running } = await startServer(dbPath));
    await until('the update is sent after the restart', () => stored(dbPath, 'welcome:edited')?.status === 'sent');
    expect(connector.updates().map((call) => call.activityId)).to.deep.equal([posted, posted]);
    expect(welcomes()).to.have.length(1);
    expect(stored(dbPath, 'welcome:edited')).to.include({ lastError: INTERRUPTED, sentActivityId: posted });
  });

  it('never posts again a post whose activity id was recorded before the kill', async () => {
    ({ server: running } = await startServer(dbPath));
    const base = await running.botEndpointBase();
    await postActivity(base, connector.url, activity('conversationUpdate.install.team'));
    await until('the welcome is sent', () => stored(dbPath, WELCOME)?.status === 'sent');
    await kill9(running);
    ({ server: running } = await startServer(dbPath));
    // A channel's posts go out in queue order: once a later one is sent, the welcome is settled.
    await settleChannel();
    expect(welcomes()).to.have.length(1);
    expect(stored(dbPath, WELCOME)).to.include({ status: 'sent', attempts: 1, lastError: null });
  });
});
