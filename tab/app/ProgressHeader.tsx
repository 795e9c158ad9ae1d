import { Badge, ProgressBar, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Plan } from './plan';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    maxWidth: '48rem',
  },
  rootLarge: { maxWidth: '80rem' },
  headline: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalM },
  large: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800, fontWeight: tokens.fontWeightSemibold },
  largeDetail: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
});

/** "N of M actions implemented", plus how many actions are recorded against the count agreed in the plan. */
export function ProgressHeader(props: { plan: Plan; size?: 'medium' | 'large'; live?: boolean }) {
  const { t } = useTabSession();
  const styles = useStyles();
  const { plan } = props;
  const large = props.size === 'large';
  const total = plan.actions.length;
  const implemented = plan.actions.filter((action) => action.status === 'implemented').length;
  const implementedText = t('tab.progress.implemented', { count: total, implemented });
  const statusKey = `tab.planStatus.${plan.status}`;

  return (
    <section
      className={mergeClasses(styles.root, large && styles.rootLarge)}
      data-testid="progress"
      aria-label={t('tab.progress.label', { year: plan.year })}
      aria-live={props.live ? 'polite' : undefined}
    >
      <div className={styles.headline}>
        <Text as="p" size={large ? undefined : 400} weight="semibold" className={large ? styles.large : undefined}>
          {implementedText}
        </Text>
        <Badge appearance="tint" color="informative" size={large ? 'extra-large' : 'medium'}>
          {t(statusKey, { defaultValue: plan.status })}
        </Badge>
      </div>
      <ProgressBar
        value={total === 0 ? 0 : implemented / total}
        thickness="large"
        color="success"
        aria-label={implementedText}
      />
      {typeof plan.agreedActionCount === 'number' && plan.agreedActionCount > 0 && (
        <Text as="p" className={large ? styles.largeDetail : undefined}>
          {t('tab.progress.recorded', { count: total, agreed: plan.agreedActionCount })}
        </Text>
      )}
    </section>
  );
}
