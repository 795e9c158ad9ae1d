import { useCallback, useRef, useState } from 'react';
import { defaultPlanYear, NO_FILTERS, type ActionFilters, type ActionPage, type Me, type PlanSummary } from './plan';
import { useTabSession } from './TabSession';
import { useResource, type ReloadableResource, type Resource } from './useResource';
import { usePlanEvents, type LiveState } from './usePlanEvents';
import type { HostEnvironment } from './teams';

export interface PlanData {
  me: Resource<Me>;
  years: Resource<number[]>;
  year: number | null;
  chooseYear: (year: number) => void;
  /** The year's plan: status, counts, progress by state and type. */
  summary: ReloadableResource<PlanSummary>;
  /** The year's actions matching the filters, with the filter choices. */
  actions: ReloadableResource<ActionPage>;
  filters: ActionFilters;
  setFilters: (filters: ActionFilters) => void;
  /** Reloads summary and actions, keeping what is shown meanwhile. */
  reload: () => void;
  live: LiveState;
}

const FILTER_KEYS = Object.keys(NO_FILTERS) as Array<keyof ActionFilters>;

function yearFrom(search: string, environment: HostEnvironment): number | null {
  // A Teams deep link ("board:2024") arrives as the subPageId; a plain link carries ?year=.
  const fromLink = /^\w+:(\d{4})$/.exec(environment.subPageId ?? '')?.[1];
  const year = Number(fromLink ?? new URLSearchParams(search).get('year'));
  return Number.isInteger(year) && year > 2000 ? year : null;
}

function filtersFrom(search: string): ActionFilters {
  const query = new URLSearchParams(search);
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, query.get(key) ?? ''])) as unknown as ActionFilters;
}

/** Keeps the year and filters in the page address, so a reload or a shared link shows the same board. */
function remember(year: number | null, filters: ActionFilters): void {
  const query = new URLSearchParams(location.search);
  if (year !== null) query.set('year', String(year));
  for (const key of FILTER_KEYS) {
    if (filters[key]) query.set(key, filters[key]);
    else query.delete(key);
  }
  history.replaceState(history.state, '', `${location.pathname}?${query.toString()}`);
}

/**
 * Identity, plan years, and the chosen year's summary and (filtered) actions, kept up to date by
 * the plan's live events. `?year=` or a Teams deep link picks the year; `?state=&type=...` the filters.
 */
export function usePlanData(options: { withFilters?: boolean; alsoReload?: () => void } = {}): PlanData {
  const { api, environment } = useTabSession();
  const [chosenYear, setChosenYear] = useState<number | null>(() => yearFrom(location.search, environment));
  const [filters, setFilterState] = useState<ActionFilters>(() => (options.withFilters ? filtersFrom(location.search) : NO_FILTERS));
  const me = useResource('me', () => api.me());
  const years = useResource('years', async () => (await api.planYears()).years);

  const year = chosenYear ?? (years.phase === 'loaded' ? defaultPlanYear(years.value) : null);
  const summary = useResource(year === null ? null : String(year), () => api.summary(year!));
  const filterKey = JSON.stringify(filters);
  const actions = useResource(year === null ? null : `${year}:${filterKey}`, () => api.actions(year!, filters), undefined, { group: String(year) });

  const reloadSummary = summary.reload;
  const reloadActions = actions.reload;
  // What else the view shows of the year (the board's proposals) follows the same change events.
  const alsoReload = useRef(options.alsoReload);
  alsoReload.current = options.alsoReload;
  const reload = useCallback(() => {
    reloadSummary();
    reloadActions();
    alsoReload.current?.();
  }, [reloadSummary, reloadActions]);
  const live = usePlanEvents(year, reload);

  const chooseYear = (next: number) => {
    setChosenYear(next);
    remember(next, filters);
  };
  const setFilters = (next: ActionFilters) => {
    setFilterState(next);
    remember(year, next);
  };

  return { me, years, year, chooseYear, summary, actions, filters, setFilters, reload, live };
}
