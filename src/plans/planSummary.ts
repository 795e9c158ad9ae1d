import { DomainError } from '../errors';
import { sql, type Db } from '../store/database';
import { actionsOfYear, bilateralPair, involvedStates, type ActionSummary } from './actionRows';
import { lastNotes } from './actionQueries';
import { getPlanHeader, type PlanHeader } from './planQueries';
import { isNotImplemented } from './transitions';
import { ACTION_STATUSES, type ActionStatus, type ActionType } from './vocabulary';
import { actionPriorityIds, listPriorities } from './priorities';

export type StatusCounts = Record<ActionStatus, number>;

/** How one group of actions (a type, a state, a pair, a sector) stands. */
export interface Breakdown {
  key: string;
  total: number;
  counts: StatusCounts;
  /** Implemented / total, between 0 and 1. */
  implementedRate: number;
}

export interface StateBreakdown extends Breakdown {
  /** Actions the state leads. */
  lead: number;
  /** Actions the state takes part in without leading. */
  participant: number;
}

export interface PlanSummary extends PlanHeader {
  total: number;
  counts: StatusCounts;
  implementedRate: number;
  byState: StateBreakdown[];
  byType: Breakdown[];
}

export interface NotImplementedAction {
  ref: string;
  title: string;
  type: ActionType;
  status: ActionStatus;
  leadState: string | null;
  states: string[];
  lastNote: { note: string; at: string; authorityShortName: string | null; memberState: string | null } | null;
  carriedToRef: string | null;
}

