import type { Feature } from '../feature';
import { MEMBERSHIP_POST, membershipEventPosts, membershipPostOf } from './membershipPost';
import { authorityCommand, onAuthorityCreate, onStateCreate, stateCommand } from './stateHandlers';

/**
 * The open process: coordinators add a member state and its authorities, deactivate or reactivate
 * a state or one authority; each change is posted to the channel.
 * Typed commands only: Teams' command menu (ten per scope) is full, so the manifest does not list them.
 */
export const membershipFeature: Feature = {
  commands: [
    { name: 'state', handler: stateCommand },
    { name: 'authority', handler: authorityCommand },
  ],
  cardActions: [
    { verb: 'state.create', handler: onStateCreate },
    { verb: 'authority.create', handler: onAuthorityCreate },
  ],
  // A state that joins, leaves or comes back (and an authority of a state that stays) is posted.
  channelCards: { [MEMBERSHIP_POST]: membershipPostOf },
  eventPosts: membershipEventPosts,
};
