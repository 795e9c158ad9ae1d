import type { TurnContext } from 'botbuilder';
import { readOpenItems } from '../../src/mine/openItems';
import type { ParsedCommand } from '../commands/parseCommand';
import type { BotDeps } from '../deps';
import type { Feature } from '../feature';
import { identityNotice, replyWithCard } from '../reply';
import { actingTurn } from '../turn';
import { mineCard } from './mineCard';

/** `/mine`: what waits for the person and their authority, read (and audited) by the domain. */
export async function mineCommand(context: TurnContext, _command: ParsedCommand, deps: BotDeps): Promise<void> {
  const { t, language, member, correlationId } = actingTurn(context);
  const items = readOpenItems(deps.db, deps.clock, member, correlationId);
  await replyWithCard(context, mineCard(t, language, items, member.authority, identityNotice(context)));
}

/**
 * My open items. Typed only: Teams' command menu holds ten commands per scope and is full, so
 * `/mine` is not listed there (the help card lists it).
 */
export const mineFeature: Feature = {
  commands: [{ name: 'mine', handler: mineCommand }],
};
