import { expect } from 'chai';
import { startTestApp, tempDbPath, type TestApp } from './helpers/testApp';
import { activity } from './helpers/activities';
import { outboxState, enqueue, dueHeadOf, pendingHeads, scheduleRetry } from '../src/outbox/outbox';
import { TAG_POST_PREFIX, textPost } from './helpers/textPosts';
import { openDatabase, type Db } from '../src/store/database';
import { retryDecision } from '../bot/outbox/retryPolicy';
import { ConversationThrottle, mentionsTag, TEAMS_TAG_MENTION_LIMITS } from '../bot/outbox/conversationThrottle';

describe('channel posts through the outbox', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ random: () => 0 });
  });
  afterEach(() => t.stop());

  it('retries after a 429 with Retry-After and posts exactly once', async () => {
    t.connector.failNext({ status: 429, headers: { 'Retry-After': '0' } }, { status: 502 });
    await t.post(activity('conversationUpdate.install.team'));
    await t.connector.waitFor(() => t.connector.sentActivities().length === 1, 10_000);
    await t.app.outbox.idle();
    const attempts = t.connector.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/activities'));
    expect(attempts.map((c) => c.body.__failed ?? 'ok')).to.deep.equal([429, 502, 'ok']);
    expect(t.connector.sentActivities()).to.have.length(1);
    expect(outboxState(t.app.db, 'welcome:19:cooperation-general@thread.tacv2')).to.include({ status: 'sent', attempts: 3 });
  });

  it('gives up on a permanent error without posting', async () => {
    t.connector.failNext({ status: 403 });
    await t.post(activity('conversationUpdate.install.team'));
    await t.connector.waitFor((calls) => calls.length > 0);
    await t.app.outbox.idle();
    expect(t.connector.sentActivities()).to.have.length(0);
    expect(outboxState(t.app.db, 'welcome:19:cooperation-general@thread.tacv2')).to.include({ status: 'failed', lastError: 'HTTP 403' });
  });

  it('stops without waiting for the rate limit, leaving the waiting post queued for the next start', async () => {
    await t.post(activity('conversationUpdate.install.team'));
    await t.app.outbox.idle();
    const channel = '19:cooperation-general@thread.tacv2';
    const burstSent = () => t.connector.sentActivities().filter((call) => /burst post/.test(JSON.stringify(call.body))).length;
    // With the welcome, six posts fill Teams' seven a second in this conversation; the seventh
    // waits about a second for the rate limit, and the app is stopped during that wait.
    for (let i = 1; i <= 8; i++) enqueue(t.app.db, t.app.deps.clock, { conversationId: channel, dedupeKey: `burst:${i}`, content: textPost(`burst post ${i}`) });
    t.app.outbox.kick();
    await t.connector.waitFor(() => outboxState(t.app.db, 'burst:6')?.status === 'sent');
    await t.app.outbox.stop();
    expect(burstSent()).to.equal(6);
    expect(outboxState(t.app.db, 'burst:7')).to.include({ status: 'pending', attempts: 0 });
  });

  it('sends at most two posts that mention a tag in five seconds, as Teams allows', async () => {
    await t.post(activity('conversationUpdate.install.team'));
    await t.app.outbox.idle();
    const channel = '19:cooperation-general@thread.tacv2';
    for (let i = 1; i <= 3; i++) enqueue(t.app.db, t.app.deps.clock, { conversationId: channel, dedupeKey: `tagged:${i}`, content: textPost(`${TAG_POST_PREFIX}tagged post ${i}`) });
    t.app.outbox.kick();
    await t.connector.waitFor(() => outboxState(t.app.db, 'tagged:2')?.status === 'sent');
    await t.app.outbox.stop();
    // The third waits out the five seconds; stopped meanwhile, it stays queued for the next start.
    expect(outboxState(t.app.db, 'tagged:3')).to.include({ status: 'pending', attempts: 0 });
    expect(t.connector.sentActivities().filter((call) => JSON.stringify(call.body).includes('tagged post'))).to.have.length(2);
  });

  it('queues a dedupe key once however often it is enqueued', () => {
    const first = enqueue(t.app.db, t.app.deps.clock, { conversationId: 'c', dedupeKey: 'same', content: textPost('x') });
    const second = enqueue(t.app.db, t.app.deps.clock, { conversationId: 'c', dedupeKey: 'same', content: textPost('x') });
    expect(first.created).to.equal(true);
    expect(second).to.deep.equal({ id: first.id, created: false });
  });
});

