import { groupCommitted, inTransaction, sql, type Db } from '../store/database';
import { DomainError, type DomainErrorDetail } from '../errors';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { recordEvent } from '../events/domainEvents';
import { isIsoDate } from '../inspections/dates';
import { checkAnswer, TEXT_ANSWER_MAX_LENGTH, type RawAnswer } from './answers';
import { findQuestion } from './questionCatalogue';
import { assertRequestParticipant } from './requestAccess';
import { getRequest, type AddresseeView, type RequestView } from './requestQueries';
import { isToldChange, noticeRecipient } from './requestNotices';

export type RequestChange = 'acknowledged' | 'answered' | 'closed' | 'withdrawn' | 'deadline_proposed' | 'deadline_accepted' | 'deadline_declined';

export const FREE_TEXT_MAX_LENGTH = 2000;
export const REASON_MAX_LENGTH = 500;

interface ChangeRequest {
  ref: string;
  correlationId?: string;
}

function openRequestOrFail(db: Db, ref: string): RequestView {
  const request = getRequest(db, ref);
  if (!request) throw new DomainError({ key: 'requests.errors.notFound', vars: { ref } });
  if (request.status !== 'open') throw new DomainError({ key: `requests.errors.already_${request.status}`, vars: { ref: request.ref } });
  return request;
}

/** The member's authority's part of the request; only an addressed authority's members act on it. */
function ownPart(request: RequestView, member: Member): AddresseeView {
  const part = request.addressees.find((a) => a.authorityId === member.authority.id);
  if (!part) throw new DomainError({ key: 'requests.errors.notAddressed', vars: { ref: request.ref } });
  return part;
}

function assertRequester(request: RequestView, member: Member): void {
  if (request.requesterAuthorityId !== member.authority.id) throw new DomainError({ key: 'requests.errors.requesterOnly', vars: { ref: request.ref } });
}

/**
 * Which addressed part a change concerns and what it came to, on its event: the sides are told of
 * it (an answer, a proposed deadline, a decision), and a change told once is never told again.
 */
export interface PartChange {
  authorityId: string;
  /** The part's status after an answer; the proposed (or decided) date of a deadline change. */
  outcome: string;
}

/** Bumps the version, audits the change and records its event: the end of every command here. */
function changed(
  db: Db,
  clock: Clock,
  member: Member,
  request: RequestView,
  change: RequestChange,
  details: Record<string, unknown>,
  correlationId?: string,
  part?: PartChange,
): RequestView {
  sql(db, 'UPDATE information_requests SET version = version + 1, updated_at = ? WHERE id = ?').run(clock.now().toISOString(), request.id);
  appendAudit(db, clock, { actor: actorOf(member), action: `request.${change}`, subjectType: 'information_request', subjectRef: request.ref, details, correlationId });
  const now = getRequest(db, request.ref)!;
  // Whom the change is told to is decided here, on the request as the change left it.
  const told = part && isToldChange(change) ? noticeRecipient(now, { ref: now.ref, change, ...part }) : null;
  recordEvent(db, clock, { type: 'request.changed', ref: request.ref, version: now.version, change, ...(part ? { part } : {}), ...(told !== null ? { tellUserId: told } : {}) });
  return now;
}

function writeAcknowledgement(db: Db, clock: Clock, member: Member, change: ChangeRequest): RequestView {
  assertRequestParticipant(member);
  return inTransaction(db, () => {
    const request = openRequestOrFail(db, change.ref);
    const part = ownPart(request, member);
    if (part.status !== 'sent') throw new DomainError({ key: 'requests.errors.alreadyAcknowledged', vars: { ref: request.ref } });
    sql(db, "UPDATE information_request_addressees SET status = 'acknowledged', acknowledged_at = ? WHERE request_id = ? AND authority_id = ?").run(clock.now().toISOString(), request.id, part.authorityId);
    return changed(db, clock, member, request, 'acknowledged', { authorityId: part.authorityId }, change.correlationId, { authorityId: part.authorityId, outcome: 'acknowledged' });
  });
}

export interface AnswerSubmission extends ChangeRequest {
  answers: Record<string, RawAnswer>;
  freeText?: string;
  sourcesNote?: string;
}

