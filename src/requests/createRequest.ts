import { groupCommitted, inTransaction, sql, type Db } from '../store/database';
import { DomainError, type DomainErrorDetail } from '../errors';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { submissionKey } from '../identity/submissionKey';
import { detectIdentifier, IDENTIFIER_TYPES, normaliseIdentifier, type Identifier, type IdentifierType } from '../companies/identifiers';
import { insertCompany } from '../companies/companyStore';
import { companiesWithIdentifiers } from '../companies/companyMatching';
import { findAuthority } from '../reference/participants';
import { nextReference } from '../store/references';
import { recordEvent } from '../events/domainEvents';
import { findQuestion } from './questionCatalogue';
import { dueDate, type RequestUrgency, WORKING_DAYS } from './workingDays';
import { assertRequestParticipant } from './requestAccess';
import { isImiRequestNumber } from '../reference/imi';
import { getRequestById, type RequestView } from './requestQueries';

export const FREE_QUESTION_MAX_LENGTH = 1000;
export const COMPANY_NAME_MAX_LENGTH = 200;
export const MAX_QUESTIONS = 30;

/** What a person typed into the request form, before any checking. */
export interface RequestDraft {
  addressees?: string[];
  companyIdentifier?: string;
  companyIdentifierType?: string;
  companyName?: string;
  alertRef?: string;
  inspectionRef?: string;
  questions?: string[];
  freeQuestion?: string;
  urgency?: string;
  imiRequestNumber?: string;
  caseReference?: string;
}

export type CreateRequestResult = { kind: 'created'; request: RequestView } | { kind: 'already_submitted'; request: RequestView };

const trimmed = (value: string | undefined) => (value ?? '').trim();

function recognisedCompany(draft: RequestDraft, errors: DomainErrorDetail[]): Identifier | null {
  const value = trimmed(draft.companyIdentifier);
  const type = trimmed(draft.companyIdentifierType);
  if (!value) {
    errors.push({ field: 'companyIdentifier', key: 'requests.errors.required' });
    return null;
  }
  if (!type) {
    const detected = detectIdentifier(value);
    if (!detected) errors.push({ field: 'companyIdentifier', key: 'requests.errors.identifierUnrecognised' });
    return detected;
  }
  if (!(IDENTIFIER_TYPES as readonly string[]).includes(type) || type === 'other') {
    errors.push({ field: 'companyIdentifierType', key: 'requests.errors.unknownChoice' });
    return null;
  }
  const result = normaliseIdentifier(type as IdentifierType, value);
  if (!result.ok) {
    errors.push({ field: 'companyIdentifier', key: `alerts.errors.identifier.${result.problem}` });
    return null;
  }
  return result.identifier;
}

/**
 * Sends an information request from the member's authority to one or more authorities of other
 * states, about a company (by its identifier, linked to its dossier as alerts are), with
 * questions from the catalogue. Every problem is reported at once, each on its field; the request,
 * its audit entry and its event are written in one transaction. The form's id makes a resend
 * (Teams after 15 s, a double click) give back the first request.
 */
