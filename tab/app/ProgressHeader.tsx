import { Badge, ProgressBar, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { countryName } from '../../src/reference/countries';
import type { PlanSummary } from './plan';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  overall: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '48rem' },
  overallLarge: { maxWidth: '80rem' },
  headline: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalM, margin: 0 },
  large: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800, fontWeight: tokens.fontWeightSemibold },
  largeDetail: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  states: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
  },
  statesLarge: { gridTemplateColumns: 'repeat(auto-fill, minmax(18rem, 1fr))' },
  state: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
});

/**
 * "N of M actions implemented", the plan's status, how many actions are recorded against the count
 * agreed, and the same progress for each member state (leading or taking part).
 */
export function ProgressHeader(props: { summary: PlanSummary; size?: 'medium' | 'large'; live?: boolean; compact?: boolean }) {
  const { t, language } = useTabSession();
  const styles = useStyles();
  const { summary } = props;
  const large = props.size === 'large';
  const total = summary.total;
  const implemented = summary.counts.implemented;
  const implementedText = t('tab.progress.implemented', { count: total, implemented });
  const statusKey = `tab.planStatus.${summary.status}`;

  return (
    <section
      className={styles.root}
      data-testid="progress"
      aria-label={t('tab.progress.label', { year: summary.year })}
      aria-live={props.live ? 'polite' : undefined}
    >
      <div className={mergeClasses(styles.overall, large && styles.overallLarge)}>
        <div className={styles.headline}>
          <Text as="p" size={large ? undefined : 400} weight="semibold" className={large ? styles.large : undefined} data-testid="progress-implemented">
            {implementedText}
          </Text>
          <Badge appearance="tint" color="informative" size={large ? 'extra-large' : 'medium'}>
            {t(statusKey, { defaultValue: summary.status })}
          </Badge>
        </div>
        <ProgressBar value={total === 0 ? 0 : implemented / total} thickness="large" color="success" aria-label={implementedText} />
        {typeof summary.agreedActionCount === 'number' && summary.agreedActionCount > 0 && (
          <Text as="p" className={large ? styles.largeDetail : undefined}>
            {t('tab.progress.recorded', { count: total, agreed: summary.agreedActionCount })}
          </Text>
        )}
      </div>
      {!props.compact && summary.byState.length > 0 && (
        <ul className={mergeClasses(styles.states, large && styles.statesLarge)} aria-label={t('tab.progress.byState')} data-testid="progress-by-state">
          {summary.byState.map((state) => {
            const text = t('tab.progress.state', { state: countryName(state.key, language), implemented: state.counts.implemented, count: state.total });
            return (
              <li key={state.key} className={styles.state} data-testid={`progress-state-${state.key}`}>
                <Text size={large ? 400 : 200}>{text}</Text>
                <ProgressBar value={state.total === 0 ? 0 : state.counts.implemented / state.total} color="success" aria-label={text} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
