import { translator } from '../../src/i18n/translate';
import { planSummary } from '../../src/plans/planSummary';
import type { StatusChange } from '../../src/plans/updateActionStatus';
import { activityOf, queueChannelPost } from '../channelPost';
import type { BotDeps } from '../deps';
import { cardActivity } from '../reply';
import { statusPostCard } from './actionViews';
import { boardLink } from './planLinks';

/**
 * What a status change tells the cooperation channel, so that the channel follows the plan: queued
 * in the change's own transaction (through the outbox), in the deployment's shared language, once
 * per version of the action. Used by the bot and the tab API alike.
 */
export function announceStatusChange(deps: BotDeps): (change: StatusChange) => void {
  return (change) => {
    const language = deps.config.defaultLanguage;
    const summary = planSummary(deps.db, change.action.year);
    const card = statusPostCard(translator(language), language, change, { implemented: summary.counts.implemented, total: summary.total }, boardLink(deps, change.action.year));
    queueChannelPost(deps, `action:${change.action.ref}:status:v${change.action.version}`, activityOf(cardActivity(card)));
  };
}
