import { Badge, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { cycleReportText } from '../../src/plans/cycleReportText';
import { percent } from './formatting';
import { FailureMessage, Loading } from './LoadStates';
import { ACTION_STATUSES, type CycleReport, type PlanAssessment } from './plan';
import { STATUS_COLOR } from './statusLook';
import { useStageStyles } from './stageStyles';
import { useTabSession } from './TabSession';
import type { Resource } from './useResource';

const useStyles = makeStyles({
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, listStyleType: 'none', margin: 0, padding: 0 },
  count: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** Last year's plan as assessed: the frozen figures (or, until frozen, the live ones, saying so) and what moved since. */
export function AnnualAssessment(props: { year: number; assessment: Resource<PlanAssessment>; cycle: Resource<CycleReport> }) {
  const { t, language } = useTabSession();
  const stage = useStageStyles();
  const styles = useStyles();
  const { assessment, cycle, year } = props;

  const heading = (
    <Text as="h2" className={stage.sectionHeading}>
      {t('stage.annual.assessment.heading', { year })}
    </Text>
  );
  if (assessment.phase === 'failed') {
    return (
      <section className={stage.section} data-testid="annual-assessment">
        {heading}
        {assessment.failure.kind === 'planNotFound' ? (
          <Text className={stage.quiet}>{t('stage.annual.assessment.noPlan', { year })}</Text>
        ) : (
          <FailureMessage failure={assessment.failure} year={year} retry={assessment.retry} />
        )}
      </section>
    );
  }
  if (assessment.phase !== 'loaded' || cycle.phase !== 'loaded') {
    return (
      <section className={stage.section} data-testid="annual-assessment">
        {heading}
        <Loading label={t('tab.loadingPlan', { year })} />
      </section>
    );
  }
  const figures = assessment.value;
  const text = cycleReportText(t, language, cycle.value);
  const headline = t('tab.progress.implemented', { count: figures.total, implemented: figures.counts.implemented });

  return (
    <section className={stage.section} data-testid="annual-assessment" data-frozen={text.frozen ? 'yes' : 'no'} aria-live="polite">
      {heading}
      <Text as="p" className={stage.quiet} data-testid="annual-frozen">
        {text.frozen ?? t('stage.annual.assessment.notFrozen')}
      </Text>
      <Text as="p" className={stage.big} data-testid="annual-implemented">
        {headline}
      </Text>
      <ProgressBar value={figures.total === 0 ? 0 : figures.counts.implemented / figures.total} thickness="large" color="success" aria-label={headline} />
      <Text className={stage.body}>{t('stage.annual.assessment.rate', { percent: percent(figures.implementedRate, language) })}</Text>
      <ul className={styles.counts} aria-label={t('plan.report.sections.byStatus')}>
        {ACTION_STATUSES.map((status) => (
          <li key={status} className={styles.count} data-testid={`annual-count-${status}`}>
            <Badge appearance="filled" color={STATUS_COLOR[status]} size="extra-large" className={stage.badge}>
              {figures.counts[status]}
            </Badge>
            <Text className={stage.body}>{t(`plan.status.${status}`)}</Text>
          </li>
        ))}
      </ul>
      {text.frozen && (
        <>
          <Text as="h3" className={stage.subHeading}>
            {t('cycle.report.changesHeading')}
          </Text>
          {text.changes.length === 0 ? (
            <Text className={stage.quiet}>{t('cycle.report.noChanges')}</Text>
          ) : (
            <ul className={stage.plainList} data-testid="annual-changes">
              {text.changes.map((line) => (
                <li key={line}>
                  <Text className={stage.body}>{line}</Text>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
