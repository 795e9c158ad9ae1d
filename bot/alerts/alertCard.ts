import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { AlertView } from '../../src/alerts/alertQueries';
import { OUTCOMES } from '../../src/alerts/vocabulary';
import { naceLabel } from '../../src/reference/nace';
import { countryName } from '../../src/reference/countries';
import { authorityName } from '../../src/reference/authorityNames';
import { writtenInMark } from '../cards/readerViews';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate, vocabularyChoices } from '../cards/choices';
import { editLines, withdrawnLine } from '../../src/alerts/alertHistoryText';


const URGENCY_COLOR = { routine: 'Default', priority: 'Warning', urgent: 'Attention' } as const;

export function identifierText(t: Translate, identifier: { type: string; value: string; country: string }): string {
  return `${t(`alerts.identifierType.${identifier.type}`)}: ${identifier.value}`;
}

export const authorityList = (authorities: ReadonlyArray<{ shortName: string; memberState: string | null }>) =>
  authorities.map((authority) => `${authority.memberState ?? 'EU'} · ${authority.shortName}`).join(', ');

/** The alert as the channel sees it, with its answers and, while open, the answer buttons. */
export function alertCard(t: Translate, language: Language, alert: AlertView, notice: string | null = null): AdaptiveCard {
  const facts = [
    { title: t('alerts.card.identifiers'), value: alert.company.identifiers.map((identifier) => identifierText(t, identifier)).join(', ') },
    { title: t('alerts.card.reportingAuthority'), value: `${alert.reportingAuthority.shortName} – ${authorityName(alert.reportingAuthority, language)}` },
    { title: t('alerts.card.registrationCountry'), value: countryName(alert.registrationCountry, language) },
    { title: t('alerts.card.countriesConcerned'), value: alert.countriesConcerned.map((code) => countryName(code, language)).join(', ') },
    { title: t('alerts.card.fraudTypes'), value: alert.fraudTypes.map((type) => t(`alerts.fraudType.${type}`)).join(', ') },
    ...(alert.sector ? [{ title: t('alerts.card.sector'), value: `${alert.sector} – ${naceLabel(alert.sector, language)}` }] : []),
    ...(alert.imiRequestNumber ? [{ title: t('alerts.card.imiRequestNumber'), value: alert.imiRequestNumber }] : []),
    ...(alert.caseReference ? [{ title: t('alerts.card.caseReference'), value: alert.caseReference }] : []),
  ];
  const open = alert.status === 'open';
  return renderCard('alertCard', {
    notice: notice ?? '',
    ref: alert.ref,
    companyId: String(alert.company.id),
    open,
    title: t('alerts.card.title', { ref: alert.ref }),
    urgencyLabel: t(`alerts.urgency.${alert.urgency}`),
    urgencyColor: URGENCY_COLOR[alert.urgency],
    statusLabel: alert.withdrawal ? t('alertEdit.card.withdrawn') : t(`alerts.status.${alert.status}`),
    version: String(alert.version),
    editLabel: t('alertEdit.card.editButton'),
    historyHeader: t('alertEdit.card.historyHeader'),
    edits: editLines(t, language, alert),
    dueLine: open && alert.answersDueOn ? t('alertEdit.card.answersDue', { date: formatDate(alert.answersDueOn, language) }) : '',
    notAnsweredLine: open && alert.notAnswered.length > 0 ? t('alertEdit.card.notAnswered', { authorities: authorityList(alert.notAnswered) }) : '',
    withdrawnLine: withdrawnLine(t, language, alert),
    companyName: alert.company.name,
    reportedBy: t('alerts.card.reportedBy', {
      authority: alert.reportingAuthority.shortName,
      state: alert.reportingAuthority.memberState ?? 'EU',
      date: formatDate(alert.createdAt, language),
    }),
    facts: facts.filter((fact) => fact.value),
    summary: alert.summary ?? t('alerts.card.summaryHidden'),
    summaryWrittenIn: alert.summary ? writtenInMark(t, language, alert.summaryLanguage) : '',
    labels: t('alerts.card', { returnObjects: true }) as unknown as Record<string, string>,
    answers: alert.responses.map((response) => ({
      authority: `${response.memberState ?? 'EU'} · ${response.authorityShortName}`,
      answer: response.beforeEdit ? `${t(`alerts.answer.${response.answer}`)} ${t('alertEdit.card.beforeEdit')}` : t(`alerts.answer.${response.answer}`),
    })),
    notes: alert.responses
      .filter((response) => response.note)
      .map((response) => ({
        line: t('alerts.card.answerNote', { authority: response.authorityShortName, note: response.note! }),
        writtenIn: writtenInMark(t, language, response.noteLanguage),
      })),
    answerLabels: t('alerts.answer', { returnObjects: true }) as unknown as Record<string, string>,
    outcomeChoices: vocabularyChoices(t, 'alerts.outcome', OUTCOMES),
    requiredMessage: t('alerts.errors.chooseOutcome'),
    closedLine: alert.closedAt && alert.outcome ? t('alerts.card.closedLine', { date: formatDate(alert.closedAt, language), outcome: t(`alerts.outcome.${alert.outcome}`) }) : '',
  });
}
