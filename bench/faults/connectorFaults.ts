import { startTestApp } from '../../test/helpers/testApp';
import type { ScriptedFault } from '../../test/helpers/connectorStub';
import { enqueue } from '../../src/outbox/outbox';
import { textPost } from '../../test/helpers/textPosts';
import type { Report } from '../lib/report';
import { installActivity } from './submissions';
import { seededRandom as seeded } from '../../test/helpers/fuzz';

const FAULTS: Array<{ name: string; fault: ScriptedFault }> = [
  { name: '429', fault: { status: 429, headers: { 'Retry-After': '1' } } },
  { name: '412', fault: { status: 412 } },
  { name: '500', fault: { status: 500 } },
  { name: '502', fault: { status: 502 } },
  { name: '504', fault: { status: 504 } },
  { name: 'hang', fault: { hang: true } },
];

/**
 * Posts queued to several channels while the connector stub answers a share of the sends with
 * 429 (Retry-After), 412, 500, 502, 504 or holds them open past the send timeout, under Teams'
 * real per-conversation rate limits. Counted: posts delivered, copies, order per conversation.
 */
export async function benchConnectorFaults(report: Report, options: { conversations: number; postsPerConversation: number; faultShare: number; sendTimeoutMs: number }): Promise<void> {
  const t = await startTestApp({ env: { OUTBOX_SEND_TIMEOUT_MS: String(options.sendTimeoutMs), DEMO_DATA: 'never' } });
  const channels = Array.from({ length: options.conversations }, (_, i) => `19:faults-channel-${i + 1}@thread.tacv2`);
  for (const channel of channels) await t.post(installActivity(channel));
  await t.app.outbox.idle();
  t.connector.clear();

  const random = seeded(12);
  const met = new Map<string, number>();
  t.connector.setFaults(() => {
    if (random() >= options.faultShare) return null;
    const { name, fault } = FAULTS[Math.floor(random() * FAULTS.length)];
    met.set(name, (met.get(name) ?? 0) + 1);
    return fault;
  });
  const started = Date.now();
  // Interleaved, as posts for several channels are queued in real life.
  for (let i = 1; i <= options.postsPerConversation; i++) {
    for (const channel of channels) enqueue(t.app.db, t.app.deps.clock, { conversationId: channel, dedupeKey: `faults:${channel}:${i}`, content: textPost(`post ${i}`) });
  }
  t.app.outbox.kick();
  await t.app.outbox.idle(300_000);
  const seconds = (Date.now() - started) / 1000;
  t.connector.setFaults(null);

  const expected = options.conversations * options.postsPerConversation;
  let delivered = 0;
  let copies = 0;
  let ordered = 0;
  for (const channel of channels) {
    const numbers = t.connector.sentActivities().filter((call) => call.conversationId === channel).map((call) => Number(/post (\d+)/.exec(call.body.text)![1]));
    delivered += new Set(numbers).size;
    copies += numbers.length - new Set(numbers).size;
    if (numbers.every((n, i) => i === 0 || n > numbers[i - 1])) ordered += 1;
  }
  const failed = (t.app.db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'failed'").get() as { n: number }).n;
  await t.stop();

  const section = 'connector';
  const faults = FAULTS.map(({ name }) => `${name}: ${met.get(name) ?? 0}`).join(', ');
  report.add({ section, measure: `faults met (${Math.round(options.faultShare * 100)}% of sends; hang = no answer within the ${options.sendTimeoutMs} ms timeout)`, value: faults, unit: '' });
  report.add({ section, measure: `posts delivered (${options.conversations} channels x ${options.postsPerConversation}, Teams' rate limits)`, value: delivered, baseline: expected, unit: 'posts', budget: '= expected', ok: delivered === expected && failed === 0 });
  report.add({ section, measure: 'posts delivered twice', value: copies, unit: 'posts', budget: '= 0', ok: copies === 0 });
  report.add({ section, measure: 'channels whose posts arrived in the order queued', value: ordered, baseline: options.conversations, unit: 'channels', budget: '= all', ok: ordered === options.conversations });
  report.add({ section, measure: 'time to deliver them all', value: Math.round(seconds * 10) / 10, unit: 's' });
}
