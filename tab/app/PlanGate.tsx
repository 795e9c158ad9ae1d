import type { ReactNode } from 'react';
import { EmptyMessage, FailureMessage, Loading } from './LoadStates';
import type { ActionPage, PlanSummary } from './plan';
import { useTabSession } from './TabSession';
import type { PlanData } from './usePlanData';

/**
 * Shows loading, failure and empty states in place of a plan; renders `children` once the year's
 * summary and actions are there. An empty filter result is not an empty plan: the board says which.
 */
export function PlanGate(props: { data: PlanData; children: (summary: PlanSummary, actions: ActionPage) => ReactNode }) {
  const { t } = useTabSession();
  const { me, years, year, summary, actions } = props.data;

  // The identity only feeds the banner, but a refused identity means every other call is refused too.
  if (me.phase === 'failed' && me.failure.kind === 'unauthorised') return <FailureMessage failure={me.failure} />;
  if (years.phase === 'failed') return <FailureMessage failure={years.failure} retry={years.retry} />;
  if (years.phase === 'loaded' && year === null) {
    return <EmptyMessage title={t('tab.state.noPlans.title')} body={t('tab.state.noPlans.body')} />;
  }
  if (summary.phase === 'failed') return <FailureMessage failure={summary.failure} year={year} retry={summary.retry} />;
  if (actions.phase === 'failed') return <FailureMessage failure={actions.failure} year={year} retry={actions.retry} />;
  if (summary.phase !== 'loaded' || actions.phase !== 'loaded') {
    return <Loading label={year === null ? t('tab.loading') : t('tab.loadingPlan', { year })} />;
  }
  if (summary.value.total === 0) return <EmptyMessage body={t('tab.state.noActions', { year: summary.value.year })} />;
  return <>{props.children(summary.value, actions.value)}</>;
}
