import { inTransaction, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { DomainError } from '../errors';
import { today } from '../inspections/dates';
import { mayReadRequest } from './requestAccess';
import { getRequest, listRequests, listRequestsAboutCompany, type RequestListItem, type RequestListView, type RequestView } from './requestQueries';

export type RequestReading = { kind: 'read'; request: RequestView } | { kind: 'refused' } | { kind: 'not_found' };

/**
 * A request's content as one member reads it: only the two sides (and coordinators). The read,
 * and a refused one, are audited in their own transaction: who looked at which case is the
 * record the need-to-know rule answers for.
 */
export function readRequest(db: Db, clock: Clock, member: Member, ref: string, correlationId?: string): RequestReading {
  return inTransaction(db, (): RequestReading => {
    const request = getRequest(db, ref);
    if (!request) return { kind: 'not_found' };
    const allowed = mayReadRequest(member, request);
    appendAudit(db, clock, { actor: actorOf(member), action: allowed ? 'request.read' : 'request.read_refused', subjectType: 'information_request', subjectRef: request.ref, correlationId });
    return allowed ? { kind: 'read', request } : { kind: 'refused' };
  });
}

/** A page of the member's authority's requests; the listing itself is audited, as a read. */
export function readRequestList(db: Db, clock: Clock, member: Member, view: RequestListView, page: number, correlationId?: string): { items: RequestListItem[]; hasMore: boolean } {
  if (member.authority.role !== 'participant') throw new DomainError({ key: 'requests.errors.participantsOnly' });
  return inTransaction(db, () => {
    const result = listRequests(db, member.authority.id, view, today(clock), page);
    appendAudit(db, clock, { actor: actorOf(member), action: 'request.listed', subjectType: 'information_request', details: { view, page, refs: result.items.map((i) => i.ref) }, correlationId });
    return result;
  });
}

/**
 * A page of the requests about a company that the member may read (their authority's, or all
 * for a coordinator); audited as a read, with the company and the references shown.
 */
export function readCompanyRequestList(db: Db, clock: Clock, member: Member, companyId: number, page: number, correlationId?: string): { items: RequestListItem[]; hasMore: boolean } {
  if (member.authority.role !== 'participant') throw new DomainError({ key: 'requests.errors.participantsOnly' });
  return inTransaction(db, () => {
    const result = listRequestsAboutCompany(db, { authorityId: member.authority.id, coordinator: member.role === 'coordinator' }, companyId, today(clock), page);
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'request.listed',
      subjectType: 'information_request',
      details: { view: 'company', companyId, page, refs: result.items.map((i) => i.ref) },
      correlationId,
    });
    return result;
  });
}
