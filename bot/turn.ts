import type { TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Language } from '../src/i18n/languages';
import type { Translate } from '../src/i18n/translate';
import type { Member } from '../src/identity/members';

/** What the gatekeeper learned about this turn: language, acting member, correlation id. */
export interface TurnInfo {
  language: Language;
  t: Translate;
  member: Member | null;
  correlationId: string;
}

const TURN_INFO = Symbol('cooperation-desk.turn');

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(TURN_INFO, info);
}

export function turnInfo(context: TurnContext): TurnInfo {
  const info = context.turnState.get(TURN_INFO) as TurnInfo | undefined;
  if (!info) throw new Error('turn info requested before the gatekeeper ran');
  return info;
}

/** A turn's info as a handler sees it: the gatekeeper ends every turn it could not map to a member. */
export interface ActingTurn extends TurnInfo {
  member: Member;
}

/** For command and card handlers, which run only after the gatekeeper has mapped the member. */
export function actingTurn(context: TurnContext): ActingTurn {
  const info = turnInfo(context);
  if (!info.member) throw new Error('a handler ran on a turn without a mapped member');
  return info as ActingTurn;
}

export function peekTurnInfo(context: TurnContext): TurnInfo | undefined {
  return context.turnState.get(TURN_INFO) as TurnInfo | undefined;
}

export function newCorrelationId(): string {
  return randomUUID();
}