function writeRequest(db: Db, clock: Clock, member: Member, draft: RequestDraft, options: { formId: string; correlationId?: string }): CreateRequestResult {
  assertRequestParticipant(member);
  const idempotencyKey = submissionKey(member, options.formId);
  return inTransaction(db, (): CreateRequestResult => {
    const previous = sql(db, 'SELECT id FROM information_requests WHERE idempotency_key = ?').get(idempotencyKey) as { id: number } | undefined;
    if (previous) return { kind: 'already_submitted', request: getRequestById(db, previous.id)! };

    const errors: DomainErrorDetail[] = [];
    const addresseeIds = [...new Set((draft.addressees ?? []).map((a) => a.trim()).filter(Boolean))];
    const addressees = addresseeIds.map((id) => findAuthority(db, id));
    if (addresseeIds.length === 0) errors.push({ field: 'addressees', key: 'requests.errors.chooseAtLeastOne' });
    else if (addressees.some((a) => !a || a.role !== 'participant' || !a.memberState)) errors.push({ field: 'addressees', key: 'requests.errors.unknownChoice' });
    else if (addressees.some((a) => a!.memberState === member.authority.memberState)) errors.push({ field: 'addressees', key: 'requests.errors.sameState' });

    const identifier = recognisedCompany(draft, errors);
    const companyName = trimmed(draft.companyName);
    const knownCompany = identifier ? companiesWithIdentifiers(db, [identifier])[0] : undefined;
    if (companyName.length > COMPANY_NAME_MAX_LENGTH) errors.push({ field: 'companyName', key: 'requests.errors.tooLong', vars: { max: COMPANY_NAME_MAX_LENGTH } });
    else if (identifier && knownCompany === undefined && !companyName) errors.push({ field: 'companyName', key: 'requests.errors.companyNameNeeded' });

    const alertRef = trimmed(draft.alertRef).toUpperCase() || null;
    if (alertRef && !sql(db, 'SELECT 1 FROM alerts WHERE ref = ?').get(alertRef)) errors.push({ field: 'alertRef', key: 'requests.errors.noSuchAlert', vars: { ref: alertRef } });
    const inspectionRef = trimmed(draft.inspectionRef).toUpperCase() || null;
    if (inspectionRef && !sql(db, 'SELECT 1 FROM inspections WHERE ref = ?').get(inspectionRef)) errors.push({ field: 'inspectionRef', key: 'requests.errors.noSuchInspection', vars: { ref: inspectionRef } });

    const questionIds = [...new Set((draft.questions ?? []).map((q) => q.trim()).filter(Boolean))];
    const freeQuestion = trimmed(draft.freeQuestion) || null;
    if (questionIds.some((id) => !findQuestion(id)) || questionIds.length > MAX_QUESTIONS) errors.push({ field: 'questions', key: 'requests.errors.unknownChoice' });
    else if (questionIds.length === 0 && !freeQuestion) errors.push({ field: 'questions', key: 'requests.errors.askSomething' });
    if (freeQuestion && freeQuestion.length > FREE_QUESTION_MAX_LENGTH) errors.push({ field: 'freeQuestion', key: 'requests.errors.tooLong', vars: { max: FREE_QUESTION_MAX_LENGTH } });

    const urgency = trimmed(draft.urgency) || 'normal';
    if (!(urgency in WORKING_DAYS)) errors.push({ field: 'urgency', key: 'requests.errors.unknownChoice' });
    const imiRequestNumber = trimmed(draft.imiRequestNumber) || null;
    if (imiRequestNumber && !isImiRequestNumber(imiRequestNumber)) errors.push({ field: 'imiRequestNumber', key: 'requests.errors.badReference' });
    const caseReference = trimmed(draft.caseReference) || null;
    if (caseReference && !/^[\p{L}\d][\p{L}\d ./_:-]{0,59}$/u.test(caseReference)) errors.push({ field: 'caseReference', key: 'requests.errors.badReference' });
    if (errors.length > 0) throw new DomainError(errors);

    const now = clock.now();
    const companyId = knownCompany ?? insertCompany(db, clock, { name: companyName, country: identifier!.country, naceCode: null, identifiers: [identifier!] });
    const ref = nextReference(db, 'RQ', now.getUTCFullYear(), 4);
    const { lastInsertRowid } = sql(
      db,
      `INSERT INTO information_requests (ref, requester_user_id, requester_authority_id, company_id, alert_ref, inspection_ref, free_question, urgency,
                                         imi_request_number, case_reference, idempotency_key, created_at, updated_at)
       VALUES (@ref, @userId, @authorityId, @companyId, @alertRef, @inspectionRef, @freeQuestion, @urgency, @imiRequestNumber, @caseReference, @idempotencyKey, @now, @now)`,
    ).run({ ref, userId: member.userId, authorityId: member.authority.id, companyId, alertRef, inspectionRef, freeQuestion, urgency, imiRequestNumber, caseReference, idempotencyKey, now: now.toISOString() });
    const requestId = Number(lastInsertRowid);
    questionIds.forEach((questionId, position) => sql(db, 'INSERT INTO information_request_questions (request_id, position, question_id) VALUES (?, ?, ?)').run(requestId, position, questionId));
    const sentDate = now.toISOString().slice(0, 10);
    for (const addressee of addressees) {
      sql(db, 'INSERT INTO information_request_addressees (request_id, authority_id, due_date) VALUES (?, ?, ?)').run(
        requestId,
        addressee!.id,
        dueDate(addressee!.memberState!, sentDate, urgency as RequestUrgency),
      );
    }
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'request.created',
      subjectType: 'information_request',
      subjectRef: ref,
      details: { companyId, addressees: addresseeIds, questions: questionIds, urgency, freeQuestion: freeQuestion !== null },
      correlationId: options.correlationId,
    });
    recordEvent(db, clock, { type: 'request.created', ref });
    return { kind: 'created', request: getRequestById(db, requestId)! };
  });
}

/** Group-committed as alerts are: a meeting's worth of requests arrives within seconds. */
export const createRequest = groupCommitted(writeRequest);
