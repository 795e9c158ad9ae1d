import { expect } from 'chai';
import { startTestApp, type TestApp, type TestAppOptions } from './helpers/testApp';
import { activity } from './helpers/activities';
import type { RecordedCall, ScriptedFault } from './helpers/connectorStub';
import { enqueue, outboxState } from '../src/outbox/outbox';
import { renderTextPost, textPost } from './helpers/textPosts';
import { openDatabase } from '../src/store/database';
import { systemClock } from '../src/clock';
import { tempDbPath } from './helpers/testApp';
import { startOutboxDispatcher, type SendOutboxMessage } from '../bot/outbox/outboxDispatcher';

const A = '19:channel-a@thread.tacv2';
const B = '19:channel-b@thread.tacv2';

/** The app installed in channels A and B, their welcome posts delivered and forgotten. */
async function startInTwoChannels(options: TestAppOptions = {}): Promise<TestApp> {
  const t = await startTestApp({ random: () => 0, ...options });
  for (const channel of [A, B]) {
    await t.post(activity('conversationUpdate.install.team', { conversation: { id: channel }, channelData: { channel: { id: channel }, settings: { selectedChannel: { id: channel } } } }));
  }
  await t.app.outbox.idle();
  expect(t.connector.sentActivities().map((call) => call.conversationId)).to.have.members([A, B]);
  t.connector.clear();
  return t;
}

function queuePosts(t: TestApp, conversationId: string, count: number): void {
  const tag = conversationId === A ? 'A' : 'B';
  for (let i = 1; i <= count; i++) enqueue(t.app.db, t.app.deps.clock, { conversationId, dedupeKey: `${tag}:${i}`, content: textPost(`${tag} ${i}`) });
  t.app.outbox.kick();
}

/** The texts the connector accepted in a conversation, in the order it accepted them. */
function delivered(t: TestApp, conversationId: string): string[] {
  return t.connector.sentActivities().filter((call) => call.conversationId === conversationId).map((call) => call.body.text);
}

const numbered = (tag: string, count: number) => Array.from({ length: count }, (_, i) => `${tag} ${i + 1}`);

