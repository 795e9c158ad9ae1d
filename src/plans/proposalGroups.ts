import { ACTION_TYPES, type ActionType } from './vocabulary';

/** What grouping needs of a proposal: the names of the priorities it serves and its type. */
export interface GroupableProposal {
  /** Each priority it serves, named in the reader's language (or as an old proposal's proposer typed it). */
  priorityNames: readonly string[];
  type: ActionType;
}

/** A proposal in one priority's group, with the other priorities it serves (it is in their groups too). */
export interface GroupedProposal<P> {
  proposal: P;
  alsoServes: string[];
}

export interface ProposalTypeGroup<P> {
  type: ActionType;
  proposals: Array<GroupedProposal<P>>;
}

export interface ProposalPriorityGroup<P> {
  /** The key proposals share (case and spacing ignored); null is the "no priority" group. */
  key: string | null;
  /** The priority as its first proposal spelt it; null for the "no priority" group. */
  label: string | null;
  count: number;
  types: Array<ProposalTypeGroup<P>>;
}

const spaced = (name: string) => name.replace(/\s+/g, ' ').trim();

function priorityKey(name: string): string | null {
  const key = spaced(name).toLocaleLowerCase();
  return key === '' ? null : key;
}

/**
 * The one place that decides how proposals are grouped on the annual meeting's screen: under
 * each priority they serve, then by type (in the plan's order of types). A proposal serving two
 * priorities is in both groups, each time saying which other one it also serves. Equal names
 * (ignoring case and spacing) make one group; proposals with no priority come last, in a group
 * of their own; the biggest group first.
 */
export function groupProposals<P extends GroupableProposal>(proposals: readonly P[]): Array<ProposalPriorityGroup<P>> {
  const groups = new Map<string | null, { label: string | null; members: Array<GroupedProposal<P>> }>();
  for (const proposal of proposals) {
    // One entry per distinct priority (a name given twice counts once), in the proposal's order.
    const served = new Map<string, string>();
    for (const name of proposal.priorityNames) {
      const key = priorityKey(name);
      if (key !== null && !served.has(key)) served.set(key, spaced(name));
    }
    const entries: Array<[string | null, string | null]> = served.size > 0 ? [...served.entries()] : [[null, null]];
    for (const [key, label] of entries) {
      const group = groups.get(key) ?? { label, members: [] };
      group.members.push({ proposal, alsoServes: [...served.entries()].filter(([other]) => other !== key).map(([, name]) => name) });
      groups.set(key, group);
    }
  }
  return [...groups.entries()]
    .map(([key, group]) => ({
      key,
      label: group.label,
      count: group.members.length,
      types: ACTION_TYPES.map((type) => ({ type, proposals: group.members.filter((entry) => entry.proposal.type === type) })).filter((entry) => entry.proposals.length > 0),
    }))
    .sort((a, b) => (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || b.count - a.count || (a.label ?? '').localeCompare(b.label ?? ''));
}
