import path from 'node:path';
import Database from 'better-sqlite3';
import { ConnectorStub } from '../../test/helpers/connectorStub';
import { postActivity, tempDbPath } from '../../test/helpers/testApp';
import { ROOT, spawnServer, type ServerProcess } from '../../test/helpers/serverProcess';
import type { Report } from '../lib/report';
import { CHANNEL, FAULTS_MEMBER, acknowledgedRef, alertSubmission, installActivity, refsIn } from './submissions';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(dbPath: string): Promise<{ server: ServerProcess; base: string }> {
  const server = spawnServer(['--import', 'tsx', path.join(ROOT, 'bench/faults/faultServer.ts')], { PORT: '0', DB_PATH: dbPath, MicrosoftAppId: '', LOG_LEVEL: 'silent', DEMO_DATA: 'never' });
  return { server, base: await server.botEndpointBase(60_000) };
}

function readStore<T>(dbPath: string, read: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const integrityOk = (dbPath: string) => readStore(dbPath, (db) => db.pragma('integrity_check', { simple: true }) === 'ok');
const pendingPosts = (dbPath: string) => readStore(dbPath, (db) => (db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n);

/** The alerts whose channel post was waiting in the queue, and those whose send the kill cut off. */
function postsAtKill(dbPath: string): { queued: string[]; cutOff: string[] } {
  const rows = readStore(
    dbPath,
    (db) => db.prepare("SELECT dedupe_key AS key, attempt_started_at IS NOT NULL AS cutOff FROM outbox WHERE status = 'pending' AND dedupe_key LIKE 'alert:%:posted'").all() as Array<{ key: string; cutOff: number }>,
  );
  const ref = (key: string) => key.split(':')[1];
  return { queued: rows.filter((row) => !row.cutOff).map((row) => ref(row.key)), cutOff: rows.filter((row) => row.cutOff).map((row) => ref(row.key)) };
}

/**
 * Alert submissions from `submitters` concurrent clients into the app as its own process, killed
 * with SIGKILL at a random moment of each round and started again on the same store. Counted at
 * the end: every acknowledged alert stored, the store intact, every alert's channel post in the
 * connector stub exactly once.
 */
export async function benchKillRounds(report: Report, options: { rounds: number; submitters: number }): Promise<void> {
  const connector = await new ConnectorStub().start();
  connector.addMember(FAULTS_MEMBER);
  const dbPath = tempDbPath();
  const acknowledged = new Set<string>();
  let intact = 0;
  const queuedAtKill = new Set<string>();
  const cutOffByKill = new Set<string>();
  for (let round = 1; round <= options.rounds; round++) {
    const { server, base } = await startServer(dbPath);
    if (round === 1) await postActivity(base, connector.url, installActivity());
    else if (integrityOk(dbPath)) intact += 1;
    let loading = true;
    const submitter = async () => {
      while (loading) {
        try {
          const ref = acknowledgedRef(await postActivity(base, connector.url, alertSubmission(connector.url)));
          if (ref) acknowledged.add(ref);
        } catch {
          // Cut off by the kill: not acknowledged, whether or not it was stored.
        }
      }
    };
    const load = Array.from({ length: options.submitters }, submitter);
    await sleep(500 + Math.random() * 1500);
    server.child.kill('SIGKILL');
    await server.exited();
    loading = false;
    await Promise.all(load);
    const atKill = postsAtKill(dbPath);
    atKill.queued.forEach((ref) => queuedAtKill.add(ref));
    atKill.cutOff.forEach((ref) => cutOffByKill.add(ref));
  }

  // One more start: the posts queued at the last kill go out, then the store is read.
  const { server } = await startServer(dbPath);
  if (integrityOk(dbPath)) intact += 1;
  const deadline = Date.now() + 120_000;
  while (pendingPosts(dbPath) > 0 && Date.now() < deadline) await sleep(100);
  const stored = readStore(dbPath, (db) => {
    const refs = new Set((db.prepare('SELECT ref FROM alerts').all() as Array<{ ref: string }>).map((row) => row.ref));
    const rows = db.prepare("SELECT dedupe_key AS key, sent_at AS sentAt FROM outbox WHERE status = 'sent' AND dedupe_key LIKE 'alert:%:posted'").all() as Array<{ key: string; sentAt: string }>;
    return { refs, sentAt: new Map(rows.map((row) => [row.key.split(':')[1], Date.parse(row.sentAt)])) };
  });
  const stillPending = pendingPosts(dbPath);
  server.child.kill('SIGTERM');
  await server.exited();
  await connector.stop();

  const posts = new Map<string, number>();
  // A kill in the time from the connector having a post to the app storing its id posts it twice.
  const receivedAt = new Map<string, number>();
  for (const call of connector.sentActivities()) {
    if (call.conversationId !== CHANNEL || call.replyToId !== null) continue;
    for (const ref of refsIn(call.body)) {
      posts.set(ref, (posts.get(ref) ?? 0) + 1);
      receivedAt.set(ref, call.at);
    }
  }
  const window = [...receivedAt].filter(([ref]) => posts.get(ref) === 1 && stored.sentAt.has(ref)).map(([ref, at]) => stored.sentAt.get(ref)! - at).sort((a, b) => a - b);
  const percentile = (p: number) => window[Math.min(window.length - 1, Math.floor(window.length * p))] ?? 0;
  const count = (ref: string) => posts.get(ref) ?? 0;
  const ackStored = [...acknowledged].filter((ref) => stored.refs.has(ref)).length;
  const twice = [...stored.refs].filter((ref) => count(ref) > 1);
  const missing = [...stored.refs].filter((ref) => count(ref) === 0).length;
  const queuedOnly = [...queuedAtKill].filter((ref) => !cutOffByKill.has(ref));
  const section = 'kill -9';
  report.add({ section, measure: `alert submissions acknowledged with an AL- reference (${options.rounds} rounds, ${options.submitters} clients)`, value: acknowledged.size, unit: 'alerts' });
  report.add({ section, measure: 'acknowledged alerts found in the store after restart', value: ackStored, baseline: acknowledged.size, unit: 'alerts', budget: '= acknowledged', ok: ackStored === acknowledged.size });
  report.add({ section, measure: 'alerts in the store (more: committed, the answer cut off by the kill)', value: stored.refs.size, unit: 'alerts' });
  report.add({ section, measure: 'PRAGMA integrity_check = ok after each restart', value: intact, baseline: options.rounds, unit: 'restarts', budget: '= rounds', ok: intact === options.rounds });
  report.add({ section, measure: 'posts waiting in the queue at a kill: delivered after restart exactly once', value: queuedOnly.filter((ref) => count(ref) === 1).length, baseline: queuedOnly.length, unit: 'posts', budget: '= all', ok: queuedOnly.every((ref) => count(ref) === 1) });
  report.add({ section, measure: 'posts being sent at a kill (no answer recorded): posted again / Teams had both', value: `${cutOffByKill.size} / ${[...cutOffByKill].filter((ref) => count(ref) > 1).length}`, unit: 'posts' });
  report.add({ section, measure: 'connector has a post, its id not yet stored: p50 / p90 / max (the duplicate window)', value: `${percentile(0.5)} / ${percentile(0.9)} / ${window[window.length - 1] ?? 0}`, unit: 'ms' });
  report.add({ section, measure: 'alerts posted twice (only ever one cut off mid-send)', value: twice.length, unit: 'alerts', budget: '<= cut off', ok: twice.every((ref) => cutOffByKill.has(ref)) });
  report.add({ section, measure: 'alerts never posted / posts still pending', value: `${missing} / ${stillPending}`, unit: '', budget: '= 0', ok: missing === 0 && stillPending === 0 });
}
