import { Label, Select, makeStyles, tokens, useId } from '@fluentui/react-components';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  label: { whiteSpace: 'nowrap' },
});

export function YearPicker(props: { years: number[]; year: number | null; onChange: (year: number) => void; size?: 'small' | 'medium' }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const id = useId('year-picker');
  // A year asked for in the address but absent from the list stays selectable, so the picker tells the truth.
  const years = [...new Set(props.year === null ? props.years : [...props.years, props.year])].sort((a, b) => b - a);
  return (
    <div className={styles.root}>
      <Label htmlFor={id} size={props.size} className={styles.label}>
        {t('tab.yearPicker.label')}
      </Label>
      <Select
        id={id}
        data-testid="year-picker"
        size={props.size}
        value={props.year === null ? '' : String(props.year)}
        onChange={(_, data) => props.onChange(Number(data.value))}
      >
        {years.map((year) => (
          <option key={year} value={year}>
            {year}
          </option>
        ))}
      </Select>
    </div>
  );
}
