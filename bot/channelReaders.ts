import type { TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import { findCooperationChannel } from '../src/conversations/conversationReferences';
import { recentChannelReaders, recordChannelReader } from '../src/conversations/channelReaders';
import type { Db } from '../src/store/database';
import { log } from '../src/log';
import type { BotDeps } from './deps';
import { peekTurnInfo } from './turn';

/** A reader's activity moves them up the list at most this often: one write per person per interval. */
const RECORD_EVERY_MS = 5 * 60_000;

interface Readers {
  /** When each person was last written, by Teams id. */
  written: Map<string, number>;
  /** The newest readers as last read from the store; null once a write may have changed them. */
  recent: string[] | null;
  /** The cooperation channel's conversation id, once there is one (it never changes). */
  channelId: string | null;
}

const readersByDb = new WeakMap<Db, Readers>();

function readersOf(db: Db): Readers {
  let readers = readersByDb.get(db);
  if (!readers) readersByDb.set(db, (readers = { written: new Map(), recent: null, channelId: null }));
  return readers;
}

function inCooperationChannel(context: TurnContext, deps: BotDeps, readers: Readers): boolean {
  if (context.activity.conversation?.conversationType !== 'channel') return false;
  readers.channelId ??= findCooperationChannel(deps.db)?.conversationId ?? null;
  return readers.channelId !== null && context.activity.conversation.id.split(';messageid=')[0] === readers.channelId;
}

/**
 * Remembers who acts in the cooperation channel (a message to the app, a press on one of its
 * cards), after the gatekeeper let them in: those people are the readers each channel card is
 * refreshed for. At most one write per person every few minutes, so a busy channel costs no
 * write per request; a failure is logged and never ends the turn.
 */
export function noteChannelReader(context: TurnContext, deps: BotDeps): void {
  const type = context.activity.type;
  const id = context.activity.from?.id;
  if ((type !== ActivityTypes.Message && type !== ActivityTypes.Invoke) || !id || !peekTurnInfo(context)?.member) return;
  const readers = readersOf(deps.db);
  const now = deps.clock.now().getTime();
  const last = readers.written.get(id);
  if (last !== undefined && now - last < RECORD_EVERY_MS) return;
  try {
    if (!inCooperationChannel(context, deps, readers)) return;
    recordChannelReader(deps.db, deps.clock, id);
    readers.written.set(id, now);
    readers.recent = null;
  } catch (error) {
    log.warn('channel_readers.record_failed', { error: error as Error });
  }
}

/** The channel's most recently active people (at most Teams' 60), newest first; read again only after a write. */
export function recentReaders(deps: BotDeps): readonly string[] {
  const readers = readersOf(deps.db);
  readers.recent ??= recentChannelReaders(deps.db);
  return readers.recent;
}
