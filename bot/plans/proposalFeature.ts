import { forInteractor, type Feature } from '../feature';
import { onProposalAccept, onProposalCreate, onProposalDecline, onProposalJoin, onProposalShow, onProposalSupport, proposalCommand } from './proposalHandlers';

/**
 * Proposals for next year's plan: /proposal and its card verbs (`/plan <year> proposals` lists
 * them). A feature of its own, after the others, so that its command comes last in the help card
 * and in the manifest's command lists.
 */
export const proposalFeature: Feature = {
  commands: [{ name: 'proposal', handler: proposalCommand }],
  cardActions: [
    { verb: 'proposal.create', handler: onProposalCreate },
    { verb: 'proposal.show', handler: forInteractor(onProposalShow) },
    // Joining, supporting, accepting and declining show the card as it now is to everyone.
    { verb: 'proposal.join', handler: onProposalJoin },
    { verb: 'proposal.support', handler: onProposalSupport },
    { verb: 'proposal.accept', handler: onProposalAccept },
    { verb: 'proposal.decline', handler: onProposalDecline },
  ],
};
