import type { Feature } from '../feature';
import { authorityCommand, onAuthorityCreate, onStateCreate, stateCommand } from './stateHandlers';

/**
 * The open process: coordinators add a member state and its authorities, or deactivate a state.
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
};