export interface PlanAssessment extends PlanSummary {
  /** Share of the plan's actions in each status, between 0 and 1. */
  statusRates: Record<ActionStatus, number>;
  byPair: Breakdown[];
  /** Sector "" groups the actions with no sector. */
  bySector: Breakdown[];
  /**
   * By the year's priorities: the key is the priority's id, the list in the priorities' order, each
   * priority shown even with no action; "" groups the actions tagged with none. Assessments frozen
   * before priorities existed have none.
   */
  byPriority?: Breakdown[];
  /** The priorities the keys of byPriority name, as they were (kept in frozen figures). */
  priorities?: Array<{ id: number; sector: string | null; topic: string | null }>;
  notImplemented: NotImplementedAction[];
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

function emptyCounts(): StatusCounts {
  return Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as StatusCounts;
}

function countStatuses(actions: readonly ActionSummary[]): StatusCounts {
  const counts = emptyCounts();
  for (const action of actions) counts[action.status] += 1;
  return counts;
}

/** Groups actions by the keys each belongs to (an action can be in several groups: states, sectors). */
function breakdown(actions: readonly ActionSummary[], keysOf: (action: ActionSummary) => string[]): Breakdown[] {
  const groups = new Map<string, ActionSummary[]>();
  for (const action of actions) {
    for (const key of keysOf(action)) groups.set(key, [...(groups.get(key) ?? []), action]);
  }
  return [...groups.entries()]
    .map(([key, members]) => {
      const counts = countStatuses(members);
      return { key, total: members.length, counts, implementedRate: rate(counts.implemented, members.length) };
    })
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}

function planOrFail(db: Db, year: number): PlanHeader {
  const plan = getPlanHeader(db, year);
  if (!plan) throw new DomainError({ key: 'plan.errors.planNotFound', vars: { year } });
  return plan;
}

function summarise(plan: PlanHeader, actions: readonly ActionSummary[]): PlanSummary {
  const counts = countStatuses(actions);
  const byState = breakdown(actions, involvedStates).map((group) => {
    const lead = actions.filter((action) => action.leadState === group.key).length;
    return { ...group, lead, participant: group.total - lead };
  });
  return {
    ...plan,
    total: actions.length,
    counts,
    implementedRate: rate(counts.implemented, actions.length),
    byState: byState.sort((a, b) => a.key.localeCompare(b.key)),
    byType: breakdown(actions, (action) => [action.type]),
  };
}

/** The year at a glance: actions by status, share implemented, by state (lead or participant) and by type. */
export function planSummary(db: Db, year: number): PlanSummary {
  return summarise(planOrFail(db, year), actionsOfYear(db, year));
}

/**
 * The annual assessment: counts and rates by status, type, state, bilateral pair and sector, and
 * every action not implemented with the last note written about it.
 */
export function planAssessment(db: Db, year: number): PlanAssessment {
  const plan = planOrFail(db, year);
  // Once assessed, the published figures are the frozen ones: later edits to old actions do not move them.
  const frozen = frozenFigures(db, year);
  if (!frozen) return liveAssessment(db, plan);
  const { frozenAt: _frozenAt, ...figures } = frozen;
  return { ...figures, ...plan };
}

/** The figures frozen by `/plan <year> assess`, as published then; null while the plan is not assessed. */
export function frozenFigures(db: Db, year: number): (PlanAssessment & { frozenAt: string }) | null {
  const row = sql(db, 'SELECT figures_json AS figures, assessed_at AS at FROM plan_assessments WHERE plan_year = ?').get(year) as { figures: string; at: string } | undefined;
  return row ? { ...(JSON.parse(row.figures) as PlanAssessment), frozenAt: row.at } : null;
}

/** How the actions of each of the year's priorities stand, in the priorities' order; untagged ones last. */
function byPriority(db: Db, year: number, actions: readonly ActionSummary[]): Pick<PlanAssessment, 'byPriority' | 'priorities'> {
  const priorities = listPriorities(db, year);
  const tags = actionPriorityIds(db, year);
  const groups = new Map(breakdown(actions, (action) => (tags.get(action.ref) ?? []).map(String)).map((group) => [group.key, group]));
  const listed = priorities.map((priority) => groups.get(String(priority.id)) ?? { key: String(priority.id), total: 0, counts: emptyCounts(), implementedRate: 0 });
  // A tag of a priority removed since still counts, after the current ones.
  const removedIds = [...groups.keys()].filter((key) => !priorities.some((priority) => String(priority.id) === key));
  const removed = listPriorities(db, year, { includeRemoved: true }).filter((priority) => removedIds.includes(String(priority.id)));
  const untagged = actions.filter((action) => (tags.get(action.ref) ?? []).length === 0);
  const none = untagged.length > 0 && priorities.length > 0 ? [{ key: '', total: untagged.length, counts: countStatuses(untagged), implementedRate: rate(countStatuses(untagged).implemented, untagged.length) }] : [];
  return {
    byPriority: [...listed, ...removed.map((priority) => groups.get(String(priority.id))!), ...none],
    priorities: [...priorities, ...removed].map((priority) => ({ id: priority.id, sector: priority.sector, topic: priority.topic })),
  };
}

/** The assessment as the actions stand now, frozen or not. */
export function liveAssessment(db: Db, plan: PlanHeader): PlanAssessment {
  const year = plan.year;
  const actions = actionsOfYear(db, year);
  const summary = summarise(plan, actions);
  const notes = lastNotes(db, year);
  const copies = new Map(
    actionsOfYear(db, year + 1)
      .filter((action) => action.originRef)
      .map((action) => [action.originRef!, action.ref]),
  );
  return {
    ...summary,
    statusRates: Object.fromEntries(ACTION_STATUSES.map((status) => [status, rate(summary.counts[status], actions.length)])) as Record<ActionStatus, number>,
    byPair: breakdown(actions, (action) => {
      const pair = bilateralPair(action);
      return pair ? [pair] : [];
    }).sort((a, b) => a.key.localeCompare(b.key)),
    bySector: breakdown(actions, (action) => (action.sectors.length > 0 ? action.sectors : [''])),
    ...byPriority(db, year, actions),
    notImplemented: actions
      .filter((action) => isNotImplemented(action.status))
      .map((action) => ({
        ref: action.ref,
        title: action.title,
        type: action.type,
        status: action.status,
        leadState: action.leadState,
        states: action.states,
        lastNote: notes.get(action.ref) ?? null,
        carriedToRef: copies.get(action.ref) ?? null,
      })),
  };
}
