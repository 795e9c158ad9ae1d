import type { TurnContext } from 'botbuilder';
import { getInspection, type InspectionView } from '../../src/inspections/inspectionQueries';
import { translator } from '../../src/i18n/translate';
import type { AdaptiveCard } from '../cards/renderCard';
import type { BotDeps } from '../deps';
import { cardOf, channelPostId, queueChannelPost, queueChannelUpdate } from '../channelPost';
import { identityNotice } from '../reply';
import { turnInfo } from '../turn';
import { inspectionCard } from './inspectionCard';

export const postedKey = (ref: string) => `cji:${ref}:posted`;

/** Channel cards are read in four languages: they use the deployment's default. */
export function channelCard(deps: BotDeps, inspection: InspectionView): AdaptiveCard {
  return inspectionCard(translator(deps.config.defaultLanguage), deps.config.defaultLanguage, inspection);
}

/** The inspection's channel card as it is when sent; null if it no longer exists. */
export function channelCardOf(deps: BotDeps, ref: string): AdaptiveCard | null {
  const inspection = getInspection(deps.db, ref);
  return inspection ? channelCard(deps, inspection) : null;
}

/** Queues the inspection's card for the cooperation channel; call it inside the creating transaction. */
export function announceInspection(deps: BotDeps, inspection: InspectionView): boolean {
  return queueChannelPost(deps, postedKey(inspection.ref), cardOf('cji', inspection.ref));
}

/** The clicked card is the channel's own post: the turn updates it for everyone already. */
export function clickedOnChannelPost(context: TurnContext, deps: BotDeps, ref: string): boolean {
  const replyToId = context.activity.replyToId;
  return !!replyToId && replyToId === channelPostId(deps, postedKey(ref));
}

/** After a change made from a copy elsewhere (personal chat, a list), the channel's card follows. */
export function refreshChannelCard(context: TurnContext, deps: BotDeps, inspection: InspectionView): void {
  if (!channelPostId(deps, postedKey(inspection.ref)) || clickedOnChannelPost(context, deps, inspection.ref)) return;
  if (queueChannelUpdate(deps, postedKey(inspection.ref), `cji:${inspection.ref}:v${inspection.version}`, cardOf('cji', inspection.ref))) deps.kickOutbox();
}

/** The channel's own card stays in the shared language; a copy elsewhere follows its reader. */
export function cardForViewer(context: TurnContext, deps: BotDeps, inspection: InspectionView): AdaptiveCard {
  if (clickedOnChannelPost(context, deps, inspection.ref)) return channelCard(deps, inspection);
  const { t, language } = turnInfo(context);
  return inspectionCard(t, language, inspection, identityNotice(context));
}
