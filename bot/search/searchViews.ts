import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { SearchHit, SearchPage } from '../../src/search/searchEverything';
import { countryName } from '../../src/reference/countries';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';
import { pagingFields } from '../cards/paging';

export const SEARCH_PAGE_SIZE = 8;

/** The verb that opens a result's own card, the same its kind's lists use. */
export const OPEN_VERB: Record<SearchHit['kind'], string> = { company: 'company.dossier', alert: 'alert.show', inspection: 'cji.show', action: 'action.show' };

const STATUS_SECTION: Record<SearchHit['kind'], string | null> = { company: null, alert: 'alerts.status', inspection: 'inspections.status', action: 'plan.status' };

/** A result's first line: reference and name (a company's name alone), as typed, shown as text. */
export function hitHeading(hit: SearchHit): string {
  if (hit.kind === 'company') return hit.title;
  return hit.title ? `${hit.key} · ${hit.title}` : hit.key;
}

/** A result's second line: its kind, date, country and status in the reader's language. */
export function hitLine(t: Translate, language: Language, hit: SearchHit): string {
  const section = STATUS_SECTION[hit.kind];
  return [
    t('search.line', { kind: t(`search.kind.${hit.kind}`), date: formatDate(hit.at, language) }),
    hit.country ? countryName(hit.country, language) : null,
    section && hit.status ? t(`${section}.${hit.status}`) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function searchResultsCard(t: Translate, language: Language, text: string, page: SearchPage & { offset: number }, notice: string | null): AdaptiveCard {
  return renderCard('searchResults', {
    notice: notice ?? '',
    title: t('search.title', { text }),
    empty: t('search.empty', { text }),
    text,
    items: page.items.map((hit) => ({ verb: OPEN_VERB[hit.kind], key: hit.key, heading: hitHeading(hit), line: hitLine(t, language, hit) })),
    ...pagingFields(t, 'search', page, SEARCH_PAGE_SIZE),
  });
}