describe('the outbox queue', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(tempDbPath());
  });
  afterEach(() => db.close());

  it("hands out each conversation's first pending message, the earliest due first", () => {
    let now = Date.parse('2026-11-28T09:00:00Z');
    const clock = { now: () => new Date(now) };
    const queue = (conversationId: string, key: string) => enqueue(db, clock, { conversationId, dedupeKey: key, content: textPost(key) }).id;
    const first = queue('b', 'b1');
    queue('b', 'b2');
    now += 1000;
    queue('a', 'a1');
    queue('c', 'c1');
    const heads = () => pendingHeads(db).map((head) => head.conversationId);
    const due = (conversationId: string) => dueHeadOf(db, clock, conversationId)?.dedupeKey ?? null;
    expect(heads()).to.deep.equal(['b', 'a', 'c']);
    expect([due('a'), due('b'), due('c')]).to.deep.equal(['a1', 'b1', 'c1']);
    // A retry keeps its place: b2 waits behind b1; a and c do not wait for b.
    scheduleRetry(db, first, new Date(now + 5000), 'HTTP 502');
    expect(heads()).to.deep.equal(['a', 'c', 'b']);
    expect(due('b')).to.equal(null);
    now += 5000;
    expect(due('b')).to.equal('b1');
    db.prepare("UPDATE outbox SET status = 'sent' WHERE dedupe_key IN ('b1', 'a1')").run();
    expect(heads()).to.deep.equal(['b', 'c']);
    expect([due('a'), due('b')]).to.deep.equal([null, 'b2']);
  });
});

describe('retry policy', () => {
  const http = (status: number, retryAfter?: string) => ({ statusCode: status, response: { headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } } });

  it('retries 429, 412, 502, 504 and timeouts, not 400, 401, 403 or 404', () => {
    for (const status of [429, 412, 502, 504]) expect(retryDecision(http(status), 1, 8).retry, String(status)).to.equal(true);
    expect(retryDecision({ code: 'ETIMEDOUT' }, 1, 8).retry).to.equal(true);
    for (const status of [400, 401, 403, 404]) expect(retryDecision(http(status), 1, 8).retry, String(status)).to.equal(false);
  });

  it('backs off exponentially with jitter and honours Retry-After', () => {
    const low = (attempt: number) => retryDecision(http(502), attempt, 8, () => 0).delayMs;
    const high = (attempt: number) => retryDecision(http(502), attempt, 8, () => 1).delayMs;
    expect([low(1), low(2), low(3)]).to.deep.equal([250, 500, 1000]);
    expect([high(1), high(2), high(3)]).to.deep.equal([500, 1000, 2000]);
    expect(retryDecision(http(429, '7'), 1, 8, () => 0).delayMs).to.equal(7000);
  });

  it('stops after the last attempt', () => {
    expect(retryDecision(http(429), 8, 8).retry).to.equal(false);
  });
});

describe('per-conversation throttle', () => {
  it('allows 7 posts per second per conversation and makes the 8th wait', () => {
    let now = 0;
    const throttle = new ConversationThrottle(() => now);
    for (let i = 0; i < 7; i++) {
      expect(throttle.waitMs('c')).to.equal(0);
      throttle.record('c');
      now += 10;
    }
    expect(throttle.waitMs('c')).to.equal(1000 - 70);
    expect(throttle.waitMs('other')).to.equal(0);
  });

  it('also keeps to 60 posts per 30 seconds', () => {
    let now = 0;
    const throttle = new ConversationThrottle(() => now);
    for (let i = 0; i < 60; i++) {
      now += throttle.waitMs('c');
      throttle.record('c');
    }
    expect(now).to.be.lessThan(30_000);
    // The first of the 60 went out at 0: the 61st waits until it leaves the 30 s window.
    expect(throttle.waitMs('c')).to.equal(30_000 - now);
  });

  it("keeps messages that mention a tag to Teams' 2 per 5 seconds and 5 per minute", () => {
    let now = 0;
    const throttle = new ConversationThrottle(() => now, TEAMS_TAG_MENTION_LIMITS);
    throttle.record('c');
    now += 100;
    throttle.record('c');
    expect(throttle.waitMs('c')).to.equal(5_000 - 100);
    for (let i = 0; i < 3; i++) {
      now += throttle.waitMs('c');
      throttle.record('c');
    }
    // Five within the minute: the sixth waits for the first to leave it.
    expect(throttle.waitMs('c')).to.equal(60_000 - now);
  });

  it('tells a message that mentions a tag, on its card or beside it, from one that mentions people', () => {
    const tag = { type: 'mention', text: '<at>T</at>', mentioned: { id: 'dGFn', name: 'T', type: 'tag' } };
    const person = { type: 'mention', text: '<at>P</at>', mentioned: { id: 'a-b', name: 'P' } };
    const card = (entities: unknown[]) => ({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { msteams: { entities } } }] });
    expect(mentionsTag(card([person, tag]))).to.equal(true);
    expect(mentionsTag({ entities: [tag] })).to.equal(true);
    expect(mentionsTag({ ...card([person]), entities: [person] })).to.equal(false);
    expect(mentionsTag(null)).to.equal(false);
  });
});
