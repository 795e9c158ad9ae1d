import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { EmptyMessage, FailureMessage, Loading } from './LoadStates';
import { PageHeader } from './PageHeader';
import { usePageStyles } from './pageStyles';
import { RequestFilterBar } from './RequestFilterBar';
import { RequestIndicatorsTable } from './RequestIndicatorsTable';
import { RequestList } from './RequestList';
import { NO_REQUEST_FILTERS, REQUEST_FILTER_KEYS, type RequestFilters } from './requests';
import { createRequestApi } from './requestsApi';
import { useTabSession } from './TabSession';
import { ssoToken } from './teams';
import { useResource } from './useResource';

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
});

function filtersFrom(search: string): RequestFilters {
  const query = new URLSearchParams(search);
  return Object.fromEntries(REQUEST_FILTER_KEYS.map((key) => [key, query.get(key) ?? ''])) as unknown as RequestFilters;
}

/** Keeps the filters in the page address, so a reload or a shared link shows the same list. */
function remember(filters: RequestFilters): void {
  const query = new URLSearchParams(location.search);
  for (const key of REQUEST_FILTER_KEYS) {
    if (filters[key]) query.set(key, filters[key]);
    else query.delete(key);
  }
  history.replaceState(history.state, '', `${location.pathname}?${query.toString()}`);
}

/**
 * Channel and personal tab: the open information requests the reader may read, by deadline with
 * the overdue ones first and marked, filterable; below, each addressed authority's indicators.
 */
export function RequestsView() {
  const { t, language, api, environment } = useTabSession();
  const page = usePageStyles();
  const styles = useStyles();
  const requests = useMemo(() => createRequestApi(() => ssoToken(environment), language), [environment, language]);
  const [filters, setFilterState] = useState<RequestFilters>(() => filtersFrom(location.search));
  const [year, setYear] = useState<number | null>(null);
  const me = useResource('me', () => api.me());
  const board = useResource(`requests:${JSON.stringify(filters)}`, () => requests.board(filters), undefined, { group: 'requests' });
  const indicators = useResource(`indicators:${year ?? 'current'}`, () => requests.indicators(year));
  const setFilters = (next: RequestFilters) => {
    remember(next);
    setFilterState(next);
  };
  const filtered = Object.values(filters).some(Boolean);

  return (
    <main className={page.page} data-testid="view-requests">
      <PageHeader me={me.phase === 'loaded' ? me.value : null} heading={t('tabRequests.heading')} />
      <Text className={styles.note}>{t('tabRequests.needToKnow')}</Text>
      <section className={styles.section} aria-label={t('tabRequests.list.label')}>
        <RequestFilterBar filters={filters} facets={board.phase === 'loaded' ? board.value.facets : null} total={board.phase === 'loaded' ? board.value.total : null} onChange={setFilters} />
        {board.phase === 'failed' && <FailureMessage failure={board.failure} retry={board.retry} texts="tabRequests.state" />}
        {(board.phase === 'loading' || board.phase === 'idle') && <Loading label={t('tabRequests.loading')} />}
        {board.phase === 'loaded' &&
          (board.value.items.length === 0 ? (
            <EmptyMessage body={t(filtered ? 'tabRequests.list.emptyFiltered' : 'tabRequests.list.empty')} />
          ) : (
            <RequestList board={board.value} />
          ))}
      </section>
      <RequestIndicatorsTable indicators={indicators} onYear={setYear} />
    </main>
  );
}
