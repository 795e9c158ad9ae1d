import { translator } from '../../src/i18n/translate';
import type { Language } from '../../src/i18n/languages';
import { planSummary } from '../../src/plans/planSummary';
import { statusChangeOf } from '../../src/plans/updateActionStatus';
import type { AdaptiveCard } from '../cards/renderCard';
import type { BotDeps } from '../deps';
import type { EventPosts } from '../notifier';
import { statusPostCard } from './actionViews';
import { boardLink } from './planLinks';

const subjectOf = (ref: string, version: number) => `${ref}@${version}`;

/**
 * A status change tells the cooperation channel, from the bot and the tab alike, so that the
 * channel follows the plan: once per version of the action.
 */
export const planEventPosts: EventPosts = {
  'action.status_changed': ({ ref, version }) => [{ to: 'channel', key: `action:${ref}:status:v${version}`, card: { kind: 'action-status', subject: subjectOf(ref, version) } }],
};

/**
 * The post of one status change, drawn when sent in the deployment's shared language (or in one
 * reader's), with the plan's progress as it is then; null once the action is gone.
 */
export function statusPostOf(deps: BotDeps, subject: string, language: Language = deps.config.defaultLanguage): AdaptiveCard | null {
  const at = subject.lastIndexOf('@');
  const change = at > 0 ? statusChangeOf(deps.db, subject.slice(0, at), Number(subject.slice(at + 1))) : null;
  if (!change) return null;
  const summary = planSummary(deps.db, change.action.year);
  return statusPostCard(translator(language), language, change, { implemented: summary.counts.implemented, total: summary.total }, boardLink(deps, change.action.year));
}
