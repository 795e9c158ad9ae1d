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

export function peekTurnInfo(context: TurnContext): TurnInfo | undefined {
  return context.turnState.get(TURN_INFO) as TurnInfo | undefined;
}

export function newCorrelationId(): string {
  return randomUUID();
}
