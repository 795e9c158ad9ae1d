import { translator } from '../../src/i18n/translate';
import type { Language } from '../../src/i18n/languages';
import { writtenLanguage } from '../../src/i18n/writtenLanguage';
import { sql } from '../../src/store/database';
import { getRequest, type RequestView } from '../../src/requests/requestQueries';
import { isToldChange, noticeRecipient, noticeSubject, parseNoticeSubject, type RequestNotice } from '../../src/requests/requestNotices';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';
import type { BotDeps } from '../deps';
import type { EventPost } from '../notifier';
import type { EventOf } from '../../src/events/domainEvents';

/** The kind of the thread reply under the request's notice, and of the same notice in a 1:1 chat. */
export const PROGRESS_KIND = 'request-progress';
export const PERSONAL_PROGRESS_KIND = 'request-progress-personal';

/**
 * What one side is told of the other's move (acknowledged, answered, a new deadline asked for,
 * accepted or declined): who did what on which request, and when it is due. A notice only, like
 * the channel's: no company, no question, no answer, no reason; its Open button shows the content
 * to the two sides alone (the request view verb, which checks who asks).
 */
export function requestProgressCard(language: Language, request: RequestView, notice: RequestNotice): AdaptiveCard | null {
  const part = request.addressees.find((a) => a.authorityId === notice.authorityId);
  if (!part) return null;
  const t = translator(language);
  const line = notice.change === 'answered' ? `requestNotices.${notice.outcome === 'answered_fully' ? 'answered_fully' : 'answered_partially'}` : `requestNotices.${notice.change}`;
  const isDate = notice.change.startsWith('deadline');
  const vars = {
    ref: request.ref,
    authority: `${part.shortName} (${part.memberState})`,
    requester: `${request.requesterShortName} (${request.requesterMemberState})`,
    date: isDate ? formatDate(notice.outcome, language) : '',
    due: formatDate(part.dueDate, language),
  };
  return renderCard(
    'requestProgress',
    { title: t('requestNotices.title', { ref: request.ref }), line: t(line, vars), privacy: t('requests.notice.privacy'), ref: request.ref, openLabel: t('requests.notice.open') },
    language,
  );
}

function drawn(deps: BotDeps, subject: string, language: Language): AdaptiveCard | null {
  const notice = parseNoticeSubject(subject);
  const request = notice ? getRequest(deps.db, notice.ref) : null;
  return notice && request ? requestProgressCard(language, request, notice) : null;
}

/** The thread reply, drawn when it is sent, in the post's language or one reader's. */
export function progressCardOf(deps: BotDeps, subject: string, language: Language = deps.config.defaultLanguage): AdaptiveCard | null {
  return drawn(deps, subject, language);
}

/** The person the thread reply is for (the same rule as the event's), mentioned on it by name so that Teams notifies them. */
export function progressPeople(deps: BotDeps, subject: string): number[] {
  const notice = parseNoticeSubject(subject);
  const request = notice ? getRequest(deps.db, notice.ref) : null;
  const recipient = notice && request ? noticeRecipient(request, notice) : null;
  return recipient === null ? [] : [recipient];
}

/** A 1:1 post's subject: the person it is for, then the notice. */
const personalSubject = (userId: number, subject: string) => `${userId}>${subject}`;

/** The same notice in the person's 1:1 chat, in the language of their Teams (recorded at their last message). */
export function personalProgressCardOf(deps: BotDeps, subject: string): AdaptiveCard | null {
  const [userId, notice] = subject.split('>');
  const row = sql(deps.db, 'SELECT locale FROM users WHERE id = ?').get(Number(userId)) as { locale: string | null } | undefined;
  if (!row || !notice) return null;
  return drawn(deps, notice, writtenLanguage(row.locale) ?? deps.config.defaultLanguage);
}

/**
 * A change one side is told of: a reply in the thread of the request's notice, mentioning the
 * person it is for, and the same notice in their 1:1 chat (when they are of the app's tenant).
 * Keyed by the notice, so a resent answer or proposal, or an event taken again after a restart,
 * tells nothing twice.
 */
export function progressPosts(postedKey: (ref: string) => string, event: EventOf<'request.changed'>): EventPost[] {
  if (!event.part || !isToldChange(event.change)) return [];
  const notice: RequestNotice = { ref: event.ref, change: event.change, ...event.part };
  const recipient = event.tellUserId ?? null;
  const subject = noticeSubject(notice);
  const posts: EventPost[] = [{ to: 'channel-reply', of: postedKey(event.ref), key: `request-progress:${subject}`, card: { kind: PROGRESS_KIND, subject } }];
  if (recipient !== null) posts.push({ to: 'personal', userId: recipient, key: `request-progress:${subject}:to:${recipient}`, card: { kind: PERSONAL_PROGRESS_KIND, subject: personalSubject(recipient, subject) } });
  return posts;
}
