import { sql, type Db } from '../store/database';
import type { Member } from '../identity/members';
import { isCoordinator } from './actionAccess';
import { participatingStates } from './endorsement';
import { getProposal, listProposals, type Proposal } from './proposals';

/**
 * What this reader may do with a proposal, decided as the commands decide it: a card or the tab
 * offers exactly these moves (a press that is refused anyway, on a stale view, is explained).
 */
export interface ProposalRights {
  /** Their state is a participating state not yet in the proposal, and the proposal is open. */
  mayJoin: boolean;
  /** Their authority has not supported it yet, and the proposal is open. */
  maySupport: boolean;
  /** The proposal is open (anyone comments). */
  mayComment: boolean;
  /** Their authority proposed it, it is open and the year's plan still a draft: edit and withdraw. */
  mayChange: boolean;
  /** A coordinator, the proposal open and the year's plan a draft (or not made yet). */
  mayAccept: boolean;
  /** A coordinator, the proposal open. */
  mayDecline: boolean;
  /** A coordinator, the proposal open, and another open proposal of its year to merge it into. */
  mayMerge: boolean;
  /** Their state takes part already (proposed with it, or joined). */
  takesPart: boolean;
  /** Their authority supports it already. */
  supports: boolean;
}

export type ProposalForReader = Proposal & { rights: ProposalRights };

function supportedBy(db: Db, ref: string, authorityId: string): boolean {
  return Boolean(sql(db, 'SELECT 1 FROM proposal_supports s JOIN proposals p ON p.id = s.proposal_id WHERE p.ref = ? AND s.authority_id = ?').get(ref, authorityId));
}

/** What the readers of a year's proposals share: the states that may join, the plan's status, the open proposals. */
interface YearFacts {
  states: readonly string[];
  planStatus: string | null;
  openRefs: readonly string[];
}

function yearFacts(db: Db, year: number): YearFacts {
  const plan = sql(db, 'SELECT status FROM plans WHERE year = ?').get(year) as { status: string } | undefined;
  // Open as getProposal reads it: its stored status open, and no closure (withdrawn, merged).
  const open = sql(db, "SELECT p.ref FROM proposals p LEFT JOIN proposal_closures c ON c.proposal_id = p.id WHERE p.plan_year = ? AND p.status = 'open' AND c.proposal_id IS NULL").all(year) as Array<{ ref: string }>;
  return { states: participatingStates(db), planStatus: plan?.status ?? null, openRefs: open.map((row) => row.ref) };
}

/** The reader's rights on one proposal: the same conditions as joinProposal, supportProposal, editProposal, acceptProposal... */
function proposalRights(db: Db, member: Member, proposal: Proposal, facts: YearFacts): ProposalRights {
  const open = proposal.status === 'open';
  const state = member.authority.memberState;
  const draft = facts.planStatus === null || facts.planStatus === 'draft';
  const coordinator = isCoordinator(member);
  const supports = supportedBy(db, proposal.ref, member.authority.id);
  const takesPart = state !== null && proposal.states.includes(state);
  return {
    mayJoin: open && state !== null && facts.states.includes(state) && !takesPart,
    maySupport: open && !supports,
    mayComment: open,
    mayChange: open && draft && member.authority.id === proposal.proposedBy.authorityId,
    mayAccept: open && coordinator && draft,
    mayDecline: open && coordinator,
    mayMerge: open && coordinator && facts.openRefs.some((ref) => ref !== proposal.ref),
    takesPart,
    supports,
  };
}

/** A year's proposals, oldest first, each with what this reader may do with it. */
export function proposalsForReader(db: Db, member: Member, year: number): ProposalForReader[] {
  const facts = yearFacts(db, year);
  return listProposals(db, year).map((proposal) => ({ ...proposal, rights: proposalRights(db, member, proposal, facts) }));
}

export function proposalForReader(db: Db, member: Member, ref: string): ProposalForReader | null {
  const proposal = getProposal(db, ref);
  return proposal ? { ...proposal, rights: proposalRights(db, member, proposal, yearFacts(db, proposal.year)) } : null;
}

/** Whether this reader may propose at all: an authority of a participating state (as createProposal checks). */
export function mayPropose(db: Db, member: Member): boolean {
  const state = member.authority.memberState;
  return state !== null && participatingStates(db).includes(state);
}
