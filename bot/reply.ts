import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { renderCard, type AdaptiveCard } from './cards/renderCard';
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

/**
 * A reply whose sentence quotes what the user typed ("There is no company “…”.", "I did not
 * understand “…”."). Teams reads markdown and a subset of HTML in bot text messages as well, so the
 * quoted part of a plain text reply would be interpreted: a search for "[x](http://evil.example)"
 * would come back as a live link in the bot's own words. Such a reply is therefore a small card
 * whose one TextRun holds the whole sentence, shown as written, for the reasons renderCard gives:
 * escaping would depend on Teams' undocumented markdown dialect (escapes it ignores would show as
 * stray backslashes, entities as "&amp;"), while TextRun is plain by specification and is what every
 * other card already uses for typed text. (`textFormat: 'plain'` is documented for text messages,
 * but how each Teams client honours it is not, and nothing here can check it.) The catalogue's words
 * in these sentences use no formatting, so nothing is lost. Replies whose values the bot parsed into
 * a fixed shape (a reference matched by its pattern, a number) stay plain text.
 */
export async function replyQuotingInput(context: TurnContext, sentence: string): Promise<void> {
  await replyWithCard(context, renderCard('quotingReply', { text: sentence }));
}
