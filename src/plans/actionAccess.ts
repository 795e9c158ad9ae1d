import { DomainError } from '../errors';
import type { Member } from '../identity/members';
import { involvedStates, type ActionSummary } from './actionRows';

export function isCoordinator(member: Member): boolean {
  return member.role === 'coordinator';
}

export function assertCoordinator(member: Member): void {
  if (!isCoordinator(member)) throw new DomainError({ key: 'plan.errors.coordinatorsOnly' });
}

/**
 * Members follow up the actions of their own state; coordinators follow up every action (they
 * keep the plan at the annual meeting). An EU agency, with no state, reads but does not update.
 */
export function mayUpdate(member: Member, action: Pick<ActionSummary, 'states' | 'leadState'>): boolean {
  if (isCoordinator(member)) return true;
  const state = member.authority.memberState;
  return state !== null && involvedStates(action).includes(state);
}

export function assertMayUpdate(member: Member, action: Pick<ActionSummary, 'ref' | 'states' | 'leadState'>): void {
  if (!mayUpdate(member, action)) {
    throw new DomainError({
      key: 'plan.errors.notInvolved',
      vars: { ref: action.ref, authority: member.authority.shortName, states: involvedStates(action).join(', ') },
    });
  }
}
