import { DomainError } from '../errors';
import type { Member } from '../identity/members';

/**
 * A request's content (company, questions, answers) is case data between two authorities, as in
 * IMI: only members of the requesting and the addressed authorities, and coordinators, read it.
 * Every command and read checks here, so an adapter that forgets still cannot leak.
 */
export function mayReadRequest(member: Member, request: { requesterAuthorityId: string; addressees: Array<{ authorityId: string }> }): boolean {
  if (member.role === 'coordinator') return true;
  return member.authority.id === request.requesterAuthorityId || request.addressees.some((a) => a.authorityId === member.authority.id);
}

export function assertRequestParticipant(member: Member): void {
  if (member.authority.role !== 'participant') throw new DomainError({ key: 'requests.errors.participantsOnly' });
}
