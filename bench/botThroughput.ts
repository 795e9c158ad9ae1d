import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { ConnectorStub } from '../test/helpers/connectorStub';
import { postActivity, tempDbPath } from '../test/helpers/testApp';
import { freePort, startAppProcess, startEchoProcess } from './lib/serverProcess';
import { newFormId } from '../bot/cards/formId';
import { round } from './lib/stats';
import type { Report } from './lib/report';
import { installActivity as installInTeam, personalActivity } from './lib/activities';

const TENANT = '7d3c0b9e-2222-4c1a-8f00-0000000000aa';
const USER = { id: '29:bench-user', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-00000000be01', name: 'Bench' };
const BOT = { id: '28:bench-bot', name: 'Cooperation Desk' };

const PARTY = { tenant: TENANT, user: USER, bot: BOT, chatId: 'a:bench-personal' };
const personal = (serviceUrl: string, fields: Record<string, unknown>) => personalActivity(serviceUrl, PARTY, fields);

function helpMessage(serviceUrl: string) {
  return personal(serviceUrl, { type: 'message', text: '/help' });
}

let sequence = 0;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A made-up word per number, its letters scattered like those of real names (a syllable
 * alphabet would give every name the same few trigrams, which real company names do not).
 */
function word(n: number): string {
  let x = (n * 2654435761) >>> 0;
  let text = '';
  for (let i = 0; i < 8; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    text += LETTERS[(x >>> 16) % 26];
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A complete, valid alert submission; each one a new form (its id made as the app makes it), company and identifier. */
function alertSubmission(serviceUrl: string) {
  sequence += 1;
  const n = sequence;
  const name = `${word(n)} ${word(n * 7919 + process.pid)} Lda (fictional)`;
  return personal(serviceUrl, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'bench-form',
    value: {
      trigger: 'manual',
      action: {
        type: 'Action.Execute',
        verb: 'alert.submit',
        data: {
          formId: newFormId(),
          companyName: name,
          identifierType0: 'other',
          identifierValue0: `BENCH${n}X${process.pid}`,
          identifierCountry0: 'DE',
          registrationCountry: 'DE',
          countriesConcerned: 'PT,ES',
          sector: '43',
          fraudTypes: 'letterbox_company',
          urgency: 'routine',
          summary: 'Posted workers without PD A1 on a construction site; registered office looks like a mailbox.',
        },
      },
    },
  });
}

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Requests answered with a 2xx. */
  answered: number;
}

async function load(url: string, body: () => unknown, seconds: number, connections: number): Promise<LoadResult> {
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections,
    duration: seconds,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }) }],
  });
  return {
    requestsPerSecond: round(result.requests.average, 0),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    answered: result['2xx'],
  };
}

/** The median round: the load of the round whose ratio is the median one. */
function medianRound(rounds: Array<{ floor: LoadResult; desk: LoadResult; ratio: number }>) {
  return [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)];
}

/**
 * Drives the bare echo bot and Cooperation Desk one after the other with the same load, in
 * alternating rounds: a burst of noise on this shared machine then spoils one round's ratio, not
 * the result, which is the median round. Each server gets a fresh process (and the app a fresh
 * store) per round, and a warm-up before it is measured: in their first 4 s of load both served
 * 15-30% fewer requests than in the seconds after, so a short warm-up measures start-up, not speed.
 */
export async function benchBotThroughput(report: Report, options: { seconds: number; warmupSeconds: number; connections: number; rounds: number }): Promise<void> {
  const connector = await new ConnectorStub().start();
  connector.addMember({ id: USER.id, aadObjectId: USER.aadObjectId, email: 'bench@act.gov.pt', userPrincipalName: 'bench@act.gov.pt' });
  // A 200 proves little (an invoke answered with the form and its errors is a 200 too): after each
  // app round the work itself is counted, help cards received, alerts stored and their posts queued.
  // It can exceed the 2xx count: the requests in flight when a load ends are done but not counted.
  const personalReplies = () => connector.sentActivities().filter((call) => call.conversationId === 'a:bench-personal').length;
  const storedAlerts = (dbPath: string) => {
    const db = new Database(dbPath, { readonly: true });
    try {
      const { alerts, posts } = db
        .prepare("SELECT (SELECT count(*) FROM alerts) AS alerts, (SELECT count(*) FROM outbox WHERE dedupe_key LIKE 'alert:%:posted') AS posts")
        .get() as { alerts: number; posts: number };
      return Math.min(alerts, posts);
    } finally {
      db.close();
    }
  };
  const scenarios: Array<{ name: string; body: () => unknown; budget: number; done: (dbPath: string) => number; what: string }> = [
    { name: '/help', body: () => helpMessage(connector.url), budget: 0.9, done: personalReplies, what: 'help cards received by the connector' },
    { name: 'alert submission', body: () => alertSubmission(connector.url), budget: 0.8, done: storedAlerts, what: 'alerts stored with their channel post queued' },
  ];
  for (const scenario of scenarios) {
    const rounds: Array<{ floor: LoadResult; desk: LoadResult; ratio: number }> = [];
    let answered = 0;
    let done = 0;
    for (let i = 0; i < options.rounds; i++) {
      const echo = await startEchoProcess(await freePort());
      await load(echo.url, scenario.body, options.warmupSeconds, options.connections);
      const floor = await load(echo.url, scenario.body, options.seconds, options.connections);
      await echo.stop();
      connector.clear();

      const dbPath = tempDbPath();
      const app = await startAppProcess({ port: await freePort(), dbPath });
      await postActivity(app.url, connector.url, installActivity());
      const warm = await load(app.url, scenario.body, options.warmupSeconds, options.connections);
      const desk = await load(app.url, scenario.body, options.seconds, options.connections);
      await app.stop();
      answered += warm.answered + desk.answered;
      done += scenario.done(dbPath);
      connector.clear();
      rounds.push({ floor, desk, ratio: desk.requestsPerSecond / floor.requestsPerSecond });
    }
    const median = medianRound(rounds);
    const { floor, desk } = median;
    const ratio = round(median.ratio, 2);
    const errors = rounds.reduce((sum, r) => sum + r.desk.errors + r.desk.non2xx, 0);
    const floorErrors = rounds.reduce((sum, r) => sum + r.floor.errors + r.floor.non2xx, 0);
    report.add({ section: 'bot', measure: `${scenario.name} req/s (app vs echo, median of ${options.rounds} rounds)`, value: desk.requestsPerSecond, baseline: floor.requestsPerSecond, unit: 'req/s', ratio, budget: `>= ${scenario.budget}`, ok: ratio >= scenario.budget });
    report.add({ section: 'bot', measure: `${scenario.name} ratio of each round`, value: rounds.map((r) => round(r.ratio, 2)).join(' / '), unit: '' });
    report.add({ section: 'bot', measure: `${scenario.name} p50 / p99`, value: `${desk.p50} / ${desk.p99}`, baseline: `${floor.p50} / ${floor.p99}`, unit: 'ms' });
    report.add({ section: 'bot', measure: `${scenario.name} errors + non-2xx (all rounds)`, value: errors, baseline: floorErrors, unit: 'count', budget: '= 0', ok: errors === 0 });
    report.add({ section: 'bot', measure: `${scenario.name}: ${scenario.what} (all rounds)`, value: done, baseline: answered, unit: 'count', budget: '>= 2xx answers', ok: done >= answered });
  }
  await connector.stop();
}

function installActivity() {
  return installInTeam(PARTY, '19:bench-general@thread.tacv2', '19:bench-team@thread.tacv2');
}
