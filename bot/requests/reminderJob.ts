import { translator } from '../../src/i18n/translate';
import type { Language } from '../../src/i18n/languages';
import { getRequest } from '../../src/requests/requestQueries';
import { decideDueRequestReminders, isRequestReminderKind, type RequestReminderKind } from '../../src/requests/requestReminders';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';
import type { BotDeps } from '../deps';

/** The post's subject names the reminder whole: request, authority, kind and the deadline it is about. */
export const reminderSubject = (ref: string, authorityId: string, kind: RequestReminderKind, forDate: string) => `${ref}|${authorityId}|${kind}|${forDate}`;

/**
 * A deadline reminder as the channel sees it: who has to answer which request by when, no content
 * (the Open button shows that to the two sides only). In the post's language or one reader's.
 */
export function requestReminderCard(language: Language, reminder: { ref: string; from: string; to: string; kind: RequestReminderKind; forDate: string }): AdaptiveCard {
  const t = translator(language);
  const vars = { ref: reminder.ref, from: reminder.from, to: reminder.to, date: formatDate(reminder.forDate, language) };
  return renderCard('requestReminder', {
    style: reminder.kind === 'overdue' ? 'warning' : 'accent',
    title: t(`requests.reminder.${reminder.kind}.title`, vars),
    line: t(`requests.reminder.${reminder.kind}.line`, vars),
    ref: reminder.ref,
    openLabel: t('requests.notice.open'),
  });
}

export function reminderCardOf(deps: BotDeps, subject: string, language: Language = deps.config.defaultLanguage): AdaptiveCard | null {
  const [ref, authorityId, kind, forDate] = subject.split('|');
  const request = ref ? getRequest(deps.db, ref) : null;
  const part = request?.addressees.find((a) => a.authorityId === authorityId);
  if (!request || !part || !isRequestReminderKind(kind) || !forDate) return null;
  return requestReminderCard(language, { ref: request.ref, from: `${request.requesterShortName} (${request.requesterMemberState})`, to: `${part.shortName} (${part.memberState})`, kind, forDate });
}

/** The job: every due reminder posted once, whatever the number of runs and restarts. */
export function postDueRequestReminders(deps: BotDeps): { queued: number; withoutChannel: number } {
  const run = decideDueRequestReminders(deps.db, deps.clock);
  if (run.queued > 0) deps.notify();
  return run;
}
