import { useState } from 'react';
import { defaultPlanYear, type Me, type Plan } from './plan';
import { useTabSession } from './TabSession';
import { useResource, type Resource } from './useResource';

export interface PlanData {
  me: Resource<Me>;
  years: Resource<number[]>;
  year: number | null;
  chooseYear: (year: number) => void;
  plan: Resource<Plan>;
}

function yearFromQuery(search: string): number | null {
  const year = Number(new URLSearchParams(search).get('year'));
  return Number.isInteger(year) && year > 2000 ? year : null;
}

/** Identity, plan years and the chosen year's plan; `?year=` in the page address picks the year. */
export function usePlanData(options: { refreshMs?: number } = {}): PlanData {
  const { api } = useTabSession();
  const [chosenYear, chooseYear] = useState<number | null>(() => yearFromQuery(location.search));
  const me = useResource('me', () => api.me());
  const years = useResource('years', async () => (await api.planYears()).years);

  const year = chosenYear ?? (years.phase === 'loaded' ? defaultPlanYear(years.value) : null);
  const plan = useResource(year === null ? null : String(year), () => api.plan(year!), options.refreshMs);

  return { me, years, year, chooseYear, plan };
}