/**
 * An addressed authority's answers, partial or full: each typed answer checked against its
 * question's type (every problem at once, on its field). Answering again replaces the answers
 * given and keeps the others; the part is answered fully once every question (and the free
 * question, if any) has one. Answering a request not yet acknowledged acknowledges it.
 */
function writeAnswer(db: Db, clock: Clock, member: Member, submission: AnswerSubmission): RequestView {
  assertRequestParticipant(member);
  return inTransaction(db, () => {
    const request = openRequestOrFail(db, submission.ref);
    const part = ownPart(request, member);
    const errors: DomainErrorDetail[] = [];
    const given: Array<[string, unknown]> = [];
    for (const questionId of request.questionIds) {
      const checked = checkAnswer(findQuestion(questionId)!, submission.answers[questionId]);
      if ('error' in checked) errors.push(checked.error);
      else if (checked.value !== null) given.push([questionId, checked.value]);
    }
    const freeText = submission.freeText?.trim() || null;
    if (freeText && freeText.length > FREE_TEXT_MAX_LENGTH) errors.push({ field: 'freeText', key: 'requests.errors.tooLong', vars: { max: FREE_TEXT_MAX_LENGTH } });
    const sourcesNote = submission.sourcesNote?.trim() || null;
    if (sourcesNote && sourcesNote.length > TEXT_ANSWER_MAX_LENGTH) errors.push({ field: 'sourcesNote', key: 'requests.errors.tooLong', vars: { max: TEXT_ANSWER_MAX_LENGTH } });
    if (errors.length === 0 && given.length === 0 && !freeText) errors.push({ key: 'requests.errors.answerSomething' });
    if (errors.length > 0) throw new DomainError(errors);

    const now = clock.now().toISOString();
    for (const [questionId, value] of given) {
      sql(
        db,
        `INSERT INTO information_request_answers (request_id, authority_id, question_id, value_json, user_id, answered_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(request_id, authority_id, question_id) DO UPDATE SET value_json = excluded.value_json, user_id = excluded.user_id, answered_at = excluded.answered_at`,
      ).run(request.id, part.authorityId, questionId, JSON.stringify(value), member.userId, now);
    }
    const answered = new Set([...Object.keys(part.answers), ...given.map(([id]) => id)]);
    const text = freeText ?? part.freeText;
    const full = request.questionIds.every((id) => answered.has(id)) && (!request.freeQuestion || text !== null);
    sql(
      db,
      `UPDATE information_request_addressees SET status = ?, answered_at = ?, acknowledged_at = COALESCE(acknowledged_at, ?),
              free_text = ?, sources_note = COALESCE(?, sources_note) WHERE request_id = ? AND authority_id = ?`,
    ).run(full ? 'answered_fully' : 'answered_partially', now, now, text, sourcesNote, request.id, part.authorityId);
    // Who wrote each text, for the language it is marked as written in.
    for (const [field, given] of [['free_text', freeText], ['sources_note', sourcesNote]] as const) {
      if (!given) continue;
      sql(
        db,
        `INSERT INTO information_request_text_authors (request_id, authority_id, field, user_id) VALUES (?, ?, ?, ?)
         ON CONFLICT(request_id, authority_id, field) DO UPDATE SET user_id = excluded.user_id`,
      ).run(request.id, part.authorityId, field, member.userId);
    }
    const status = full ? 'answered_fully' : 'answered_partially';
    return changed(db, clock, member, request, 'answered', { authorityId: part.authorityId, questions: given.map(([id]) => id), full }, submission.correlationId, { authorityId: part.authorityId, outcome: status });
  });
}

/** The requester closes a request once answers came in (one still unanswered is withdrawn instead). */
function writeClosing(db: Db, clock: Clock, member: Member, change: ChangeRequest): RequestView {
  assertRequestParticipant(member);
  return inTransaction(db, () => {
    const request = openRequestOrFail(db, change.ref);
    assertRequester(request, member);
    if (!request.addressees.some((a) => a.status.startsWith('answered'))) throw new DomainError({ key: 'requests.errors.closeBeforeAnswer', vars: { ref: request.ref } });
    sql(db, "UPDATE information_requests SET status = 'closed', ended_at = ? WHERE id = ?").run(clock.now().toISOString(), request.id);
    return changed(db, clock, member, request, 'closed', {}, change.correlationId);
  });
}

