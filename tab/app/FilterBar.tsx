import { Button, Field, Input, Text, makeStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { FacetSelect, useFilterBarStyles } from './FacetSelect';
import { NO_FILTERS, type ActionFilters, type Facets } from './plan';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  field: { minWidth: '10rem', flex: '1 1 10rem', maxWidth: '16rem' },
  text: { minWidth: '12rem', flex: '2 1 14rem', maxWidth: '24rem' },
});

const TEXT_DELAY_MS = 300;

type ChoiceKey = Exclude<keyof ActionFilters, 'text'>;
const FACET_OF: Record<ChoiceKey, keyof Facets> = { state: 'states', pair: 'pairs', type: 'types', sector: 'sectors' };

/** Filters of the board: state, bilateral pair, type, sector and text; the page address keeps them. */
export function FilterBar(props: { filters: ActionFilters; facets: Facets | null; shown: number; total: number; onChange: (filters: ActionFilters) => void }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const bar = useFilterBarStyles();
  const { filters, onChange } = props;
  const [text, setText] = useState(filters.text);

  useEffect(() => setText(filters.text), [filters.text]);
  useEffect(() => {
    if (text === filters.text) return;
    const timer = window.setTimeout(() => onChange({ ...filters, text }), TEXT_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  const active = Object.values(filters).some(Boolean);
  return (
    <div role="search" className={bar.root} aria-label={t('tab.filters.label')} data-testid="filters">
      {(Object.keys(FACET_OF) as ChoiceKey[]).map((name) => (
        <FacetSelect
          key={name}
          label={t(`tab.filters.${name}`)}
          anyLabel={t('tab.filters.any')}
          className={styles.field}
          value={filters[name]}
          choices={props.facets?.[FACET_OF[name]] ?? []}
          onChange={(value) => onChange({ ...filters, [name]: value })}
          testId={`filter-${name}`}
        />
      ))}
      <Field label={t('tab.filters.text')} className={styles.text}>
        <Input type="search" value={text} placeholder={t('tab.filters.textPlaceholder')} onChange={(_, data) => setText(data.value)} data-testid="filter-text" />
      </Field>
      {active && (
        <Button appearance="secondary" onClick={() => onChange(NO_FILTERS)} data-testid="filters-clear">
          {t('tab.filters.clear')}
        </Button>
      )}
      <Text className={bar.summary} role="status" data-testid="filters-summary">
        {active ? t('tab.filters.showing', { count: props.total, shown: props.shown }) : t('tab.filters.all', { count: props.total })}
      </Text>
    </div>
  );
}
