import { DomainError } from '../errors';
import type { Member } from '../identity/members';

/**
 * Alerts carry case data shared among the participating authorities only; a supporting body
 * (ELA) takes part in the plan and inspections but not in the alert network. Every command and
 * view of alerts checks it here, so an adapter that forgets to refuse early still cannot leak.
 */
export function isAlertParticipant(member: Member): boolean {
  return member.authority.role === 'participant';
}

export function assertAlertParticipant(member: Member): void {
  if (!isAlertParticipant(member)) throw new DomainError({ key: 'alerts.errors.participantsOnly' });
}