function writeWithdrawal(db: Db, clock: Clock, member: Member, change: ChangeRequest): RequestView {
  assertRequestParticipant(member);
  return inTransaction(db, () => {
    const request = openRequestOrFail(db, change.ref);
    assertRequester(request, member);
    sql(db, "UPDATE information_requests SET status = 'withdrawn', ended_at = ? WHERE id = ?").run(clock.now().toISOString(), request.id);
    return changed(db, clock, member, request, 'withdrawn', {}, change.correlationId);
  });
}

/** An addressed authority asks for more time: a later date and why. The requester decides. */
function writeDeadlineProposal(db: Db, clock: Clock, member: Member, proposal: ChangeRequest & { dueDate: string; reason: string }): RequestView {
  assertRequestParticipant(member);
  return inTransaction(db, () => {
    const request = openRequestOrFail(db, proposal.ref);
    const part = ownPart(request, member);
    const errors: DomainErrorDetail[] = [];
    const date = proposal.dueDate.trim();
    if (!isIsoDate(date)) errors.push({ field: 'dueDate', key: 'requests.errors.badDate' });
    else if (date <= part.dueDate) errors.push({ field: 'dueDate', key: 'requests.errors.notLater', vars: { date: part.dueDate } });
    const reason = proposal.reason.trim();
    if (!reason) errors.push({ field: 'reason', key: 'requests.errors.required' });
    else if (reason.length > REASON_MAX_LENGTH) errors.push({ field: 'reason', key: 'requests.errors.tooLong', vars: { max: REASON_MAX_LENGTH } });
    if (part.status === 'answered_fully') errors.push({ key: 'requests.errors.alreadyAnswered', vars: { ref: request.ref } });
    if (errors.length > 0) throw new DomainError(errors);
    sql(db, 'UPDATE information_request_addressees SET proposed_due_date = ?, proposed_reason = ?, proposed_by_user_id = ? WHERE request_id = ? AND authority_id = ?').run(
      date,
      reason,
      member.userId,
      request.id,
      part.authorityId,
    );
    return changed(db, clock, member, request, 'deadline_proposed', { authorityId: part.authorityId, dueDate: date, previous: part.dueDate }, proposal.correlationId, { authorityId: part.authorityId, outcome: date });
  });
}

/** The requester accepts (the deadline moves) or declines (it stays) an addressed authority's proposal. */
function writeDeadlineDecision(db: Db, clock: Clock, member: Member, decision: ChangeRequest & { authorityId: string; accept: boolean }): RequestView {
  assertRequestParticipant(member);
  return inTransaction(db, () => {
    const request = openRequestOrFail(db, decision.ref);
    assertRequester(request, member);
    const part = request.addressees.find((a) => a.authorityId === decision.authorityId);
    if (!part?.proposedDueDate) throw new DomainError({ key: 'requests.errors.noProposal', vars: { ref: request.ref } });
    sql(
      db,
      'UPDATE information_request_addressees SET due_date = CASE WHEN ? THEN proposed_due_date ELSE due_date END, proposed_due_date = NULL, proposed_reason = NULL WHERE request_id = ? AND authority_id = ?',
    ).run(decision.accept ? 1 : 0, request.id, part.authorityId);
    return changed(db, clock, member, request, decision.accept ? 'deadline_accepted' : 'deadline_declined', { authorityId: part.authorityId, proposed: part.proposedDueDate }, decision.correlationId, {
      authorityId: part.authorityId,
      outcome: part.proposedDueDate,
    });
  });
}

export const acknowledgeRequest = groupCommitted(writeAcknowledgement);
export const answerRequest = groupCommitted(writeAnswer);
export const closeRequest = groupCommitted(writeClosing);
export const withdrawRequest = groupCommitted(writeWithdrawal);
export const proposeDeadline = groupCommitted(writeDeadlineProposal);
export const decideDeadline = groupCommitted(writeDeadlineDecision);
