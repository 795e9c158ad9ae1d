import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit';

/**
 * After retention deleted a record about a company: the company goes too when no alert,
 * inspection or information request refers to it any more (each of them keeps it). Audited.
 * Returns 1 when it was deleted, else 0.
 */
export function deleteCompanyIfUnused(db: Db, clock: Clock, companyId: number): number {
  const inUse = sql(
    db,
    'SELECT 1 FROM alerts WHERE company_id = @id UNION ALL SELECT 1 FROM inspection_companies WHERE company_id = @id UNION ALL SELECT 1 FROM information_requests WHERE company_id = @id LIMIT 1',
  ).get({ id: companyId });
  if (inUse) return 0;
  const deleted = sql(db, 'DELETE FROM companies WHERE id = ?').run(companyId).changes;
  appendAudit(db, clock, { actor: SYSTEM_ACTOR, action: 'company.deleted', subjectType: 'company', subjectRef: String(companyId) });
  return deleted;
}
