import { outboxState } from '../src/outbox/outbox';
import type { BotDeps } from './deps';
import type { Feature, PersonalCard } from './feature';
import { drawChannelView } from './channelViews';
import type { RenderOutboxContent } from './outbox/outboxDispatcher';
import { cardActivity } from './reply';
import { cardMentionEntities } from './mentions';

/** The id Teams gave the channel post made under this dedupe key, once it is sent. */
export function channelPostId(deps: BotDeps, postedKey: string): string | null {
  return outboxState(deps.db, postedKey)?.sentActivityId ?? null;
}

const personalByFeatures = new WeakMap<readonly Feature[], Map<string, PersonalCard>>();

function personalDrawers(features: readonly Feature[]): Map<string, PersonalCard> {
  let found = personalByFeatures.get(features);
  if (!found) {
    found = new Map();
    for (const feature of features) for (const [kind, draw] of Object.entries(feature.personalCards ?? {})) found.set(kind, draw);
    personalByFeatures.set(features, found);
  }
  return found;
}

/** Posts of kinds a test or bench harness queues to measure the outbox itself: the activity for a subject. */
export type HarnessPosts = Record<string, (subject: string) => unknown>;

/** Turns queued content into the activity to send, with the features' channel cards and their readers' views. */
export function channelContentRenderer(deps: BotDeps, features: Feature[], harnessPosts: HarnessPosts = {}): RenderOutboxContent {
  return (content) => {
    const harness = harnessPosts[content.card.kind];
    if (harness) return harness(content.card.subject);
    // A 1:1 post is one person's: drawn in their language, with no reader views and no mentions.
    const personal = personalDrawers(features).get(content.card.kind);
    if (personal) {
      const card = personal(deps, content.card.subject);
      return card ? cardActivity(card) : null;
    }
    // Every post carries its refresh: each reader can see it in their own language.
    const card = drawChannelView(deps, features, content.card, null);
    if (!card) return null;
    // A card's mentions are read from its msteams.entities; the activity carries them too, as a
    // text message's would, for clients and tools that read mentions at that level.
    const entities = cardMentionEntities(card);
    return entities.length > 0 ? { ...cardActivity(card), entities } : cardActivity(card);
  };
}
