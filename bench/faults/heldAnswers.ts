import path from 'node:path';
import Database from 'better-sqlite3';
import { ConnectorStub } from '../../test/helpers/connectorStub';
import { postActivity, tempDbPath } from '../../test/helpers/testApp';
import { ROOT, spawnServer, type ServerProcess } from '../../test/helpers/serverProcess';
import { openDatabase } from '../../src/store/database';
import { systemClock } from '../../src/clock';
import { enqueue, outboxState, type OutboxKind } from '../../src/outbox/outbox';
import { textPost } from '../../test/helpers/textPosts';
import type { Report } from '../lib/report';
import { CHANNEL, installActivity } from './submissions';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(dbPath: string): Promise<ServerProcess> {
  const server = spawnServer(['--import', 'tsx', path.join(ROOT, 'bench/faults/faultServer.ts')], { PORT: '0', DB_PATH: dbPath, MicrosoftAppId: '', LOG_LEVEL: 'silent', DEMO_DATA: 'never' });
  await server.botEndpointBase(60_000);
  return server;
}

const status = (dbPath: string, key: string) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return outboxState(db, key);
  } finally {
    db.close();
  }
};

async function until(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('the outbox did not settle');
    await sleep(20);
  }
}

/**
 * The measurement again: the connector answering each send after `answerMs`, the app
 * killed while it waits, started again. A post is then posted twice (at least once, by design);
 * an update replaces the same message again, so nothing shows twice.
 */
export async function benchHeldAnswers(report: Report, options: { kills: number; answerMs: number }): Promise<void> {
  const connector = await new ConnectorStub().start();
  const dbPath = tempDbPath();
  let server = await startServer(dbPath);
  await postActivity(await server.botEndpointBase(), connector.url, installActivity());
  await until(() => status(dbPath, `welcome:${CHANNEL}`)?.status === 'sent');
  const welcomeId = status(dbPath, `welcome:${CHANNEL}`)!.sentActivityId!;
  const shownTwice: Record<OutboxKind, boolean[]> = { post: [], update: [] };
  for (let i = 0; i < options.kills; i++) {
    const kind: OutboxKind = i % 2 === 0 ? 'post' : 'update';
    const key = `held:${i}`;
    const marker = `held answer ${i}`;
    connector.holdNextAnswer(() => sleep(options.answerMs).then(() => undefined));
    const db = openDatabase(dbPath);
    enqueue(db, systemClock, { conversationId: CHANNEL, dedupeKey: key, kind, content: textPost(marker), targetActivityId: kind === 'update' ? welcomeId : null });
    db.close();
    const received = () => connector.calls.filter((call) => call.body?.text === marker && !call.body.__failed);
    await until(() => received().length === 1);
    server.child.kill('SIGKILL');
    await server.exited();
    server = await startServer(dbPath);
    await until(() => status(dbPath, key)?.status === 'sent');
    // An update shows twice only if it was posted instead, or sent to another message.
    shownTwice[kind].push(kind === 'post' ? received().length > 1 : received().some((call) => call.method !== 'PUT' || call.activityId !== welcomeId));
  }
  server.child.kill('SIGTERM');
  await server.exited();
  await connector.stop();
  const section = 'held answer';
  const twice = (kind: OutboxKind) => shownTwice[kind].filter(Boolean).length;
  report.add({ section, measure: `kill -9 while the connector takes ${options.answerMs} ms to answer a post: posts shown twice`, value: twice('post'), baseline: shownTwice.post.length, unit: 'kills', budget: 'at least once' });
  report.add({ section, measure: `kill -9 while the connector takes ${options.answerMs} ms to answer an update: messages shown twice`, value: twice('update'), baseline: shownTwice.update.length, unit: 'kills', budget: '= 0', ok: twice('update') === 0 });
}
