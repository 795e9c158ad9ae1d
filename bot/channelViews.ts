import type { TurnContext } from 'botbuilder';
import type { Language } from '../src/i18n/languages';
import { translator } from '../src/i18n/translate';
import type { AdaptiveCard } from './cards/renderCard';
import { READER_VIEW_VERB, withReaderViews, type ChannelView } from './cards/readerViews';
import type { BotDeps } from './deps';
import { forInteractor, type ChannelAudience, type ChannelCard, type ChannelPeople, type Feature } from './feature';
import { audienceOf, peopleAudience } from '../src/identity/notifyAudience';
import type { Member } from '../src/identity/members';
import { asInvokeAnswer, withMentions } from './mentions';
import { recentReaders } from './channelReaders';
import { turnInfo } from './turn';

const drawersByFeatures = new WeakMap<readonly Feature[], Map<string, ChannelCard>>();
const audiencesByFeatures = new WeakMap<readonly Feature[], Map<string, ChannelAudience>>();
const peopleByFeatures = new WeakMap<readonly Feature[], Map<string, ChannelPeople>>();

function people(features: readonly Feature[]): Map<string, ChannelPeople> {
  let found = peopleByFeatures.get(features);
  if (!found) {
    found = new Map();
    for (const feature of features) for (const [kind, named] of Object.entries(feature.channelPeople ?? {})) found.set(kind, named);
    peopleByFeatures.set(features, found);
  }
  return found;
}

function audiences(features: readonly Feature[]): Map<string, ChannelAudience> {
  let found = audiencesByFeatures.get(features);
  if (!found) {
    found = new Map();
    for (const feature of features) for (const [kind, audience] of Object.entries(feature.channelAudiences ?? {})) found.set(kind, audience);
    audiencesByFeatures.set(features, found);
  }
  return found;
}

function drawers(features: readonly Feature[]): Map<string, ChannelCard> {
  let cards = drawersByFeatures.get(features);
  if (!cards) {
    cards = new Map();
    for (const feature of features) for (const [kind, draw] of Object.entries(feature.channelCards ?? {})) cards.set(kind, draw);
    drawersByFeatures.set(features, cards);
  }
  return cards;
}

export function isChannelCardKind(features: readonly Feature[], kind: string): boolean {
  return drawers(features).has(kind);
}

/** Whether a kind of channel card is drawn for who reads it (see Feature.readerSpecificCards). */
export function isReaderSpecificCard(features: readonly Feature[], kind: string): boolean {
  return features.some((feature) => feature.readerSpecificCards?.includes(kind));
}

/**
 * A channel card as it is now, with its user-specific views: for everyone (the post itself, in
 * its own language, with the "Show in my language" button) or for one reader (in their language,
 * and, for a reader-specific card, with what `reader` may do). Null once its record is gone.
 */
export function drawChannelView(deps: BotDeps, features: readonly Feature[], view: ChannelView, forReader: Language | null, reader?: Member): AdaptiveCard | null {
  const draw = drawers(features).get(view.kind);
  if (!draw) throw new Error(`no channel card of kind ${view.kind}`);
  const card = draw(deps, view.subject, forReader ?? undefined, forReader === null ? undefined : reader);
  if (!card) return null;
  const language = forReader ?? deps.config.defaultLanguage;
  const t = translator(language);
  const viewed = withReaderViews(card, view, recentReaders(deps), t, { button: forReader === null });
  // Every view names the same people: a reader's view replaces the post on their screen.
  const audience = audiences(features).get(view.kind);
  const named = people(features).get(view.kind);
  const mentioned = audience
    ? withMentions(viewed, audienceOf(deps.db, audience(deps, view.subject)), t)
    : named
      ? withMentions(viewed, peopleAudience(deps.db, named(deps, view.subject)), t)
      : viewed;
  // A reader's view answers an invoke, where Teams takes no tag mention.
  return forReader === null ? mentioned : asInvokeAnswer(mentioned);
}

const CLICKED_VIEW = Symbol('cooperation-desk.channel-view');

/**
 * Said by a handler whose answer is the channel's own post of a record, shown again after the
 * change it made: the post is then updated for everyone with its refresh, and the person who
 * clicked gets it in their own language.
 */
export function markClickedChannelPost(context: TurnContext, view: ChannelView): void {
  context.turnState.set(CLICKED_VIEW, view);
}

export function clickedChannelPost(context: TurnContext): ChannelView | undefined {
  return context.turnState.get(CLICKED_VIEW) as ChannelView | undefined;
}

/**
 * The refresh of every channel card and its "Show in my language" button (trigger automatic or
 * manual alike): the card named by kind and subject, in the language of the reader's Teams.
 */
export function readerViewFeature(features: () => readonly Feature[]): Feature {
  return {
    cardActions: [
      {
        verb: READER_VIEW_VERB,
        handler: forInteractor(async (context, deps, data) => {
          const { t, language, member } = turnInfo(context);
          const kind = typeof data.kind === 'string' ? data.kind : '';
          const subject = typeof data.subject === 'string' ? data.subject.slice(0, 200) : '';
          if (!isChannelCardKind(features(), kind) || !subject) return t('errors.invoke.cardOutOfDate');
          return drawChannelView(deps, features(), { kind, subject }, language, member ?? undefined) ?? t('cards.viewGone');
        }),
      },
    ],
  };
}
