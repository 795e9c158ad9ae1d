import type { TurnContext } from 'botbuilder';
import { getInspection, type InspectionView } from '../../src/inspections/inspectionQueries';
import { translator } from '../../src/i18n/translate';
import type { Language } from '../../src/i18n/languages';
import { markClickedChannelPost } from '../channelViews';
import type { AdaptiveCard } from '../cards/renderCard';
import type { BotDeps } from '../deps';
import { channelPostId } from '../channelPost';
import type { EventPosts } from '../notifier';
import { identityNotice } from '../reply';
import { turnInfo } from '../turn';
import { inspectionCard } from './inspectionCard';

export const postedKey = (ref: string) => `cji:${ref}:posted`;

/** The channel's card is posted in the deployment's default language; each reader's view, in theirs. */
export function channelCard(deps: BotDeps, inspection: InspectionView, language: Language = deps.config.defaultLanguage): AdaptiveCard {
  return inspectionCard(translator(language), language, inspection);
}

/** The inspection's channel card as it is when sent; null if it no longer exists. */
export function channelCardOf(deps: BotDeps, ref: string, language?: Language): AdaptiveCard | null {
  const inspection = getInspection(deps.db, ref);
  return inspection ? channelCard(deps, inspection, language) : null;
}

/** The reminder post's subject: which reminder of which inspection. */
export const reminderSubject = (ref: string, kind: string, forDate: string) => [ref, kind, forDate].join('|');

/**
 * The channel's card of an inspection when it is scheduled and after each change made elsewhere
 * than on that card; the reminders the domain decided.
 */
export const inspectionEventPosts: EventPosts = {
  'inspection.scheduled': ({ ref }) => [{ to: 'channel', key: postedKey(ref), card: { kind: 'cji', subject: ref } }],
  'inspection.changed': ({ ref, version, onChannelPost }) =>
    onChannelPost ? [] : [{ to: 'channel-update', of: postedKey(ref), key: `cji:${ref}:v${version}`, card: { kind: 'cji', subject: ref } }],
  'inspection.reminder_due': ({ ref, kind, forDate }) => [
    { to: 'channel', key: `cji:${ref}:reminder:${kind}:${forDate}`, card: { kind: 'cji-reminder', subject: reminderSubject(ref, kind, forDate) } },
  ],
};

/** The clicked card is the channel's own post: the turn updates it for everyone already. */
export function clickedOnChannelPost(context: TurnContext, deps: BotDeps, ref: string): boolean {
  const replyToId = context.activity.replyToId;
  return !!replyToId && replyToId === channelPostId(deps, postedKey(ref));
}


/** The channel's own card is updated for everyone as posted (see registerCardActions); a copy elsewhere follows its reader. */
export function cardForViewer(context: TurnContext, deps: BotDeps, inspection: InspectionView): AdaptiveCard {
  if (clickedOnChannelPost(context, deps, inspection.ref)) {
    markClickedChannelPost(context, { kind: 'cji', subject: inspection.ref });
    return channelCard(deps, inspection);
  }
  const { t, language } = turnInfo(context);
  return inspectionCard(t, language, inspection, identityNotice(context));
}
