import { z } from 'zod';
import requestsFile from './demo-requests.json';
import { sql, type Db } from '../store/database';
import { findAuthority } from '../reference/participants';
import { nextReference } from '../store/references';
import { findQuestion } from '../requests/questionCatalogue';
import { checkAnswer } from '../requests/answers';
import { addWorkingDays, dueDate, type RequestUrgency } from '../requests/workingDays';
import { illustrativeUser } from './illustrativeCycle';

const DAY_MS = 86_400_000;
const daysAgo = z.number().int().min(0).max(300);

const requestsSchema = z.object({
  about: z.string(),
  requests: z.array(
    z.object({
      from: z.string(),
      to: z.array(z.string()).min(1),
      /** An identifier of one of the demo companies (companies.json). */
      company: z.string(),
      urgency: z.enum(['urgent', 'normal']),
      daysAgo,
      questions: z.array(z.string()).min(1),
      freeQuestion: z.string().optional(),
      imiRequestNumber: z.string().optional(),
      parts: z.array(
        z.object({
          authority: z.string(),
          acknowledgedDaysAgo: daysAgo.optional(),
          answeredDaysAgo: daysAgo.optional(),
          /** Raw answers, checked as the answer form checks them. */
          answers: z.record(z.string(), z.string()).optional(),
          sourcesNote: z.string().optional(),
          /** A later deadline asked for: this many of the state's working days after the deadline. */
          proposedWorkingDaysLater: z.number().int().min(1).max(60).optional(),
          proposedReason: z.string().optional(),
        }),
      ),
      closedDaysAgo: daysAgo.optional(),
    }),
  ),
});

/**
 * Information requests between the demo authorities, one in each state of the lifecycle (sent,
 * acknowledged, answered in part, overdue, a later deadline asked for, answered and closed),
 * dated from today so that the deadlines, the overdue one and the indicators read true on a first
 * run: in `/requests`, `/mine` and the tab's Requests view. Written as the commands write them
 * (references from the same counter, deadlines by the same working days, answers checked by the
 * same rules), without audit entries or events: nothing happened, nothing is posted. A wrong entry
 * in the file stops the load. Call inside the demo data's transaction, after the companies.
 */
export function loadDemoRequests(db: Db, today: Date): number {
  const file = requestsSchema.parse(requestsFile);
  const at = (days: number) => new Date(today.getTime() - days * DAY_MS).toISOString();
  // Oldest first, so that references grow with the date sent, as they do in use.
  const requests = [...file.requests].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const [index, request] of requests.entries()) {
    const problem = (what: string) => new Error(`demo request ${index + 1} (${request.from}): ${what}`);
    const requester = findAuthority(db, request.from);
    if (!requester?.memberState) throw problem('unknown requesting authority');
    const company = sql(db, 'SELECT company_id AS id FROM company_identifiers WHERE value = ? LIMIT 1').get(request.company) as { id: number } | undefined;
    if (!company) throw problem(`no demo company with identifier ${request.company}`);
    const unknown = request.questions.find((id) => !findQuestion(id));
    if (unknown) throw problem(`unknown question ${unknown}`);
    const questions = request.questions.map((id) => findQuestion(id)!);
    const sentAt = at(request.daysAgo);
    const sentDate = sentAt.slice(0, 10);
    const ref = nextReference(db, 'RQ', new Date(sentAt).getUTCFullYear(), 4);
    const userId = illustrativeUser(db, requester.id, sentAt);
    const { lastInsertRowid } = sql(
      db,
      `INSERT INTO information_requests (ref, requester_user_id, requester_authority_id, company_id, free_question, urgency, imi_request_number,
                                         status, idempotency_key, created_at, updated_at, ended_at)
       VALUES (@ref, @userId, @authorityId, @companyId, @freeQuestion, @urgency, @imi, @status, @key, @sentAt, @sentAt, @endedAt)`,
    ).run({
      ref,
      userId,
      authorityId: requester.id,
      companyId: company.id,
      freeQuestion: request.freeQuestion ?? null,
      urgency: request.urgency,
      imi: request.imiRequestNumber || null,
      status: request.closedDaysAgo === undefined ? 'open' : 'closed',
      key: `demo:${ref}`,
      sentAt,
      endedAt: request.closedDaysAgo === undefined ? null : at(request.closedDaysAgo),
    });
    const requestId = Number(lastInsertRowid);
    questions.forEach((question, position) => sql(db, 'INSERT INTO information_request_questions (request_id, position, question_id) VALUES (?, ?, ?)').run(requestId, position, question.id));
    for (const authorityId of request.to) {
      const addressee = findAuthority(db, authorityId);
      if (!addressee?.memberState || addressee.memberState === requester.memberState) throw problem(`cannot be addressed to ${authorityId}`);
      const part = request.parts.find((p) => p.authority === authorityId) ?? { authority: authorityId };
      const due = dueDate(addressee.memberState, sentDate, request.urgency as RequestUrgency);
      const answerer = illustrativeUser(db, addressee.id, sentAt);
      const given = Object.entries(part.answers ?? {}).map(([questionId, raw]) => {
        const question = questions.find((q) => q.id === questionId);
        const checked = question ? checkAnswer(question, { value: raw }) : null;
        if (!checked || 'error' in checked || checked.value === null) throw problem(`answer to ${questionId} is not one of its type`);
        return [questionId, checked.value] as const;
      });
      const answered = part.answeredDaysAgo === undefined ? null : at(part.answeredDaysAgo);
      const status = answered ? (given.length === questions.length && !request.freeQuestion ? 'answered_fully' : 'answered_partially') : part.acknowledgedDaysAgo !== undefined ? 'acknowledged' : 'sent';
      const proposed = part.proposedWorkingDaysLater ? addWorkingDays(addressee.memberState, due, part.proposedWorkingDaysLater) : null;
      sql(
        db,
        `INSERT INTO information_request_addressees (request_id, authority_id, status, due_date, acknowledged_at, answered_at, sources_note,
                                                     proposed_due_date, proposed_reason, proposed_by_user_id)
         VALUES (@requestId, @authorityId, @status, @due, @acknowledged, @answered, @sourcesNote, @proposed, @reason, @proposer)`,
      ).run({
        requestId,
        authorityId,
        status,
        due,
        acknowledged: part.acknowledgedDaysAgo === undefined ? answered : at(part.acknowledgedDaysAgo),
        answered,
        sourcesNote: part.sourcesNote ?? null,
        proposed,
        reason: proposed ? (part.proposedReason ?? null) : null,
        proposer: proposed ? answerer : null,
      });
      for (const [questionId, value] of given) {
        sql(db, 'INSERT INTO information_request_answers (request_id, authority_id, question_id, value_json, user_id, answered_at) VALUES (?, ?, ?, ?, ?, ?)').run(requestId, authorityId, questionId, JSON.stringify(value), answerer, answered);
      }
      if (part.sourcesNote) sql(db, "INSERT INTO information_request_text_authors (request_id, authority_id, field, user_id) VALUES (?, ?, 'sources_note', ?)").run(requestId, authorityId, answerer);
    }
  }
  return requests.length;
}
