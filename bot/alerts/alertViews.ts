import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { AlertListFilter, AlertListItem } from '../../src/alerts/alertQueries';
import type { CompanyDossier } from '../../src/companies/companyDossier';
import { countryName } from '../../src/reference/countries';
import { naceLabel } from '../../src/reference/nace';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';
import { identifierText } from './alertCard';
import { pagingFields } from '../cards/paging';

export const ALERTS_PAGE_SIZE = 8;

export interface ListPage {
  items: AlertListItem[];
  hasMore: boolean;
  filter: AlertListFilter & { mine?: boolean };
  offset: number;
}

function describeFilter(t: Translate, language: Language, filter: ListPage['filter']): string {
  const parts = [
    filter.text ? `"${filter.text}"` : null,
    filter.country ? countryName(filter.country, language) : null,
    filter.status ? t(`alerts.status.${filter.status}`) : null,
    filter.mine ? t('alerts.list.mine') : null,
  ].filter(Boolean);
  return parts.length > 0 ? t('alerts.list.filters', { filters: parts.join(' · ') }) : t('alerts.list.noFilters');
}

export function alertListCard(t: Translate, language: Language, page: ListPage, notice: string | null): AdaptiveCard {
  const { text, country, status, mine } = page.filter;
  return renderCard('alertList', {
    notice: notice ?? '',
    title: t('alerts.list.title'),
    filters: describeFilter(t, language, page.filter),
    empty: t('alerts.list.empty'),
    items: page.items.map((item) => ({
      ref: item.ref,
      heading: `${item.ref} · ${item.companyName}`,
      line: t('alerts.list.line', {
        ref: item.ref,
        company: item.companyName,
        state: item.reportingState ?? item.reportingAuthorityShortName,
        date: formatDate(item.createdAt, language),
        status: t(`alerts.status.${item.status}`),
        answers: item.responseCount,
      }),
    })),
    ...pagingFields(t, 'alerts.list', page, ALERTS_PAGE_SIZE),
    filterJson: JSON.stringify({ text: text ?? null, country: country ?? null, status: status ?? null, mine: mine ?? false }),
  });
}

export function dossierCard(t: Translate, language: Language, dossier: CompanyDossier, notice: string | null): AdaptiveCard {
  const subtitle = [dossier.country ? countryName(dossier.country, language) : null, dossier.sector ? `${dossier.sector} – ${naceLabel(dossier.sector, language)}` : null]
    .filter(Boolean)
    .join(' · ');
  return renderCard('companyDossier', {
    notice: notice ?? '',
    labels: t('alerts.dossier', { returnObjects: true }) as unknown as Record<string, string>,
    companyId: String(dossier.id),
    exportLabel: t('dossierExport.button'),
    name: dossier.name,
    subtitle,
    askForInformation: t('requests.askForInformation'),
    identifiers: dossier.identifiers.map((identifier) => ({ text: identifierText(t, identifier) })),
    alerts: dossier.alerts.slice(0, 20).map((alert) => ({
      ref: alert.ref,
      line: t('alerts.dossier.alertLine', {
        ref: alert.ref,
        state: alert.reportingAuthority.memberState ?? alert.reportingAuthority.shortName,
        date: formatDate(alert.createdAt, language),
        status: alert.outcome ? `${t(`alerts.status.${alert.status}`)} (${t(`alerts.outcome.${alert.outcome}`)})` : t(`alerts.status.${alert.status}`),
        urgency: t(`alerts.urgency.${alert.urgency}`),
      }),
      fraud: alert.fraudTypes.map((type) => t(`alerts.fraudType.${type}`)).join(', '),
      answers:
        alert.responses.length > 0
          ? t('alerts.dossier.answersLine', { answers: alert.responses.map((r) => `${r.memberState ?? 'EU'} ${r.authorityShortName}: ${t(`alerts.answer.${r.answer}`)}`).join(' · ') })
          : t('alerts.card.noAnswers'),
    })),
    inspections: dossier.inspections.map((inspection) => ({
      line: t('alerts.dossier.inspectionLine', {
        ref: inspection.ref,
        status: t(`inspections.status.${inspection.status}`),
        dates: `${formatDate(inspection.startDate, language)} – ${formatDate(inspection.endDate, language)}`,
        place: [inspection.city, inspection.hostState].filter(Boolean).join(', '),
      }),
    })),
  });
}

export function confirmationCard(title: string, lines: string[], notice: string | null): AdaptiveCard {
  return renderCard('confirmation', { notice: notice ?? '', title, lines: lines.map((text) => ({ text })) });
}
