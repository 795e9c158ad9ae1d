import { Badge, ProgressBar, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { countryName } from '../../src/reference/countries';
import { FailureMessage, Loading } from './LoadStates';
import type { Endorsement } from './plan';
import { useStageStyles } from './stageStyles';
import { useTabSession } from './TabSession';
import type { Resource } from './useResource';

const useStyles = makeStyles({
  states: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))', gap: tokens.spacingHorizontalM },
  state: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  endorsed: { border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteGreenBorder2}` },
  name: { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
});

function longDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
}

/** Which participating states have endorsed the plan being prepared, and when; the agreement once all have. */
export function AnnualEndorsement(props: { year: number; endorsement: Resource<Endorsement> }) {
  const { t, language } = useTabSession();
  const stage = useStageStyles();
  const styles = useStyles();
  const { year, endorsement } = props;
  const heading = (
    <Text as="h2" className={stage.sectionHeading}>
      {t('cycle.endorsement.title', { year })}
    </Text>
  );
  if (endorsement.phase === 'failed') {
    return (
      <section className={stage.section} data-testid="annual-endorsement">
        {heading}
        {endorsement.failure.kind === 'planNotFound' ? (
          <Text className={stage.quiet}>{t('stage.annual.endorsement.noPlan', { year })}</Text>
        ) : (
          <FailureMessage failure={endorsement.failure} year={year} retry={endorsement.retry} />
        )}
      </section>
    );
  }
  if (endorsement.phase !== 'loaded') {
    return (
      <section className={stage.section} data-testid="annual-endorsement">
        {heading}
        <Loading label={t('tab.loadingPlan', { year })} />
      </section>
    );
  }
  const { plan, states } = endorsement.value;
  const done = states.filter((state) => state.endorsedAt !== null).length;
  const progress = t('cycle.endorsement.progress', { done, count: states.length });
  const agreed =
    plan.status !== 'draft' && plan.agreedAt
      ? plan.agreedPlace
        ? t('cycle.endorsement.agreed', { date: longDate(plan.agreedAt, language), place: plan.agreedPlace, count: plan.agreedActionCount ?? 0 })
        : t('cycle.endorsement.agreedNoPlace', { date: longDate(plan.agreedAt, language), count: plan.agreedActionCount ?? 0 })
      : null;

  return (
    <section className={stage.section} data-testid="annual-endorsement" data-endorsed={done} aria-live="polite">
      {heading}
      <Text as="p" className={stage.big} data-testid="annual-endorsement-progress">
        {progress}
      </Text>
      <ProgressBar value={states.length === 0 ? 0 : done / states.length} thickness="large" color="success" aria-label={progress} />
      {agreed && (
        <Text as="p" className={stage.body} weight="semibold" data-testid="annual-agreed">
          {agreed}
        </Text>
      )}
      {!agreed && plan.meetingPlace && <Text className={stage.body}>{t('cycle.endorsement.meetingPlace', { place: plan.meetingPlace })}</Text>}
      <ul className={styles.states}>
        {states.map((state) => (
          <li key={state.state} className={mergeClasses(styles.state, state.endorsedAt !== null && styles.endorsed)} data-testid={`annual-endorsement-${state.state}`} data-endorsed={state.endorsedAt !== null}>
            <Text className={styles.name}>{countryName(state.state, language)}</Text>
            <Badge appearance={state.endorsedAt ? 'filled' : 'outline'} color={state.endorsedAt ? 'success' : 'informative'} size="large" className={stage.badge}>
              {state.endorsedAt ? t('stage.annual.endorsement.endorsed') : t('cycle.endorsement.pending')}
            </Badge>
            {state.endorsedAt && (
              <Text className={stage.quiet}>{t('cycle.endorsement.endorsed', { date: longDate(state.endorsedAt, language), authority: state.authorityShortName ?? '—' })}</Text>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
