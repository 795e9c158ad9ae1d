import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import { fitCard } from './cardLimits';
import type { AdaptiveCard } from './renderCard';

/**
 * The one verb of every channel card's refresh and of its "Show in my language" button: the card
 * named by kind and subject, drawn in the language of whoever asks (Teams' user-specific views).
 */
export const READER_VIEW_VERB = 'channel.readerView';

/** Which channel card a refresh asks for: the same names the outbox posts it by. */
export interface ChannelView {
  kind: string;
  subject: string;
}

/**
 * A channel card that each reader can see in their own language: `refresh` makes Teams ask the app
 * for the card of each listed user (at most 60, the channel's most recently active people) as soon
 * as they see it; everyone else, and anyone whose client does not refresh (automatic refresh is
 * unreliable in channels), has the "Show in my language" button, answered the same way. The view
 * a reader gets back keeps the refresh, so a later change of the card refreshes it again, and
 * drops the button they no longer need.
 */
export function withReaderViews(card: AdaptiveCard, view: ChannelView, readers: readonly string[], t: Translate, options: { button: boolean }): AdaptiveCard {
  const action = { type: 'Action.Execute', verb: READER_VIEW_VERB, title: t('cards.showInMyLanguage'), data: { kind: view.kind, subject: view.subject } };
  // The drawn card is frozen and shared (renderCard remembers it): this one is a copy.
  const copy = structuredClone(card) as AdaptiveCard & { body?: unknown[] };
  copy.refresh = { action, userIds: [...readers] };
  // Under the card's first element, the one that says what the card is.
  if (options.button) {
    const [first, ...rest] = copy.body ?? [];
    copy.body = [...(first ? [first] : []), { type: 'ActionSet', spacing: 'Small', actions: [action] }, ...rest];
  }
  return fitCard(copy);
}

// Beside channel cards and in the tab alike.
export { writtenInMark } from '../../src/i18n/writtenLanguage';
