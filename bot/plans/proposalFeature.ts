import { forInteractor, type Feature } from '../feature';
import {
  onProposalAccept,
  onProposalComment,
  onProposalCreate,
  onProposalDecline,
  onProposalEdit,
  onProposalJoin,
  onProposalMerge,
  onProposalShow,
  onProposalSupport,
  onProposalUpdate,
  onProposalWithdraw,
  proposalChannelCardOf,
  proposalCommand,
  proposalEventPosts,
} from './proposalHandlers';
import { onPrioritiesSet } from './priorityHandlers';

/**
 * Proposals for next year's plan: /proposal and its card verbs (`/plan <year> proposals` lists
 * them), the channel's post of each new proposal, and the year's priorities they serve. A feature
 * of its own, after the others, so that its command comes last in the help card and in the
 * manifest's command lists.
 */
export const proposalFeature: Feature = {
  commands: [{ name: 'proposal', handler: proposalCommand }],
  cardActions: [
    { verb: 'proposal.create', handler: onProposalCreate },
    { verb: 'proposal.show', handler: forInteractor(onProposalShow) },
    // Joining, supporting, commenting, deciding and withdrawing show the card as it now is to everyone
    // (the post, with nobody's buttons), and to the clicker with their own moves.
    { verb: 'proposal.join', handler: onProposalJoin },
    { verb: 'proposal.support', handler: onProposalSupport },
    { verb: 'proposal.accept', handler: onProposalAccept },
    { verb: 'proposal.decline', handler: onProposalDecline },
    { verb: 'proposal.merge', handler: onProposalMerge },
    { verb: 'proposal.withdraw', handler: onProposalWithdraw },
    { verb: 'proposal.comment', handler: onProposalComment },
    // The edit form opens for the proposer only; the edited proposal replaces it for everyone.
    { verb: 'proposal.edit', handler: forInteractor(onProposalEdit) },
    { verb: 'proposal.update', handler: onProposalUpdate },
    { verb: 'plan.priorities', handler: onPrioritiesSet },
  ],
  channelCards: { proposal: proposalChannelCardOf },
  // Each reader's view holds their own moves (the proposer's, a coordinator's, another state's).
  readerSpecificCards: ['proposal'],
  eventPosts: proposalEventPosts,
};
