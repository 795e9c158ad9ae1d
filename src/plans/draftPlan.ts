import { sql, type Db } from '../store/database';
import { actionsOfYear, type ActionSummary } from './actionRows';
import { getPlanHeader, type PlanHeader } from './planQueries';
import { actionPriorityIds, listPriorities, prioritiesByIds, type Priority } from './priorities';
import { listProposals, type Proposal } from './proposals';

/** Where an action of a draft comes from: last year's plan, an accepted proposal, or a coordinator's form. */
export type DraftOrigin = 'carried_over' | 'proposal' | 'added';

export interface DraftAction {
  action: Omit<ActionSummary, 'id'>;
  origin: DraftOrigin;
  /** The action of last year it continues (carried over), or the proposal it was accepted from. */
  originRef: string | null;
  priorities: Priority[];
}

export interface DraftPlan {
  year: number;
  /** Null while nothing was carried over or accepted into the year yet. */
  plan: PlanHeader | null;
  actions: DraftAction[];
  counts: Record<DraftOrigin, number>;
  /** Proposals still waiting for the coordinators' decision. */
  openProposals: Proposal[];
  priorities: Priority[];
}

/**
 * The plan being prepared, as the coordinators turn it into next year's: every action of the
 * year, marked by where it comes from (carried over, accepted from a proposal, added), with the
 * proposals still open and the year's priorities. For the bot's draft card and the tab alike.
 */
export function draftPlan(db: Db, year: number): DraftPlan {
  const fromProposals = new Map(
    (sql(db, 'SELECT a.ref AS actionRef, p.ref AS proposalRef FROM proposals p JOIN actions a ON a.id = p.action_id WHERE p.plan_year = ?').all(year) as Array<{ actionRef: string; proposalRef: string }>).map(
      (row) => [row.actionRef, row.proposalRef],
    ),
  );
  const tags = actionPriorityIds(db, year);
  const actions: DraftAction[] = actionsOfYear(db, year).map(({ id: _id, ...action }) => {
    const proposal = fromProposals.get(action.ref) ?? null;
    const origin: DraftOrigin = action.originRef ? 'carried_over' : proposal ? 'proposal' : 'added';
    return { action, origin, originRef: action.originRef ?? proposal, priorities: prioritiesByIds(db, tags.get(action.ref) ?? []) };
  });
  const counts: Record<DraftOrigin, number> = { carried_over: 0, proposal: 0, added: 0 };
  for (const entry of actions) counts[entry.origin] += 1;
  return {
    year,
    plan: getPlanHeader(db, year),
    actions,
    counts,
    openProposals: listProposals(db, year).filter((proposal) => proposal.status === 'open'),
    priorities: listPriorities(db, year),
  };
}
