import { Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { FacetChoice } from './plan';

/** The frame of a filter bar: its fields wrap, and the count below takes the whole width. */
export const useFilterBarStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  // Long sector names must not widen the select beyond its field.
  select: { width: '100%', minWidth: 0 },
  selectElement: { width: '100%', minWidth: 0, textOverflow: 'ellipsis' },
  summary: { color: tokens.colorNeutralForeground2, flexBasis: '100%' },
});

/** One filter of a filter bar: "any", then the choices the list offers. */
export function FacetSelect(props: { label: string; anyLabel: string; className: string; value: string; choices: FacetChoice[]; onChange: (value: string) => void; testId: string }) {
  const styles = useFilterBarStyles();
  // A value from the address that the list does not offer stays visible, so the filter tells the truth.
  const choices = props.value && !props.choices.some((c) => c.key === props.value) ? [...props.choices, { key: props.value, label: props.value }] : props.choices;
  return (
    <Field label={props.label} className={props.className}>
      <Select className={styles.select} select={{ className: styles.selectElement }} value={props.value} onChange={(_, data) => props.onChange(data.value)} data-testid={props.testId}>
        <option value="">{props.anyLabel}</option>
        {choices.map((choice) => (
          <option key={choice.key} value={choice.key}>
            {choice.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
