import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { DomainError, type DomainErrorDetail } from '../errors';
import { today } from '../inspections/dates';
import { findQuestion, QUESTION_CATALOGUE } from './questionCatalogue';
import type { AddresseeStatus } from './requestQueries';
import type { RequestUrgency } from './workingDays';

/**
 * The tab's board of open information requests: what the member may read (their authority's
 * requests, sent or received; every request for a coordinator), by deadline. A request's deadline
 * here is the earliest one of its addressed parts not yet fully answered, so overdue requests
 * come first by themselves; requests answered by everyone, waiting for the requester to close
 * them, come last.
 */
export const BOARD_STATUSES = ['sent', 'acknowledged', 'answered_partially', 'answered_fully', 'overdue'] as const;
export type BoardStatusFilter = (typeof BOARD_STATUSES)[number];

export interface BoardFilter {
  /** A part in this status (any addressed authority), or `overdue`: a part late on its deadline. */
  status: BoardStatusFilter | null;
  /** A question catalogue topic: the request asks at least one question of it. */
  topic: string | null;
  companyId: number | null;
}

export const NO_BOARD_FILTER: BoardFilter = { status: null, topic: null, companyId: null };
export const BOARD_PAGE_LIMIT = { default: 100, max: 200 } as const;

export interface BoardPart {
  authorityId: string;
  shortName: string;
  memberState: string;
  status: AddresseeStatus;
  dueDate: string;
  late: boolean;
  proposedDueDate: string | null;
}

export interface BoardRequest {
  ref: string;
  requesterAuthorityId: string;
  requesterShortName: string;
  requesterMemberState: string;
  company: { id: number; name: string; country: string | null };
  urgency: RequestUrgency;
  createdAt: string;
  /** The earliest deadline of a part not fully answered; null when every part is answered. */
  nextDueDate: string | null;
  overdue: boolean;
  /** Topics of the questions asked, in the catalogue's order. */
  topics: string[];
  questionCount: number;
  hasFreeQuestion: boolean;
  imiRequestNumber: string | null;
  /** How the reader stands to it: their authority asked, was asked, or they coordinate. */
  viewerSide: 'requester' | 'addressee' | 'coordinator';
  parts: BoardPart[];
}

export interface BoardFacets {
  statuses: BoardStatusFilter[];
  topics: string[];
  companies: Array<{ id: number; name: string; country: string | null }>;
}

export interface BoardPage {
  today: string;
  items: BoardRequest[];
  total: number;
  offset: number;
  limit: number;
  hasMore: boolean;
  /** Filter choices drawn from the requests this reader may see, and only those. */
  facets: BoardFacets;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Reads `?status&topic&company&offset&limit`, reporting every bad parameter at once. */
export function readBoardQuery(query: Record<string, unknown>): { ok: true; value: { filter: BoardFilter; offset: number; limit: number } } | { ok: false; errors: DomainErrorDetail[] } {
  const errors: DomainErrorDetail[] = [];
  const bad = (field: string) => errors.push({ field, key: 'tabRequests.errors.badFilter', vars: { name: field } });
  const status = text(query.status) || null;
  if (status && !(BOARD_STATUSES as readonly string[]).includes(status)) bad('status');
  const topic = text(query.topic) || null;
  if (topic && !QUESTION_CATALOGUE.topics.some((t) => t.id === topic)) bad('topic');
  const companyText = text(query.company);
  const companyId = companyText ? Number(companyText) : null;
  if (companyText && (!Number.isSafeInteger(companyId) || companyId! < 1)) bad('company');
  const offset = text(query.offset) ? Number(text(query.offset)) : 0;
  if (!Number.isSafeInteger(offset) || offset < 0) bad('offset');
  const limit = text(query.limit) ? Number(text(query.limit)) : BOARD_PAGE_LIMIT.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > BOARD_PAGE_LIMIT.max) bad('limit');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { filter: { status: status as BoardStatusFilter | null, topic, companyId }, offset, limit } };
}

/** Who may see the board at all: the participating authorities' members, and coordinators. */
export function assertMayUseRequestBoard(member: Member): void {
  if (member.role !== 'coordinator' && member.authority.role !== 'participant') throw new DomainError({ key: 'requests.errors.participantsOnly' });
}

// Need-to-know, as mayReadRequest says it, in SQL: the board never fetches a request its reader may not read.
const VISIBLE = `(@coordinator = 1 OR r.requester_authority_id = @authorityId
                  OR EXISTS (SELECT 1 FROM information_request_addressees v WHERE v.request_id = r.id AND v.authority_id = @authorityId))`;

const PENDING_DUE = `(SELECT MIN(p.due_date) FROM information_request_addressees p WHERE p.request_id = r.id AND p.status <> 'answered_fully')`;

function filterClause(filter: BoardFilter): string {
  const clauses = [`r.status = 'open'`, VISIBLE];
  if (filter.status === 'overdue') clauses.push(`${PENDING_DUE} < @today`);
  else if (filter.status) clauses.push('EXISTS (SELECT 1 FROM information_request_addressees s WHERE s.request_id = r.id AND s.status = @status)');
  if (filter.topic) clauses.push('EXISTS (SELECT 1 FROM information_request_questions q WHERE q.request_id = r.id AND q.question_id IN (SELECT value FROM json_each(@topicQuestions)))');
  if (filter.companyId !== null) clauses.push('r.company_id = @companyId');
  return clauses.join(' AND ');
}

