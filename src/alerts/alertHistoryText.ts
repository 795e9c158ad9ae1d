import type { Language } from '../i18n/languages';
import type { Translate } from '../i18n/translate';
import type { AlertChange } from './alertChanges';
import type { AlertView } from './alertQueries';

/** The edits shown with an alert; older ones are counted, which keeps its card under Teams' size limit. */
export const SHOWN_EDITS = 3;

const dateFormats = new Map<Language, Intl.DateTimeFormat>();

function day(iso: string, language: Language): string {
  let format = dateFormats.get(language);
  if (!format) dateFormats.set(language, (format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return format.format(new Date(iso));
}

export const byLine = (by: { shortName: string; memberState: string | null }) => `${by.shortName} (${by.memberState ?? 'EU'})`;

/** "countries concerned + FR − DE", "urgency Priority → Urgent": one change in the reader's words. */
export function changeText(t: Translate, change: AlertChange): string {
  switch (change.field) {
    case 'summary':
      return t('alertEdit.change.summary');
    case 'urgency':
      return t('alertEdit.change.urgency', { from: t(`alerts.urgency.${change.from}`), to: t(`alerts.urgency.${change.to}`) });
    default: {
      const name = (value: string) =>
        change.field === 'fraudTypes' ? t(`alerts.fraudType.${value}`) : change.field === 'identifiers' ? value.slice(value.indexOf(':') + 1) : value;
      const moves = [...change.added.map((value) => `+ ${name(value)}`), ...change.removed.map((value) => `− ${name(value)}`)];
      return `${t(`alertEdit.change.${change.field}`)} ${moves.join(' ')}`;
    }
  }
}

/**
 * The alert's corrections, newest first, "edited 3 Dec by ITSS (ES): countries concerned + FR":
 * the same lines on its channel card and in the tab.
 */
export function editLines(t: Translate, language: Language, alert: Pick<AlertView, 'edits'>): Array<{ text: string }> {
  const lines = alert.edits.slice(0, SHOWN_EDITS).map((edit) => ({
    text: t('alertEdit.card.editedLine', { date: day(edit.at, language), by: byLine(edit.by), changes: edit.changes.map((change) => changeText(t, change)).join('; ') }),
  }));
  if (alert.edits.length > SHOWN_EDITS) lines.push({ text: t('alertEdit.card.moreEdits', { count: alert.edits.length - SHOWN_EDITS }) });
  return lines;
}

/** "Withdrawn on 3 Dec 2026 by ACT (PT): sent twice", or without the reason once retention removed it; '' when not withdrawn. */
export function withdrawnLine(t: Translate, language: Language, alert: Pick<AlertView, 'withdrawal'>): string {
  const withdrawal = alert.withdrawal;
  if (!withdrawal) return '';
  const vars = { date: day(withdrawal.at, language), by: withdrawal.by ? byLine(withdrawal.by) : '—' };
  return withdrawal.reason ? t('alertEdit.card.withdrawnLine', { ...vars, reason: withdrawal.reason }) : t('alertEdit.card.withdrawnLineNoReason', vars);
}
