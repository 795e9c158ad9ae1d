import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from './cards/renderCard';
import { turnInfo } from './turn';

export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/**
 * The line that tells a local-mode user which demo authority they act for (the configured one, or
 * the one they chose with `/demo as`); null otherwise.
 */
export function identityNotice(context: TurnContext): string | null {
  const { member, t } = turnInfo(context);
  if (!member?.viaDemo) return null;
  return t(member.demoChosen ? 'identity.localDemoChosen' : 'identity.localDemo', { authority: member.authority.shortName, state: member.authority.memberState ?? 'EU' });
}

export async function replyWithCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(cardActivity(card));
}
