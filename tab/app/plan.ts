/** The shapes the tab reads from the Cooperation Desk API (see GET /api/me and /api/plans). */
import type { TimelineEntry } from '../../src/plans/actionQueries';
import { ACTION_STATUSES, type ActionStatus } from '../../src/plans/vocabulary';

// The plan's vocabulary is the domain's: the tab bundles these constants rather than copying them.
export { ACTION_STATUSES, type ActionStatus } from '../../src/plans/vocabulary';

export const PLAN_STATUSES = ['draft', 'agreed', 'assessed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export type MemberState = string;

export interface AuthorityRef {
  id: string;
  shortName: string;
}

export interface Place {
  city?: string | null;
  region?: string | null;
  country: MemberState;
}

export interface PlanAction {
  ref: string;
  year?: number;
  statusReason?: string | null;
  originRef?: string | null;
  title: string;
  description?: string | null;
  type: string;
  scope: string;
  status: ActionStatus;
  leadState: MemberState;
  leadAuthority: AuthorityRef | null;
  states: MemberState[];
  sectors: string[];
  topics: string[];
  period: string | null;
  startDate: string | null;
  endDate: string | null;
  places: Place[];
  funding: string[];
  version: number;
  updatedAt: string;
}

export interface Plan {
  year: number;
  status: PlanStatus | string;
  agreedActionCount: number | null;
  actions: PlanAction[];
}

export interface PlanYears {
  years: number[];
}

export interface Me {
  mode: 'local' | 'production';
  devIdentity: boolean;
  authority: (AuthorityRef & { memberState: MemberState }) | null;
  role: 'member' | 'coordinator';
}

// The timeline is the API's own type: one definition for the server and the tab (types only,
// nothing of src/ is bundled).
export type { TimelineEntry, TimelineKind } from '../../src/plans/actionQueries';

/** GET /api/actions/:ref: the action, its timeline (newest first) and what the viewer may do. */
export interface ActionDetail extends PlanAction {
  authorities: Array<{ id: string; shortName: string; memberState: string | null }>;
  sourceNote: string | null;
  carriedToRef: string | null;
  allowedNext: ActionStatus[];
  timeline: TimelineEntry[];
  mayUpdate: boolean;
}

export interface FacetChoice {
  key: string;
  label: string;
}

export interface Facets {
  states: FacetChoice[];
  pairs: FacetChoice[];
  types: FacetChoice[];
  sectors: FacetChoice[];
}

/** GET /api/actions: one page of the actions matching the filters, and the year's filter choices. */
export interface ActionPage {
  items: PlanAction[];
  total: number;
  offset: number;
  limit: number;
  hasMore: boolean;
  facets: Facets | null;
}

export type StatusCounts = Record<ActionStatus, number>;

export interface StateProgress {
  key: MemberState;
  total: number;
  counts: StatusCounts;
  implementedRate: number;
  lead: number;
  participant: number;
}

/** GET /api/plans/:year/summary */
export interface PlanSummary {
  year: number;
  status: PlanStatus | string;
  agreedActionCount: number | null;
  total: number;
  counts: StatusCounts;
  implementedRate: number;
  byState: StateProgress[];
  byType: Array<{ key: string; total: number; counts: StatusCounts; implementedRate: number }>;
  viewer: { coordinator: boolean };
}

export interface ActionFilters {
  state: string;
  pair: string;
  type: string;
  sector: string;
  text: string;
}

export const NO_FILTERS: ActionFilters = { state: '', pair: '', type: '', sector: '', text: '' };

export interface ReportLinks {
  report: string;
  assessmentCsv: string;
  actionsCsv: string;
}

export function actionsByStatus(actions: readonly PlanAction[]): Record<ActionStatus, PlanAction[]> {
  const groups = Object.fromEntries(ACTION_STATUSES.map((status) => [status, [] as PlanAction[]])) as Record<
    ActionStatus,
    PlanAction[]
  >;
  for (const action of actions) {
    // An unknown status from a newer server must not hide the action: it joins "planned".
    (groups[action.status] ?? groups.planned).push(action);
  }
  return groups;
}

/** The current year when the plan exists, otherwise the most recent plan. */
export function defaultPlanYear(years: readonly number[], today: Date = new Date()): number | null {
  if (years.length === 0) return null;
  const current = today.getFullYear();
  return years.includes(current) ? current : Math.max(...years);
}
