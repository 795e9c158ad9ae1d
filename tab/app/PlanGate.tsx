import type { ReactNode } from 'react';
import { EmptyMessage, FailureMessage, Loading } from './LoadStates';
import type { Plan } from './plan';
import { useTabSession } from './TabSession';
import type { PlanData } from './usePlanData';

/** Shows loading, failure and empty states in place of a plan; renders `children` once there is one. */
export function PlanGate(props: { data: PlanData; children: (plan: Plan) => ReactNode }) {
  const { t } = useTabSession();
  const { me, years, year, plan } = props.data;

  // The identity only feeds the banner, but a refused identity means every other call is refused too.
  if (me.phase === 'failed' && me.failure.kind === 'unauthorised') return <FailureMessage failure={me.failure} />;
  if (years.phase === 'failed') return <FailureMessage failure={years.failure} retry={years.retry} />;
  if (years.phase === 'loaded' && year === null) {
    return <EmptyMessage title={t('tab.state.noPlans.title')} body={t('tab.state.noPlans.body')} />;
  }
  if (plan.phase === 'failed') return <FailureMessage failure={plan.failure} year={year} retry={plan.retry} />;
  if (plan.phase !== 'loaded') {
    return <Loading label={year === null ? t('tab.loading') : t('tab.loadingPlan', { year })} />;
  }
  if (plan.value.actions.length === 0) return <EmptyMessage body={t('tab.state.noActions', { year: plan.value.year })} />;
  return <>{props.children(plan.value)}</>;
}
