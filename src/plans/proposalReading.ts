import { sql, type Db } from '../store/database';
import type { Member } from '../identity/members';
import { participatingStates } from './endorsement';
import { getProposal, listProposals, type Proposal } from './proposals';

/** What this reader may do with a proposal, decided as the commands decide it. */
export interface ProposalRights {
  /** Their state is a participating state not yet in the proposal, and the proposal is open. */
  mayJoin: boolean;
  /** Their authority has not supported it yet, and the proposal is open. */
  maySupport: boolean;
}

export type ProposalForReader = Proposal & { rights: ProposalRights };

function supportedBy(db: Db, ref: string, authorityId: string): boolean {
  return Boolean(sql(db, 'SELECT 1 FROM proposal_supports s JOIN proposals p ON p.id = s.proposal_id WHERE p.ref = ? AND s.authority_id = ?').get(ref, authorityId));
}

function withRights(db: Db, member: Member, proposal: Proposal, states: readonly string[]): ProposalForReader {
  const open = proposal.status === 'open';
  const state = member.authority.memberState;
  return {
    ...proposal,
    rights: {
      mayJoin: open && state !== null && states.includes(state) && !proposal.states.includes(state),
      maySupport: open && !supportedBy(db, proposal.ref, member.authority.id),
    },
  };
}

/** A year's proposals, oldest first, each with what this reader may do with it. */
export function proposalsForReader(db: Db, member: Member, year: number): ProposalForReader[] {
  const states = participatingStates(db);
  return listProposals(db, year).map((proposal) => withRights(db, member, proposal, states));
}

export function proposalForReader(db: Db, member: Member, ref: string): ProposalForReader | null {
  const proposal = getProposal(db, ref);
  return proposal ? withRights(db, member, proposal, participatingStates(db)) : null;
}

/** Whether this reader may propose at all: an authority of a participating state (as createProposal checks). */
export function mayPropose(db: Db, member: Member): boolean {
  const state = member.authority.memberState;
  return state !== null && participatingStates(db).includes(state);
}