function parameters(member: Member, filter: BoardFilter, day: string) {
  return {
    coordinator: member.role === 'coordinator' ? 1 : 0,
    authorityId: member.authority.id,
    today: day,
    status: filter.status,
    topicQuestions: JSON.stringify(QUESTION_CATALOGUE.questions.filter((q) => q.topic === filter.topic).map((q) => q.id)),
    companyId: filter.companyId,
  };
}

interface BoardRow extends Omit<BoardRequest, 'company' | 'topics' | 'parts' | 'overdue' | 'viewerSide' | 'hasFreeQuestion'> {
  id: number;
  companyId: number;
  companyName: string;
  companyCountry: string | null;
  hasFreeQuestion: number;
}

/** One page of the open requests the member may read, matching the filter, by deadline. */
export function listBoardRequests(db: Db, member: Member, filter: BoardFilter, day: string, page: { offset: number; limit: number }): BoardPage {
  const where = filterClause(filter);
  const params = parameters(member, filter, day);
  const { total } = sql(db, `SELECT COUNT(*) AS total FROM information_requests r WHERE ${where}`).get(params) as { total: number };
  const rows = sql(
    db,
    `SELECT r.id, r.ref, r.requester_authority_id AS requesterAuthorityId, au.short_name AS requesterShortName, au.member_state AS requesterMemberState,
            c.id AS companyId, c.name AS companyName, c.country AS companyCountry, r.urgency, r.created_at AS createdAt,
            ${PENDING_DUE} AS nextDueDate, r.free_question IS NOT NULL AS hasFreeQuestion, r.imi_request_number AS imiRequestNumber,
            (SELECT COUNT(*) FROM information_request_questions n WHERE n.request_id = r.id) AS questionCount
       FROM information_requests r JOIN authorities au ON au.id = r.requester_authority_id JOIN companies c ON c.id = r.company_id
      WHERE ${where}
      ORDER BY nextDueDate IS NULL, nextDueDate, r.created_at, r.id
      LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: page.limit, offset: page.offset }) as BoardRow[];

  const items = rows.map(({ id, companyId, companyName, companyCountry, hasFreeQuestion, ...row }): BoardRequest => {
    const parts = (
      sql(
        db,
        `SELECT a.authority_id AS authorityId, au.short_name AS shortName, au.member_state AS memberState, a.status, a.due_date AS dueDate,
                a.proposed_due_date AS proposedDueDate
           FROM information_request_addressees a JOIN authorities au ON au.id = a.authority_id
          WHERE a.request_id = ? ORDER BY a.due_date, au.member_state, au.short_name`,
      ).all(id) as Array<Omit<BoardPart, 'late'>>
    ).map((part) => ({ ...part, late: part.status !== 'answered_fully' && part.dueDate < day }));
    const questionIds = (sql(db, 'SELECT question_id AS id FROM information_request_questions WHERE request_id = ? ORDER BY position').all(id) as Array<{ id: string }>).map((q) => q.id);
    const asked = new Set(questionIds.map((q) => findQuestion(q)?.topic));
    const viewerSide =
      row.requesterAuthorityId === member.authority.id ? 'requester' : parts.some((p) => p.authorityId === member.authority.id) ? 'addressee' : 'coordinator';
    return {
      ...row,
      company: { id: companyId, name: companyName, country: companyCountry },
      hasFreeQuestion: hasFreeQuestion === 1,
      overdue: row.nextDueDate !== null && row.nextDueDate < day,
      topics: QUESTION_CATALOGUE.topics.filter((t) => asked.has(t.id)).map((t) => t.id),
      viewerSide,
      parts,
    };
  });
  return { today: day, items, total, offset: page.offset, limit: page.limit, hasMore: page.offset + items.length < total, facets: boardFacets(db, member, day) };
}

/** The filter choices: every status and topic, and the companies of the requests the member may read. */
function boardFacets(db: Db, member: Member, day: string): BoardFacets {
  const companies = sql(
    db,
    `SELECT DISTINCT c.id, c.name, c.country FROM information_requests r JOIN companies c ON c.id = r.company_id
      WHERE ${filterClause(NO_BOARD_FILTER)} ORDER BY c.name COLLATE NOCASE, c.id`,
  ).all(parameters(member, NO_BOARD_FILTER, day)) as BoardFacets['companies'];
  return { statuses: [...BOARD_STATUSES], topics: QUESTION_CATALOGUE.topics.map((t) => t.id), companies };
}

/**
 * The board as the member reads it, audited: which requests they were shown (their references)
 * and with which filter, in the same transaction as the read, as every read of case data is.
 */
export function readRequestBoard(db: Db, clock: Clock, member: Member, filter: BoardFilter, page: { offset: number; limit: number }, correlationId?: string): BoardPage {
  assertMayUseRequestBoard(member);
  return inTransaction(db, () => {
    const board = listBoardRequests(db, member, filter, today(clock), page);
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'request.board_read',
      subjectType: 'information_request',
      details: { filter, offset: page.offset, refs: board.items.map((i) => i.ref) },
      correlationId,
    });
    return board;
  });
}
