/**
 * The JSON bodies of the tab API, built from the domain's types: the server states that it sends
 * them (`satisfies`) and the tab reads them, so the two cannot drift apart. Types only: importing
 * this from the tab bundles nothing of the server.
 */
import type { ActionDetail, ActionPage } from '../../src/plans/actionQueries';
import type { PlanView } from '../../src/plans/planQueries';
import type { PlanSummary } from '../../src/plans/planSummary';
import type { MemberRole } from '../../src/identity/members';
import type { EndorsementStatus } from '../../src/plans/endorsement';
import type { PlanCycleReport } from '../../src/plans/frozenAssessment';
import type { ProposalForReader } from '../../src/plans/proposalReading';

/** GET /api/me: who the tab acts for. */
export interface MeBody {
  mode: 'local' | 'production';
  /** A local-mode user the app could not map, acting for the demo authority. */
  devIdentity: boolean;
  authority: { id: string; shortName: string; memberState: string | null } | null;
  role: MemberRole;
}

/** GET /api/plans */
export interface PlanYearsBody {
  years: number[];
}

/** GET /api/plans/:year */
export type PlanBody = PlanView;

/** A filter choice, labelled in the reader's language. */
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
export interface ActionPageBody extends ActionPage {
  facets: Facets | null;
}

/** GET /api/actions/:ref and the answer to an update: the action, its timeline, what the viewer may do. */
export interface ActionDetailBody extends ActionDetail {
  mayUpdate: boolean;
}

/** POST /api/actions/:ref/status: the updated action and what the update was, as the domain decided it. */
export interface ActionUpdateBody extends ActionDetailBody {
  posted: 'note' | 'status';
}

/** GET /api/plans/:year/summary */
export interface PlanSummaryBody extends PlanSummary {
  viewer: { coordinator: boolean };
}

/** POST /api/plans/:year/links: short-lived signed links to the report and the CSV files. */
export interface ReportLinksBody {
  report: string;
  assessmentCsv: string;
  actionsCsv: string;
}

/** GET /api/participants: the choices of the proposal form, named in the reader's language. */
export interface ParticipantsBody {
  memberStates: Array<{ code: string; name: string }>;
  authorities: Array<{ id: string; shortName: string; memberState: string | null }>;
  sectors: FacetChoice[];
  /** The year's priorities (this year's and the next few plans'), named in the reader's language. */
  priorities: Array<{ year: number; key: string; label: string }>;
}

/** GET /api/plans/:year/endorsement: every participating state, endorsed or not, and the plan's agreement. */
export type EndorsementBody = EndorsementStatus;

/** GET /api/plans/:year/amendments: when the assessment was frozen, what moved since, the amendments. */
export interface CycleReportBody extends PlanCycleReport {
  year: number;
}

/**
 * A proposal with what the reader may do with it (join, support, a coordinator's decisions), and
 * `priorityNames`: each priority it serves, named in the reader's language.
 */
export type ProposalBody = ProposalForReader & { priorityNames: string[] };

/** GET /api/plans/:year/proposals */
export interface ProposalListBody {
  year: number;
  proposals: ProposalBody[];
  viewer: { memberState: string | null; mayPropose: boolean };
}

/** POST /api/plans/:year/proposals: the proposal made (201), or the one the same form made before (200). */
export interface ProposalCreatedBody extends ProposalBody {
  created: 'created' | 'already_submitted';
}

/** What the proposal form sent, returned with a 400 so that nothing typed is lost. */
export interface ProposalFormValues {
  year: number;
  title: string;
  description: string;
  type: string;
  scope: string;
  states: string[];
  leadState: string;
  leadAuthority: string;
  sectors: string[];
  topics: string[];
  period: string;
  funding: string[];
  rationale: string;
  /** The ids of the year's priorities chosen. */
  priorities: string[];
}

/** `GET /api/mine`: the reader's open items, every text already in their language. */
export interface MineBody {
  today: string;
  authority: { id: string; shortName: string; memberState: string | null };
  title: string;
  intro: string;
  sections: Array<{
    kind: 'alert' | 'inspection' | 'action' | 'request';
    title: string;
    empty: string;
    more: string;
    items: Array<{ kind: 'alert' | 'inspection' | 'action' | 'request'; ref: string; heading: string; line: string; tone: 'default' | 'warning' | 'attention' }>;
  }>;
}
