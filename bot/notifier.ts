import { findCooperationChannel } from '../src/conversations/conversationReferences';
import { personalChatConversationId, personalChatTarget } from '../src/conversations/personalChats';
import { consumerPosition, hasEventsAfter, pruneTakenEvents, takeNewEvents, type DomainEvent, type DomainEventType, type EventOf } from '../src/events/domainEvents';
import { enqueue, outboxState, type OutboxContent } from '../src/outbox/outbox';
import { groupCommitted, inTransaction, type Db } from '../src/store/database';
import type { Clock } from '../src/clock';
import { log } from '../src/log';

/** The post an event asks for; its card is named by kind and subject and drawn when it is sent. */
export type EventPost =
  /** A new post in the cooperation channel; the key makes it unique (posting it twice posts it once). */
  | { to: 'channel'; key: string; card: OutboxContent['card'] }
  /** The channel's post made under `of` shown again as its record is now; nothing while that post is not sent yet. */
  | { to: 'channel-update'; of: string; key: string; card: OutboxContent['card'] }
  /**
   * A reply in the thread of the channel's post made under `of` (a reminder about that record);
   * a new post when that post is not in Teams (it never went out), so the reply is not lost.
   */
  | { to: 'channel-reply'; of: string; key: string; card: OutboxContent['card'] }
  /** A post in a given conversation (e.g. the welcome where the app was added). */
  | { to: 'conversation'; conversationId: string; key: string; card: OutboxContent['card'] }
  /**
   * A post in a person's 1:1 chat with the app (users' id), created when it goes out; nothing when
   * the person may not be written to there (see personalChatTarget: another tenant's member).
   */
  | { to: 'personal'; userId: number; key: string; card: OutboxContent['card'] };

/** What a feature posts for each kind of event. */
export type EventPosts = { [T in DomainEventType]?: (event: EventOf<T>) => EventPost[] };

/** The Teams adapter's reader of the domain's events. */
export const NOTIFIER = 'teams-channel-posts';

/** Taken events are kept this long, for a look at what happened lately; the audit log keeps the rest. */
const KEEP_TAKEN_EVENTS_MS = 7 * 24 * 3600_000;
const RECHECK_MS = 5_000;
const PRUNE_EVERY_MS = 3600_000;

export interface Notifier {
  /** Turns the events written since the last call into outbox posts and wakes the outbox; after every write that records one. */
  notify(): void;
  /** Resolves once no notification is under way (for tests and shutdown). */
  settled(): Promise<void>;
  stop(): void;
}

/** The cooperation channel, looked up once per drain rather than once per post. */
type ChannelLookup = () => ReturnType<typeof findCooperationChannel>;

function queuePost(db: Db, clock: Clock, post: EventPost, cooperationChannel: ChannelLookup): boolean {
  if (post.to === 'personal') {
    const target = personalChatTarget(db, post.userId);
    if (!target) return false;
    enqueue(db, clock, { conversationId: personalChatConversationId(target), dedupeKey: post.key, content: { card: post.card } });
    return true;
  }
  if (post.to === 'conversation') {
    enqueue(db, clock, { conversationId: post.conversationId, dedupeKey: post.key, content: { card: post.card } });
    return true;
  }
  const channel = cooperationChannel();
  if (!channel) return false;
  if (post.to === 'channel') {
    enqueue(db, clock, { conversationId: channel.conversationId, dedupeKey: post.key, content: { card: post.card } });
    return true;
  }
  if (post.to === 'channel-reply') {
    const parent = outboxState(db, post.of)?.sentActivityId ?? null;
    enqueue(db, clock, { conversationId: channel.conversationId, dedupeKey: post.key, content: { card: post.card }, targetActivityId: parent });
    return true;
  }
  const posted = outboxState(db, post.of)?.sentActivityId;
  // Not in Teams yet: the post itself is drawn when it goes out, so it will show this change.
  if (!posted) return false;
  enqueue(db, clock, { conversationId: channel.conversationId, dedupeKey: post.key, kind: 'update', content: { card: post.card }, targetActivityId: posted });
  return true;
}

/**
 * Events become outbox posts after the change that wrote them is committed, in a write of their
 * own that also moves the notifier's position: a failure (the store busy, a full disk) leaves the
 * events to be taken at the next write or the next check, none lost and none twice. That write is
 * group-committed, so under load it shares the commit of the submissions queued with it instead
 * of costing one of its own. The posts hold no card, only what to draw, so the channel shows each
 * record as it is when sent.
 */
export function startNotifier(options: { db: Db; clock: Clock; posts: EventPosts[]; kickOutbox(): void }): Notifier {
  const { db, clock } = options;
  const handlers = new Map<DomainEventType, Array<(event: DomainEvent) => EventPost[]>>();
  for (const posts of options.posts) {
    for (const [type, handler] of Object.entries(posts) as Array<[DomainEventType, (event: DomainEvent) => EventPost[]]>) {
      handlers.set(type, [...(handlers.get(type) ?? []), handler]);
    }
  }

  /** Takes every new event; what it queued and the position it reached. Runs inside a transaction. */
  function takeAll(): { queued: number; position: number } {
    let channel: ReturnType<ChannelLookup> | undefined;
    const cooperationChannel: ChannelLookup = () => (channel === undefined ? (channel = findCooperationChannel(db)) : channel);
    let queued = 0;
    for (let events = takeNewEvents(db, NOTIFIER); events.length > 0; events = takeNewEvents(db, NOTIFIER)) {
      for (const { event } of events) {
        for (const handler of handlers.get(event.type) ?? []) for (const post of handler(event)) if (queuePost(db, clock, post, cooperationChannel)) queued += 1;
      }
    }
    return { queued, position: consumerPosition(db, NOTIFIER) };
  }
  // The drain counts as started once its batch runs it: events committed before that are its.
  const drain = groupCommitted((_db: Db, run: { started: boolean }) => {
    run.started = true;
    return takeAll();
  });

  // Where this process's notifier stands, once committed: asking "anything new?" is one seek.
  let position = consumerPosition(db, NOTIFIER);
  let queued: { started: boolean; done: Promise<void> } | null = null;
  const inFlight = new Set<Promise<void>>();

  function notify(): void {
    // A drain still waiting for its batch will see whatever the caller committed.
    if (queued && !queued.started) return;
    try {
      if (!hasEventsAfter(db, position)) return;
    } catch (error) {
      log.error('notifier.failed', { error });
      return;
    }
    const run = { started: false, done: Promise.resolve() };
    run.done = drain(db, run).then(
      (taken) => {
        position = Math.max(position, taken.position);
        if (taken.queued > 0) options.kickOutbox();
      },
      (error: unknown) => log.error('notifier.failed', { error }),
    );
    queued = run;
    inFlight.add(run.done);
    void run.done.then(() => inFlight.delete(run.done));
  }

  async function settled(): Promise<void> {
    while (inFlight.size > 0) await Promise.all(inFlight);
  }

  let prunedAt = 0;
  function check(): void {
    notify();
    if (Date.now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = Date.now();
    try {
      inTransaction(db, () => pruneTakenEvents(db, new Date(clock.now().getTime() - KEEP_TAKEN_EVENTS_MS)));
    } catch (error) {
      log.error('notifier.prune_failed', { error });
    }
  }

  // Events left by a stop between a commit and its notification, or after a failed drain.
  const timer = setInterval(check, RECHECK_MS);
  timer.unref();
  notify();
  return { notify, settled, stop: () => clearInterval(timer) };
}
