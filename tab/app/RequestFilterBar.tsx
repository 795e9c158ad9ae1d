import { Button, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { FacetChoice } from './plan';
import { NO_REQUEST_FILTERS, REQUEST_FILTER_KEYS, type RequestBoard, type RequestFilters } from './requests';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  field: { minWidth: '10rem', flex: '1 1 10rem', maxWidth: '20rem' },
  select: { width: '100%', minWidth: 0 },
  selectElement: { width: '100%', minWidth: 0, textOverflow: 'ellipsis' },
  summary: { color: tokens.colorNeutralForeground2, flexBasis: '100%' },
});

const FACET_OF: Record<keyof RequestFilters, keyof RequestBoard['facets']> = { status: 'statuses', topic: 'topics', company: 'companies' };

/** State, topic and company filters of the requests; the page address keeps them. The count shows once known. */
export function RequestFilterBar(props: { filters: RequestFilters; facets: RequestBoard['facets'] | null; total: number | null; onChange: (filters: RequestFilters) => void }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const { filters, onChange } = props;
  const active = Object.values(filters).some(Boolean);
  return (
    <div role="search" className={styles.root} aria-label={t('tabRequests.filters.label')} data-testid="request-filters">
      {REQUEST_FILTER_KEYS.map((name) => {
        const offered: FacetChoice[] = props.facets?.[FACET_OF[name]] ?? [];
        // A value from the address that is not offered stays visible, so the filter tells the truth.
        const choices = filters[name] && !offered.some((c) => c.key === filters[name]) ? [...offered, { key: filters[name], label: filters[name] }] : offered;
        return (
          <Field key={name} label={t(`tabRequests.filters.${name}`)} className={styles.field}>
            <Select
              className={styles.select}
              select={{ className: styles.selectElement }}
              value={filters[name]}
              onChange={(_, data) => onChange({ ...filters, [name]: data.value })}
              data-testid={`request-filter-${name}`}
            >
              <option value="">{t('tabRequests.filters.any')}</option>
              {choices.map((choice) => (
                <option key={choice.key} value={choice.key}>
                  {choice.label}
                </option>
              ))}
            </Select>
          </Field>
        );
      })}
      {active && (
        <Button appearance="secondary" onClick={() => onChange(NO_REQUEST_FILTERS)} data-testid="request-filters-clear">
          {t('tabRequests.filters.clear')}
        </Button>
      )}
      {props.total !== null && (
        <Text className={styles.summary} role="status" data-testid="request-filters-summary">
          {t(active ? 'tabRequests.filters.matching' : 'tabRequests.filters.count', { count: props.total })}
        </Text>
      )}
    </div>
  );
}
