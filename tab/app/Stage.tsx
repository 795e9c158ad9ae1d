import { usePageStyles } from './pageStyles';
import { PlanGate } from './PlanGate';
import { ProgressHeader } from './ProgressHeader';
import { StageHeader } from './StageHeader';
import { StatusColumns } from './StatusColumns';
import { useTabSession } from './TabSession';
import { usePlanData } from './usePlanData';

/**
 * Meeting stage: large, read-only, progress first; nothing to click, everything readable from afar.
 * Updates arrive live (server-sent events); while the stream is down it polls and says so.
 */
export function Stage() {
  const { t } = useTabSession();
  const page = usePageStyles();
  const data = usePlanData();
  const { me, year, summary, actions, live } = data;
  const refreshedAt = actions.phase === 'loaded' ? actions.refreshedAt : null;
  const refreshFailed = Boolean((summary.phase === 'loaded' && summary.refreshFailure) || (actions.phase === 'loaded' && actions.refreshFailure));

  return (
    <main className={page.page} data-testid="view-stage" data-live={live}>
      <StageHeader
        me={me.phase === 'loaded' ? me.value : null}
        heading={year === null ? t('tab.board.headingNoYear') : t('tab.stage.heading', { year })}
        live={live}
        refreshedAt={refreshedAt}
        refreshFailed={refreshFailed}
      />
      <PlanGate data={data}>
        {(loadedSummary, loadedActions) => (
          <>
            <ProgressHeader summary={loadedSummary} size="large" live />
            <StatusColumns actions={loadedActions.items} size="large" testId="board" />
          </>
        )}
      </PlanGate>
    </main>
  );
}
