import { ACTION_TYPES, type ActionType } from './vocabulary';

/** What grouping needs of a proposal: the priority it serves and its type. */
export interface GroupableProposal {
  priority: string;
  type: ActionType;
}

export interface ProposalTypeGroup<P> {
  type: ActionType;
  proposals: P[];
}

export interface ProposalPriorityGroup<P> {
  /** The key proposals share (case and spacing ignored); null is the "no priority" group. */
  key: string | null;
  /** The priority as its first proposal spelt it; null for the "no priority" group. */
  label: string | null;
  count: number;
  types: Array<ProposalTypeGroup<P>>;
}

function priorityKey(priority: string): string | null {
  const key = priority.replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  return key === '' ? null : key;
}

/**
 * The one place that decides how proposals are grouped on the annual meeting's screen: by the
 * priority they serve, then by type (in the plan's order of types). `priority` is the name of the
 * year's priorities a proposal serves, in the reader's language (proposalPriorityText), or the text
 * an old proposal's proposer typed: equal names (ignoring case and spacing) make one group;
 * proposals with no priority come last, in a group of their own.
 */
export function groupProposals<P extends GroupableProposal>(proposals: readonly P[]): Array<ProposalPriorityGroup<P>> {
  const groups = new Map<string | null, { label: string | null; members: P[] }>();
  for (const proposal of proposals) {
    const key = priorityKey(proposal.priority);
    const group = groups.get(key) ?? { label: key === null ? null : proposal.priority.replace(/\s+/g, ' ').trim(), members: [] };
    group.members.push(proposal);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .map(([key, group]) => ({
      key,
      label: group.label,
      count: group.members.length,
      types: ACTION_TYPES.map((type) => ({ type, proposals: group.members.filter((proposal) => proposal.type === type) })).filter((entry) => entry.proposals.length > 0),
    }))
    .sort((a, b) => (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || b.count - a.count || (a.label ?? '').localeCompare(b.label ?? ''));
}
