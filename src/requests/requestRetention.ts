import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../alerts/alertRetention';
import { deleteCompanyIfUnused } from '../companies/unusedCompany';
import { inBatches, type BatchOptions } from '../store/batches';
import { daysBefore } from '../inspections/dates';
import { QUESTION_CATALOGUE } from './questionCatalogue';

export interface RequestRetentionRun {
  hidden: number;
  deleted: number;
  companiesDeleted: number;
}

/** Short-text answers are people's own words (a contact person's name): hidden with the free texts. */
const TEXT_QUESTIONS = JSON.stringify(QUESTION_CATALOGUE.questions.filter((q) => q.type === 'text').map((q) => q.id));

/**
 * The alerts' retention rules, applied to information requests from the day they ended (closed
 * or withdrawn): their free texts and short-text answers are hidden after `hideAfterDays`, the
 * request is deleted after `deleteAfterDays` (with its company when nothing else uses it). Open
 * requests are kept whatever their age. Decided by dates in the store, so a second run, or one
 * after a restart, does only what is due.
 */
export function applyRequestRetention(db: Db, clock: Clock, policy: RetentionPolicy = DEFAULT_RETENTION, limit = Number.MAX_SAFE_INTEGER): RequestRetentionRun {
  return inTransaction(db, () => {
    const now = clock.now().toISOString();
    const toHide = sql(
      db,
      `SELECT r.id, r.ref FROM information_requests r
        WHERE r.status IN ('closed', 'withdrawn') AND r.ended_at <= ? AND NOT EXISTS (SELECT 1 FROM information_request_retention h WHERE h.request_id = r.id)
        ORDER BY r.ended_at LIMIT ?`,
    ).all(daysBefore(clock.now(), policy.hideAfterDays), limit) as Array<{ id: number; ref: string }>;
    for (const request of toHide) {
      sql(db, 'UPDATE information_requests SET free_question = NULL, updated_at = ? WHERE id = ?').run(now, request.id);
      sql(db, 'UPDATE information_request_addressees SET free_text = NULL, sources_note = NULL, proposed_reason = NULL WHERE request_id = ?').run(request.id);
      const answers = sql(db, 'DELETE FROM information_request_answers WHERE request_id = ? AND question_id IN (SELECT value FROM json_each(?))').run(request.id, TEXT_QUESTIONS).changes;
      sql(db, 'DELETE FROM information_request_text_authors WHERE request_id = ?').run(request.id);
      sql(db, 'INSERT INTO information_request_retention (request_id, personal_data_hidden_at) VALUES (?, ?)').run(request.id, now);
      appendAudit(db, clock, { actor: SYSTEM_ACTOR, action: 'request.personal_data_hidden', subjectType: 'information_request', subjectRef: request.ref, details: { textAnswersRemoved: answers } });
    }
    const toDelete = sql(db, "SELECT id, ref, company_id AS companyId FROM information_requests WHERE status IN ('closed', 'withdrawn') AND ended_at <= ? ORDER BY ended_at LIMIT ?").all(
      daysBefore(clock.now(), policy.deleteAfterDays),
      limit,
    ) as Array<{ id: number; ref: string; companyId: number }>;
    let companiesDeleted = 0;
    for (const request of toDelete) {
      sql(db, 'DELETE FROM information_requests WHERE id = ?').run(request.id);
      appendAudit(db, clock, { actor: SYSTEM_ACTOR, action: 'request.deleted', subjectType: 'information_request', subjectRef: request.ref });
      companiesDeleted += deleteCompanyIfUnused(db, clock, request.companyId);
    }
    return { hidden: toHide.length, deleted: toDelete.length, companiesDeleted };
  });
}

/** The scheduled form, in small transactions as the alerts' (see applyAlertRetentionInBatches). */
export async function applyRequestRetentionInBatches(db: Db, clock: Clock, policy: RetentionPolicy = DEFAULT_RETENTION, options: BatchOptions = {}): Promise<RequestRetentionRun> {
  const total = await inBatches((limit) => applyRequestRetention(db, clock, policy, limit), { hidden: 0, deleted: 0, companiesDeleted: 0 }, ['hidden', 'deleted'], 50, options);
  // As for alerts: the write-ahead log keeps no earlier image of what was hidden or deleted.
  if (total.hidden + total.deleted > 0) db.pragma('wal_checkpoint(TRUNCATE)');
  return total;
}
