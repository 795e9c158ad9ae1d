import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { activity, personalMessage } from './helpers/activities';
import { installInChannel } from './helpers/teamsActions';
import { PEOPLE, from, registerPeople } from './helpers/people';
import { enqueue } from '../src/outbox/outbox';
import { textPost } from './helpers/textPosts';

const TOKEN = 'a-scraper-token-of-at-least-32-characters';
const CHANNEL = '19:cooperation-general@thread.tacv2';

/** The value of one series in Prometheus' text format; undefined when it is not there. */
function series(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((row) => {
    if (!row.startsWith(`${name}{`) && !row.startsWith(`${name} `)) return false;
    return wanted.every((label) => row.includes(label));
  });
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: TOKEN }, random: () => 0 });
    registerPeople(t.connector);
  });
  afterEach(() => t.stop());

  const scrape = (headers: Record<string, string> = {}) => fetch(`${t.app.url}/metrics`, { headers });

  it('counts turns by kind and outcome with their latency, in Prometheus format', async () => {
    await t.post(personalMessage('/help', from(PEOPLE.ptInspector)));
    await t.post(personalMessage('/help', from(PEOPLE.esInspector)));
    await t.post({ type: 'message' });
    await t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.ptInspector), value: { action: { type: 'Action.Execute', verb: 'no.such.verb', data: {} } } }));
    const response = await scrape();
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(series(text, 'cooperation_desk_turn_duration_seconds_count', { kind: 'message', outcome: '2xx' })).to.equal(2);
    expect(series(text, 'cooperation_desk_turn_duration_seconds_count', { kind: 'invalid', outcome: '4xx' })).to.equal(1);
    expect(series(text, 'cooperation_desk_turn_duration_seconds_count', { kind: 'invoke:adaptiveCard/action', outcome: '2xx' })).to.equal(1);
    expect(series(text, 'cooperation_desk_turn_duration_seconds_bucket', { kind: 'message', outcome: '2xx', le: '+Inf' })).to.equal(2);
    // The jobs ran at start, once each.
    expect(series(text, 'cooperation_desk_job_runs_total', { job: 'alert-retention', result: 'ok' })).to.equal(1);
    expect(series(text, 'cooperation_desk_job_runs_total', { job: 'inspection-reminders', result: 'ok' })).to.equal(1);
    expect(series(text, 'cooperation_desk_process_resident_memory_bytes')).to.be.greaterThan(0);
  });

  it('shows the outbox: its backlog and oldest post, posts delivered and retried, and the 429s received', async () => {
    await installInChannel(t);
    t.connector.failNext({ status: 429, headers: { 'Retry-After': '30' } });
    enqueue(t.app.db, t.app.deps.clock, { conversationId: CHANNEL, dedupeKey: 'metrics:1', content: textPost('waits for Teams') });
    t.app.outbox.kick();
    await t.connector.waitFor(() => (t.app.db.prepare("SELECT attempts FROM outbox WHERE dedupe_key = 'metrics:1'").get() as { attempts: number }).attempts === 1);
    const text = await (await scrape()).text();
    expect(series(text, 'cooperation_desk_outbox_backlog')).to.equal(1);
    expect(series(text, 'cooperation_desk_outbox_oldest_pending_age_seconds')).to.be.at.least(0);
    expect(series(text, 'cooperation_desk_outbox_attempts_total', { result: 'delivered' })).to.equal(1); // the welcome
    expect(series(text, 'cooperation_desk_outbox_attempts_total', { result: 'retried' })).to.equal(1);
    expect(series(text, 'cooperation_desk_connector_throttled_total')).to.equal(1);
  });

  it('answers a scrape relayed by a proxy, or from elsewhere, 401 without the token and 200 with it', async () => {
    const relayed = { 'X-Forwarded-For': '203.0.113.7' };
    const refused = await scrape(relayed);
    expect(refused.status).to.equal(401);
    expect(await refused.text()).to.equal('');
    expect((await scrape({ ...relayed, Authorization: 'Bearer not-the-token-but-as-long-as-it-32' })).status).to.equal(401);
    expect((await scrape({ ...relayed, Authorization: `Bearer ${TOKEN}` })).status).to.equal(200);
  });
});
