/**
 * The shapes the tab reads from the Cooperation Desk API: the API's own types (tab/api/apiTypes.ts,
 * built from the domain's), so a change on the server that the tab does not follow fails to
 * compile. Types and the plan vocabulary only: nothing else of the server is bundled.
 */
import type { ActionSummary } from '../../src/plans/actionRows';
import type { ActionStatus } from '../../src/plans/vocabulary';
import { ACTION_STATUSES } from '../../src/plans/vocabulary';

export { ACTION_STATUSES, type ActionStatus } from '../../src/plans/vocabulary';
export type { PlanStatus } from '../../src/plans/planQueries';
export type { StatusCounts, StateBreakdown as StateProgress } from '../../src/plans/planSummary';
export type { TimelineEntry, TimelineKind } from '../../src/plans/actionQueries';
export type {
  ActionDetailBody as ActionDetail,
  ActionPageBody as ActionPage,
  ActionUpdateBody as ActionUpdate,
  FacetChoice,
  Facets,
  MeBody as Me,
  PlanBody as Plan,
  PlanSummaryBody as PlanSummary,
  PlanYearsBody as PlanYears,
  ReportLinksBody as ReportLinks,
  ParticipantsBody as Participants,
  EndorsementBody as Endorsement,
  CycleReportBody as CycleReport,
  ProposalBody as Proposal,
  ProposalListBody as ProposalList,
  ProposalCreatedBody as ProposalCreated,
  ProposalFormValues,
} from '../api/apiTypes';
export type { PlanAssessment } from '../../src/plans/planSummary';

/** An action as the board's tiles and columns show it. */
export type PlanAction = ActionSummary;

export interface ActionFilters {
  state: string;
  pair: string;
  type: string;
  sector: string;
  text: string;
}

export const NO_FILTERS: ActionFilters = { state: '', pair: '', type: '', sector: '', text: '' };

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
