import { Button, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { NO_FILTERS, type ActionFilters, type FacetChoice, type Facets } from './plan';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  field: { minWidth: '10rem', flex: '1 1 10rem', maxWidth: '16rem' },
  // Long sector names must not widen the select beyond its field.
  select: { width: '100%', minWidth: 0 },
  selectElement: { width: '100%', minWidth: 0, textOverflow: 'ellipsis' },
  text: { minWidth: '12rem', flex: '2 1 14rem', maxWidth: '24rem' },
  summary: { color: tokens.colorNeutralForeground2, flexBasis: '100%' },
});

const TEXT_DELAY_MS = 300;

type ChoiceKey = Exclude<keyof ActionFilters, 'text'>;
const FACET_OF: Record<ChoiceKey, keyof Facets> = { state: 'states', pair: 'pairs', type: 'types', sector: 'sectors' };

function FacetSelect(props: { name: ChoiceKey; value: string; choices: FacetChoice[]; onChange: (value: string) => void }) {
  const { t } = useTabSession();
  const styles = useStyles();
  // A value from the address that this year does not offer stays visible, so the filter tells the truth.
  const choices = props.value && !props.choices.some((c) => c.key === props.value) ? [...props.choices, { key: props.value, label: props.value }] : props.choices;
  return (
    <Field label={t(`tab.filters.${props.name}`)} className={styles.field}>
      <Select className={styles.select} select={{ className: styles.selectElement }} value={props.value} onChange={(_, data) => props.onChange(data.value)} data-testid={`filter-${props.name}`}>
        <option value="">{t('tab.filters.any')}</option>
        {choices.map((choice) => (
          <option key={choice.key} value={choice.key}>
            {choice.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** Filters of the board: state, bilateral pair, type, sector and text; the page address keeps them. */
export function FilterBar(props: { filters: ActionFilters; facets: Facets | null; shown: number; total: number; onChange: (filters: ActionFilters) => void }) {
  const { t } = useTabSession();
  const styles = useStyles();
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
    <div role="search" className={styles.root} aria-label={t('tab.filters.label')} data-testid="filters">
      {(Object.keys(FACET_OF) as ChoiceKey[]).map((name) => (
        <FacetSelect key={name} name={name} value={filters[name]} choices={props.facets?.[FACET_OF[name]] ?? []} onChange={(value) => onChange({ ...filters, [name]: value })} />
      ))}
      <Field label={t('tab.filters.text')} className={styles.text}>
        <Input type="search" value={text} placeholder={t('tab.filters.textPlaceholder')} onChange={(_, data) => setText(data.value)} data-testid="filter-text" />
      </Field>
      {active && (
        <Button appearance="secondary" onClick={() => onChange(NO_FILTERS)} data-testid="filters-clear">
          {t('tab.filters.clear')}
        </Button>
      )}
      <Text className={styles.summary} role="status" data-testid="filters-summary">
        {active ? t('tab.filters.showing', { count: props.total, shown: props.shown }) : t('tab.filters.all', { count: props.total })}
      </Text>
    </div>
  );
}
