import { outboxState } from '../src/outbox/outbox';
import type { BotDeps } from './deps';
import type { ChannelCard, Feature } from './feature';
import type { RenderOutboxContent } from './outbox/outboxDispatcher';
import { cardActivity } from './reply';

/** The id Teams gave the channel post made under this dedupe key, once it is sent. */
export function channelPostId(deps: BotDeps, postedKey: string): string | null {
  return outboxState(deps.db, postedKey)?.sentActivityId ?? null;
}

/** Posts of kinds a test or bench harness queues to measure the outbox itself: the activity for a subject. */
export type HarnessPosts = Record<string, (subject: string) => unknown>;

/** Turns queued content into the activity to send, with the features' channel cards. */
export function channelContentRenderer(deps: BotDeps, features: Feature[], harnessPosts: HarnessPosts = {}): RenderOutboxContent {
  const cards = new Map<string, ChannelCard>();
  for (const feature of features) for (const [kind, draw] of Object.entries(feature.channelCards ?? {})) cards.set(kind, draw);
  return (content) => {
    const harness = harnessPosts[content.card.kind];
    if (harness) return harness(content.card.subject);
    const draw = cards.get(content.card.kind);
    if (!draw) throw new Error(`no channel card of kind ${content.card.kind}`);
    const card = draw(deps, content.card.subject);
    return card ? cardActivity(card) : null;
  };
}
