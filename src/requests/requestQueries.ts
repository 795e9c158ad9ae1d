import { sql, type Db } from '../store/database';
import type { AnswerValue } from './answers';
import type { Language } from '../i18n/languages';
import { writtenLanguage } from '../i18n/writtenLanguage';
import type { RequestUrgency } from './workingDays';

export type RequestStatus = 'open' | 'closed' | 'withdrawn';
export type AddresseeStatus = 'sent' | 'acknowledged' | 'answered_partially' | 'answered_fully';

export interface AddresseeView {
  authorityId: string;
  shortName: string;
  memberState: string;
  names: Record<string, string>;
  status: AddresseeStatus;
  dueDate: string;
  acknowledgedAt: string | null;
  answeredAt: string | null;
  freeText: string | null;
  sourcesNote: string | null;
  proposedDueDate: string | null;
  proposedReason: string | null;
  /** Who proposed the part's latest new deadline (kept after the decision: whom it concerns). */
  proposedByUserId: number | null;
  answers: Record<string, AnswerValue>;
  /** The language each text was written in (its author's Teams locale), for the "written in" mark. */
  answerLanguages: Record<string, Language | null>;
  freeTextLanguage: Language | null;
  sourcesNoteLanguage: Language | null;
}

export interface RequestView {
  id: number;
  ref: string;
  requesterUserId: number;
  requesterAuthorityId: string;
  requesterShortName: string;
  requesterMemberState: string;
  company: { id: number; name: string; country: string | null };
  alertRef: string | null;
  inspectionRef: string | null;
  questionIds: string[];
  freeQuestion: string | null;
  freeQuestionLanguage: Language | null;
  urgency: RequestUrgency;
  imiRequestNumber: string | null;
  caseReference: string | null;
  status: RequestStatus;
  version: number;
  createdAt: string;
  /** Retention has removed the free texts and text answers (closed or withdrawn long enough ago). */
  personalDataHidden: boolean;
  addressees: AddresseeView[];
}

interface RequestRow extends Omit<RequestView, 'company' | 'questionIds' | 'addressees' | 'freeQuestionLanguage' | 'personalDataHidden'> {
  freeQuestionLocale: string | null;
  hiddenAt: string | null;
  companyId: number;
  companyName: string;
  companyCountry: string | null;
}

export function getRequestById(db: Db, id: number): RequestView | null {
  const row = sql(
    db,
    `SELECT r.id, r.ref, r.requester_user_id AS requesterUserId, r.requester_authority_id AS requesterAuthorityId,
            au.short_name AS requesterShortName, au.member_state AS requesterMemberState,
            c.id AS companyId, c.name AS companyName, c.country AS companyCountry,
            r.alert_ref AS alertRef, r.inspection_ref AS inspectionRef, r.free_question AS freeQuestion, r.urgency,
            r.imi_request_number AS imiRequestNumber, r.case_reference AS caseReference, r.status, r.version, r.created_at AS createdAt,
            (SELECT u.locale FROM users u WHERE u.id = r.requester_user_id) AS freeQuestionLocale,
            (SELECT h.personal_data_hidden_at FROM information_request_retention h WHERE h.request_id = r.id) AS hiddenAt
       FROM information_requests r JOIN authorities au ON au.id = r.requester_authority_id JOIN companies c ON c.id = r.company_id
      WHERE r.id = ?`,
  ).get(id) as RequestRow | undefined;
  if (!row) return null;
  const questionIds = (sql(db, 'SELECT question_id AS id FROM information_request_questions WHERE request_id = ? ORDER BY position').all(id) as Array<{ id: string }>).map((q) => q.id);
  const addressees = (
    sql(
      db,
      `SELECT a.authority_id AS authorityId, au.short_name AS shortName, au.member_state AS memberState, au.names_json AS names, a.status,
              a.due_date AS dueDate, a.acknowledged_at AS acknowledgedAt, a.answered_at AS answeredAt, a.free_text AS freeText,
              a.sources_note AS sourcesNote, a.proposed_due_date AS proposedDueDate, a.proposed_reason AS proposedReason, a.proposed_by_user_id AS proposedByUserId,
              (SELECT u.locale FROM information_request_text_authors w JOIN users u ON u.id = w.user_id
                WHERE w.request_id = a.request_id AND w.authority_id = a.authority_id AND w.field = 'free_text') AS freeTextLocale,
              (SELECT u.locale FROM information_request_text_authors w JOIN users u ON u.id = w.user_id
                WHERE w.request_id = a.request_id AND w.authority_id = a.authority_id AND w.field = 'sources_note') AS sourcesNoteLocale
         FROM information_request_addressees a JOIN authorities au ON au.id = a.authority_id
        WHERE a.request_id = ? ORDER BY au.member_state, au.short_name`,
    ).all(id) as Array<
      Omit<AddresseeView, 'answers' | 'names' | 'answerLanguages' | 'freeTextLanguage' | 'sourcesNoteLanguage'> & { names: string; freeTextLocale: string | null; sourcesNoteLocale: string | null }
    >
  ).map(({ freeTextLocale, sourcesNoteLocale, ...a }) => ({
    ...a,
    names: JSON.parse(a.names) as Record<string, string>,
    answers: {} as Record<string, AnswerValue>,
    answerLanguages: {} as Record<string, Language | null>,
    freeTextLanguage: a.freeText ? writtenLanguage(freeTextLocale) : null,
    sourcesNoteLanguage: a.sourcesNote ? writtenLanguage(sourcesNoteLocale) : null,
  }));
  const answers = sql(
    db,
    `SELECT n.authority_id AS authorityId, n.question_id AS questionId, n.value_json AS value, u.locale
       FROM information_request_answers n LEFT JOIN users u ON u.id = n.user_id WHERE n.request_id = ?`,
  ).all(id) as Array<{ authorityId: string; questionId: string; value: string; locale: string | null }>;
  for (const answer of answers) {
    const addressee = addressees.find((a) => a.authorityId === answer.authorityId);
    if (!addressee) continue;
    addressee.answers[answer.questionId] = JSON.parse(answer.value) as AnswerValue;
    addressee.answerLanguages[answer.questionId] = writtenLanguage(answer.locale);
  }
  const { companyId, companyName, companyCountry, freeQuestionLocale, hiddenAt, ...rest } = row;
  return {
    ...rest,
    freeQuestionLanguage: row.freeQuestion ? writtenLanguage(freeQuestionLocale) : null,
    personalDataHidden: hiddenAt !== null,
    company: { id: companyId, name: companyName, country: companyCountry },
    questionIds,
    addressees,
  };
}

