import { decideOverdueAnswerReminders } from '../../src/alerts/answerDeadlines';
import { getAlert, type AlertView } from '../../src/alerts/alertQueries';
import type { Translate } from '../../src/i18n/translate';
import { translator } from '../../src/i18n/translate';
import type { Language } from '../../src/i18n/languages';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';
import type { BotDeps } from '../deps';
import type { EventPosts } from '../notifier';
import { authorityList } from './alertCard';

/** The reminder post's subject: which deadline of which alert. */
export const answerReminderSubject = (ref: string, forDate: string) => `${ref}|${forDate}`;

/**
 * "Answers overdue", drawn when sent (in the post's language, or a reader's): who has still not
 * answered then. Null once retention has deleted the alert.
 */
export function answerReminderCardOf(deps: BotDeps, subject: string, language: Language = deps.config.defaultLanguage): AdaptiveCard | null {
  const [ref, forDate] = subject.split('|');
  const alert = forDate ? getAlert(deps.db, ref) : null;
  return alert ? answerReminderCard(translator(language), language, alert, forDate) : null;
}

/** The reminder for a deadline of an alert, in one language. */
export function answerReminderCard(t: Translate, language: Language, alert: AlertView, forDate: string): AdaptiveCard {
  return renderCard('alertAnswersReminder', {
    title: t('alertEdit.reminder.title', { ref: alert.ref }),
    body: t('alertEdit.reminder.body', { ref: alert.ref, company: alert.company.name, date: formatDate(forDate, language) }),
    notAnswered: alert.notAnswered.length > 0 ? t('alertEdit.reminder.notAnswered', { authorities: authorityList(alert.notAnswered) }) : '',
    ref: alert.ref,
    showLabel: t('alertEdit.reminder.show'),
  });
}

/** The reminder goes to the alert's thread: a reply to its channel post. */
export const answerReminderPosts = (postedKey: (ref: string) => string): EventPosts => ({
  'alert.answers_overdue': ({ ref, forDate }) => {
    const subject = answerReminderSubject(ref, forDate);
    return [{ to: 'channel-reply', of: postedKey(ref), key: `alert-reminder:${subject}`, card: { kind: 'alert-reminder', subject } }];
  },
});

/** The job: each passed deadline reminded of once, whatever the number of runs and restarts. */
export function postOverdueAnswerReminders(deps: BotDeps): { queued: number; withoutChannel: number } {
  const run = decideOverdueAnswerReminders(deps.db, deps.clock);
  if (run.queued > 0) deps.notify();
  return run;
}
