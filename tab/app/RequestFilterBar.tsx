import { Button, Text, makeStyles } from '@fluentui/react-components';
import { FacetSelect, useFilterBarStyles } from './FacetSelect';
import { NO_REQUEST_FILTERS, REQUEST_FILTER_KEYS, type RequestBoard, type RequestFilters } from './requests';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  field: { minWidth: '10rem', flex: '1 1 10rem', maxWidth: '20rem' },
});

const FACET_OF: Record<keyof RequestFilters, keyof RequestBoard['facets']> = { status: 'statuses', topic: 'topics', company: 'companies' };

/** State, topic and company filters of the requests; the page address keeps them. The count shows once known. */
export function RequestFilterBar(props: { filters: RequestFilters; facets: RequestBoard['facets'] | null; total: number | null; onChange: (filters: RequestFilters) => void }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const bar = useFilterBarStyles();
  const { filters, onChange } = props;
  const active = Object.values(filters).some(Boolean);
  return (
    <div role="search" className={bar.root} aria-label={t('tabRequests.filters.label')} data-testid="request-filters">
      {REQUEST_FILTER_KEYS.map((name) => (
        <FacetSelect
          key={name}
          label={t(`tabRequests.filters.${name}`)}
          anyLabel={t('tabRequests.filters.any')}
          className={styles.field}
          value={filters[name]}
          choices={props.facets?.[FACET_OF[name]] ?? []}
          onChange={(value) => onChange({ ...filters, [name]: value })}
          testId={`request-filter-${name}`}
        />
      ))}
      {active && (
        <Button appearance="secondary" onClick={() => onChange(NO_REQUEST_FILTERS)} data-testid="request-filters-clear">
          {t('tabRequests.filters.clear')}
        </Button>
      )}
      {props.total !== null && (
        <Text className={bar.summary} role="status" data-testid="request-filters-summary">
          {t(active ? 'tabRequests.filters.matching' : 'tabRequests.filters.count', { count: props.total })}
        </Text>
      )}
    </div>
  );
}
