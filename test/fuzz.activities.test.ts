import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { Db } from '../src/store/database';
import { invokeRoutes } from '../bot/app';
import { startAppInChannel } from './helpers/teamsActions';
import type { TestApp } from './helpers/testApp';
import { generateFuzzCases, type FuzzCase } from './helpers/fuzz';
import { onLogEvent } from '../src/log';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CASES = Number(process.env.FUZZ_CASES ?? 1200);
const FIXTURE_SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/** Invoke names the app answers itself; any other name may get 501, these never. */
const HANDLED_INVOKE = /^(adaptiveCard\/action|composeExtension\/.+|task\/(fetch|submit))$/;

/**
 * Everything the store holds, hashed. What Teams tells about a user on every turn (name, locale,
 * last seen) is left out: it is refreshed before any payload is read, and it is not case data.
 */
function storeFingerprint(db: Db): string {
  const hash = createHash('sha1');
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    hash.update(`\u0001${table}`);
    const query = table === 'users' ? 'SELECT id, aad_object_id, tenant_id, authority_id, role, created_at FROM users' : `SELECT * FROM "${table}"`;
    for (const row of db.prepare(query).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_key, value) => (Buffer.isBuffer(value) ? value.toString('base64') : value)));
    }
  }
  return hash.digest('hex');
}

function isRefusal(status: number, body: any): boolean {
  if (status !== 200) return true;
  return body?.type === 'application/vnd.microsoft.error' || (typeof body?.statusCode === 'number' && body.statusCode >= 400);
}

async function postRaw(t: TestApp, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${t.app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // A body that is not JSON is reported as it came.
  }
  return { status: response.status, body: parsed };
}

function describeCase(fuzzCase: FuzzCase, status: number, body: unknown): string {
  const shown = JSON.stringify(fuzzCase.body, (_key, value) => (typeof value === 'string' && value.length > 120 ? `${value.slice(0, 40)}…(${value.length})` : value));
  return `${fuzzCase.label}: HTTP ${status} ${JSON.stringify(body)?.slice(0, 300)}\n  sent ${shown?.slice(0, 1200)}`;
}

describe('/api/messages under seeded fuzzing', function () {
  this.timeout(120_000);
  let t: TestApp;

  before(async () => {
    t = await startAppInChannel();
  });
  after(async () => t?.stop());

  it(`answers ${CASES} mutated activities without a 5xx, with 501 only for unhandled invokes, and stores nothing for a refusal (seed ${SEED})`, async () => {
    const knownRefs = [
      ...(t.app.db.prepare('SELECT ref FROM alerts ORDER BY id LIMIT 3').pluck().all() as string[]),
      ...(t.app.db.prepare('SELECT ref FROM inspections ORDER BY id LIMIT 3').pluck().all() as string[]),
      ...(t.app.db.prepare('SELECT ref FROM actions ORDER BY id LIMIT 3').pluck().all() as string[]),
    ];
    const knownVerbs = [...invokeRoutes().verbs];
    const cases = generateFuzzCases(SEED, CASES, { knownVerbs, knownRefs });
    const problems: string[] = [];
    const tally: Record<string, number> = {};
    for (const fuzzCase of cases) {
      const body = fuzzCase.body;
      if (body && typeof body === 'object' && body.serviceUrl === FIXTURE_SERVICE_URL) body.serviceUrl = t.connector.url;
      await t.app.outbox.idle();
      const before = storeFingerprint(t.app.db);
      let answer: { status: number; body: any };
      const failures: string[] = [];
      const unsubscribe = onLogEvent((level, event) => {
        if (level === 'error') failures.push(event);
      });
      try {
        answer = await postRaw(t, body);
      } catch (error) {
        problems.push(`${fuzzCase.label}: connection failed: ${(error as Error).message}`);
        continue;
      } finally {
        unsubscribe();
      }
      // An apology with a correlation id is a well-formed answer, but to bad input it is a crash.
      if (failures.length > 0) problems.push(`app failed (${failures.join(', ')}): ${describeCase(fuzzCase, answer.status, answer.body)}`);
      tally[answer.status] = (tally[answer.status] ?? 0) + 1;
      const isInvoke = body && typeof body === 'object' && body.type === 'invoke';
      if (answer.status >= 500 && answer.status !== 501) problems.push(`5xx: ${describeCase(fuzzCase, answer.status, answer.body)}`);
      if (answer.status === 501 && !(isInvoke && typeof body.name === 'string' && !HANDLED_INVOKE.test(body.name))) problems.push(`501 for a handled name: ${describeCase(fuzzCase, answer.status, answer.body)}`);
      if (isInvoke && typeof body.name === 'string' && HANDLED_INVOKE.test(body.name) && answer.status === 200 && (answer.body === null || typeof answer.body !== 'object')) {
        problems.push(`no invoke answer: ${describeCase(fuzzCase, answer.status, answer.body)}`);
      }
      if (isRefusal(answer.status, answer.body)) {
        await t.app.outbox.idle();
        if (storeFingerprint(t.app.db) !== before) problems.push(`store changed by a refusal: ${describeCase(fuzzCase, answer.status, answer.body)}`);
      }
    }
    const health = await fetch(`${t.app.url}/healthz`);
    expect(health.status).to.equal(200);
    expect(problems, `${problems.length} problems (HTTP statuses ${JSON.stringify(tally)}):\n${problems.slice(0, 25).join('\n')}`).to.deep.equal([]);
    // A fuzzer whose cases all bounce off the envelope tests nothing deeper: most must get through.
    expect(tally[200] ?? 0).to.be.greaterThan(CASES / 2);
  });
});