export function getRequest(db: Db, ref: string): RequestView | null {
  const row = sql(db, 'SELECT id FROM information_requests WHERE ref = ?').get(ref) as { id: number } | undefined;
  return row ? getRequestById(db, row.id) : null;
}

export type RequestListView = 'mine' | 'to-us' | 'overdue';
export const REQUEST_LIST_VIEWS: readonly RequestListView[] = ['mine', 'to-us', 'overdue'];
export const REQUEST_PAGE_SIZE = 10;

export interface RequestListItem {
  ref: string;
  requesterShortName: string;
  requesterMemberState: string;
  urgency: RequestUrgency;
  status: RequestStatus;
  createdAt: string;
  /** Each addressed authority's part: who, its deadline and whether it is late. */
  addressees: Array<{ shortName: string; memberState: string; status: AddresseeStatus; dueDate: string; late: boolean }>;
}

/** One page of requests, newest first, by a WHERE over `r` (the request) with its named values. */
function requestPage(db: Db, where: string, values: Record<string, unknown>, today: string, page: number): { items: RequestListItem[]; hasMore: boolean } {
  const rows = sql(
    db,
    `SELECT r.id, r.ref, au.short_name AS requesterShortName, au.member_state AS requesterMemberState, r.urgency, r.status, r.created_at AS createdAt
       FROM information_requests r JOIN authorities au ON au.id = r.requester_authority_id
      WHERE ${where}
      ORDER BY r.created_at DESC, r.id DESC LIMIT @limit OFFSET @offset`,
  ).all({ ...values, limit: REQUEST_PAGE_SIZE + 1, offset: page * REQUEST_PAGE_SIZE }) as Array<Omit<RequestListItem, 'addressees'> & { id: number }>;
  const items = rows.slice(0, REQUEST_PAGE_SIZE).map(({ id, ...row }) => {
    const addressees = (
      sql(
        db,
        `SELECT au.short_name AS shortName, au.member_state AS memberState, a.status, a.due_date AS dueDate
           FROM information_request_addressees a JOIN authorities au ON au.id = a.authority_id WHERE a.request_id = ? ORDER BY au.member_state, au.short_name`,
      ).all(id) as Array<Omit<RequestListItem['addressees'][number], 'late'>>
    ).map((a) => ({ ...a, late: row.status === 'open' && a.status !== 'answered_fully' && a.dueDate < today }));
    return { ...row, addressees };
  });
  return { items, hasMore: rows.length > REQUEST_PAGE_SIZE };
}

const ONE_OF_THE_SIDES = `(r.requester_authority_id = @authorityId OR EXISTS (SELECT 1 FROM information_request_addressees x WHERE x.request_id = r.id AND x.authority_id = @authorityId))`;

/**
 * A page of requests for an authority, newest first: the ones it sent, the ones sent to it, or
 * those of either kind where an addressed authority has not answered fully by its deadline.
 */
export function listRequests(db: Db, authorityId: string, view: RequestListView, today: string, page: number): { items: RequestListItem[]; hasMore: boolean } {
  const where =
    view === 'mine'
      ? 'r.requester_authority_id = @authorityId'
      : view === 'to-us'
        ? 'EXISTS (SELECT 1 FROM information_request_addressees x WHERE x.request_id = r.id AND x.authority_id = @authorityId)'
        : `${ONE_OF_THE_SIDES}
           AND r.status = 'open'
           AND EXISTS (SELECT 1 FROM information_request_addressees y WHERE y.request_id = r.id AND y.status <> 'answered_fully' AND y.due_date < @today)`;
  return requestPage(db, where, { authorityId, today }, today, page);
}

/**
 * A page of the requests about one company that a reader may read (the need-to-know rule of
 * mayReadRequest, as a query): those their authority sent or was sent, every one for a coordinator.
 */
export function listRequestsAboutCompany(db: Db, reader: { authorityId: string; coordinator: boolean }, companyId: number, today: string, page: number): { items: RequestListItem[]; hasMore: boolean } {
  const where = reader.coordinator ? 'r.company_id = @companyId' : `r.company_id = @companyId AND ${ONE_OF_THE_SIDES}`;
  return requestPage(db, where, { authorityId: reader.authorityId, companyId }, today, page);
}
