import { makeStyles, tokens } from '@fluentui/react-components';
import { AnnualAssessment } from './AnnualAssessment';
import { AnnualEndorsement } from './AnnualEndorsement';
import { AnnualProposals } from './AnnualProposals';
import { usePageStyles } from './pageStyles';
import { StageHeader } from './StageHeader';
import { useTabSession } from './TabSession';
import { useAnnualMeeting } from './useAnnualMeeting';
import type { Resource } from './useResource';

const useStyles = makeStyles({
  // Assessment and endorsement side by side on a wide shared screen, stacked on a narrow one.
  top: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(28rem, 100%), 1fr))', gap: tokens.spacingHorizontalXXL, alignItems: 'start' },
});

function newest(resources: Array<Resource<unknown>>): Date | null {
  const times = resources.flatMap((resource) => (resource.phase === 'loaded' ? [resource.refreshedAt.getTime()] : []));
  return times.length === 0 ? null : new Date(Math.max(...times));
}

/**
 * The annual meeting on the meeting stage (`?view=annual`, or `&stage=annual` on the stage): last
 * year's assessment (frozen once assessed), the national endorsement of the plan being prepared,
 * and its proposals by priority and type with the states behind them. Large and read-only, for a
 * room's shared screen; people join and support from their phones, and the screen follows live.
 */
export function AnnualMeeting() {
  const { t } = useTabSession();
  const page = usePageStyles();
  const styles = useStyles();
  const data = useAnnualMeeting();
  const resources = [data.assessment, data.cycle, data.endorsement, data.proposals] as Array<Resource<unknown>>;
  const refreshedAt = newest(resources);
  const refreshFailed = resources.some((resource) => resource.phase === 'loaded' && resource.refreshFailure);

  return (
    <main className={page.page} data-testid="view-annual" data-live={data.live}>
      <StageHeader
        me={data.me.phase === 'loaded' ? data.me.value : null}
        heading={t('stage.annual.heading', { assessed: data.assessedYear, year: data.year })}
        live={data.live}
        refreshedAt={refreshedAt}
        refreshFailed={refreshFailed}
        room
      />
      <div className={styles.top}>
        <AnnualAssessment year={data.assessedYear} assessment={data.assessment} cycle={data.cycle} />
        <AnnualEndorsement year={data.year} endorsement={data.endorsement} />
      </div>
      <AnnualProposals year={data.year} proposals={data.proposals} />
    </main>
  );
}
