import { decideDueReminders, dueReminder, type DueReminder, type ReminderRun } from '../../src/inspections/inspectionReminders';
import { isReminderKind } from '../../src/inspections/vocabulary';
import { translator } from '../../src/i18n/translate';
import type { Language } from '../../src/i18n/languages';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import type { BotDeps } from '../deps';
import { formatDate } from '../cards/choices';
import { datesText, kindLabel, placeText, statusLabel } from './inspectionText';

/** The reminder as posted to the channel, in the deployment's shared language, or in one reader's. */
export function reminderCard(deps: Pick<BotDeps, 'config'>, reminder: DueReminder, language: Language = deps.config.defaultLanguage): AdaptiveCard {
  const t = translator(language);
  const { inspection } = reminder;
  const vars = {
    ref: inspection.ref,
    kind: kindLabel(t, inspection.kind),
    place: placeText(inspection, language),
    dates: datesText(inspection.startDate, inspection.endDate, language),
    status: statusLabel(t, inspection.status),
    date: formatDate(reminder.forDate, language),
    joining: inspection.participants.filter((p) => p.answer === 'join').length,
  };
  const startsSoon = reminder.kind === 'starts_soon';
  const lines = startsSoon
    ? [t('inspections.reminder.startsSoonBody', vars), ...(inspection.status === 'agreed' ? [] : [t('inspections.reminder.notAgreedYet', vars)])]
    : [t('inspections.reminder.reportDueBody', vars)];
  return renderCard('cjiReminder', {
    style: startsSoon ? 'accent' : 'warning',
    title: t(startsSoon ? 'inspections.reminder.startsSoonTitle' : 'inspections.reminder.reportDueTitle', vars),
    lines: lines.map((text) => ({ text })),
    ref: inspection.ref,
    reportDue: !startsSoon,
    showLabel: t('inspections.reminder.show'),
    reportLabel: t('inspections.reminder.report'),
  });
}

/** The reminder's post as it is sent (subject: see reminderSubject); null once the inspection is gone. */
export function reminderCardOf(deps: BotDeps, subject: string, language?: Language): AdaptiveCard | null {
  const [ref, kind, forDate] = subject.split('|');
  const reminder = isReminderKind(kind) && forDate ? dueReminder(deps.db, ref, kind, forDate) : null;
  return reminder ? reminderCard(deps, reminder, language) : null;
}

/** The job: every due reminder is posted to the channel once, whatever the number of runs and restarts. */
export function postDueReminders(deps: BotDeps): ReminderRun {
  const run = decideDueReminders(deps.db, deps.clock, deps.config.inspectionReminders);
  if (run.queued > 0) deps.notify();
  return run;
}