describe('the outbox when the Bot Connector misbehaves', () => {
  let t: TestApp | null = null;
  afterEach(async () => {
    t?.connector.setFaults(null);
    t?.connector.endHangs();
    await t?.stop();
    t = null;
  });

  it('gives up on a send the connector leaves unanswered, aborts it and posts on the retry, once', async () => {
    t = await startTestApp({ random: () => 0, env: { OUTBOX_SEND_TIMEOUT_MS: '1000' } });
    t.connector.hangNext();
    await t.post(activity('conversationUpdate.install.team'));
    await t.connector.waitFor(() => t!.connector.sentActivities().length === 1, 10_000);
    await t.app.outbox.idle();
    const attempts = t.connector.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/activities'));
    expect(attempts.map((call) => call.body.__failed ?? 'ok')).to.deep.equal(['hang', 'ok']);
    expect(outboxState(t.app.db, 'welcome:19:cooperation-general@thread.tacv2')).to.include({ status: 'sent', attempts: 2, lastError: 'ETIMEDOUT', attemptStartedAt: null });
    // The abandoned request was closed by the app, not left holding a socket.
    await t.connector.waitFor(() => t!.connector.heldOpen() === 0);
  });

  it("holds up no other conversation's posts while one conversation's sends hang", async () => {
    // A timeout far longer than the test: A stays hung throughout, and B must not wait for it.
    t = await startInTwoChannels({ env: { OUTBOX_SEND_TIMEOUT_MS: '60000' } });
    t.connector.setFaults((call) => (call.conversationId === A ? { hang: true } : null));
    queuePosts(t, A, 3);
    queuePosts(t, B, 3);
    await t.connector.waitFor(() => delivered(t!, B).length === 3);
    expect(delivered(t, B)).to.deep.equal(numbered('B', 3));
    expect(delivered(t, A)).to.deep.equal([]);
    // The connector drops the hung request: A's posts then go out, in their order.
    t.connector.setFaults(null);
    t.connector.endHangs();
    await t.app.outbox.idle();
    expect(delivered(t, A)).to.deep.equal(numbered('A', 3));
  });

  it("keeps each conversation's order, each post once, through 429, 412, 500, 502, 504 and hangs", async () => {
    // Short enough for three hangs, long enough that an answered send on a busy machine is not taken for one.
    t = await startInTwoChannels({ env: { OUTBOX_SEND_TIMEOUT_MS: '1000' } });
    // The first attempts of some posts fail; the posts after them must not overtake them.
    const script: Record<string, ScriptedFault[]> = {
      'A 2': [{ status: 502 }],
      'A 3': [{ status: 429, headers: { 'Retry-After': '1' } }],
      'A 5': [{ hang: true }, { status: 504 }],
      'B 1': [{ hang: true }],
      'B 3': [{ status: 412 }, { status: 500 }],
      'B 6': [{ status: 429, headers: { 'Retry-After': '0' } }],
    };
    t.connector.setFaults((call: RecordedCall) => script[call.body?.text]?.shift() ?? null);
    queuePosts(t, A, 6);
    queuePosts(t, B, 6);
    await t.app.outbox.idle(15_000);
    expect(delivered(t, A)).to.deep.equal(numbered('A', 6));
    expect(delivered(t, B)).to.deep.equal(numbered('B', 6));
    expect(Object.values(script).flat(), 'every scripted fault was met').to.deep.equal([]);
  });

  it('lets other conversations post while one waits out a Retry-After, its later posts behind it', async () => {
    t = await startInTwoChannels();
    t.connector.failNext({ status: 429, headers: { 'Retry-After': '120' } });
    queuePosts(t, A, 2);
    await t.connector.waitFor((calls) => calls.some((call) => call.body?.__failed === 429));
    queuePosts(t, B, 2);
    await t.connector.waitFor(() => delivered(t!, B).length === 2);
    expect(delivered(t, A)).to.deep.equal([]);
    expect(outboxState(t.app.db, 'A:1')).to.include({ status: 'pending', attempts: 1, lastError: 'HTTP 429' });
    expect(outboxState(t.app.db, 'A:2')).to.include({ status: 'pending', attempts: 0 });
  });

  it("lets other conversations post while one waits for its rate limit", async () => {
    // Two posts a minute per conversation: A's second post waits a minute, B's go out meanwhile.
    t = await startInTwoChannels({ outboxLimits: [{ count: 2, windowMs: 60_000 }] });
    queuePosts(t, A, 2);
    await t.connector.waitFor(() => delivered(t!, A).length === 1);
    queuePosts(t, B, 1);
    await t.connector.waitFor(() => delivered(t!, B).length === 1);
    expect(delivered(t, A)).to.deep.equal(['A 1']);
    expect(outboxState(t.app.db, 'A:2')).to.include({ status: 'pending', attempts: 0 });
  });

  it('moves on from a send that ignores its abort signal: the timeout alone frees the conversation', async () => {
    const db = openDatabase(tempDbPath());
    const sent: string[] = [];
    let calls = 0;
    // The first call never settles, whatever the signal says; the second succeeds.
    const send: SendOutboxMessage = async (_message, activity) => {
      calls += 1;
      if (calls === 1) return new Promise<string | null>(() => undefined);
      sent.push((activity as { text: string }).text);
      return `id-${calls}`;
    };
    const outbox = startOutboxDispatcher({ db, clock: systemClock, send, render: renderTextPost, sendTimeoutMs: 100, random: () => 0, pollIntervalMs: 20 });
    try {
      enqueue(db, systemClock, { conversationId: A, dedupeKey: 'only', content: textPost('only') });
      outbox.kick();
      await outbox.idle(5_000);
      expect(sent).to.deep.equal(['only']);
      expect(outboxState(db, 'only')).to.include({ status: 'sent', attempts: 2, lastError: 'ETIMEDOUT', sentActivityId: 'id-2' });
    } finally {
      await outbox.stop();
      db.close();
    }
  });
});
