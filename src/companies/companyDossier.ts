import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { alertsOfCompany, type AlertView } from '../alerts/alertQueries';

export interface CompanyDossier {
  id: number;
  name: string;
  country: string | null;
  sector: string | null;
  identifiers: Array<{ type: string; country: string; value: string }>;
  alerts: AlertView[];
  inspections: Array<{ ref: string; status: string; startDate: string; endDate: string; city: string | null; hostState: string | null }>;
}

export function companyDossier(db: Db, companyId: number): CompanyDossier | null {
  const company = sql(db, 'SELECT id, name, country, nace_code AS sector FROM companies WHERE id = ?').get(companyId) as
    | Pick<CompanyDossier, 'id' | 'name' | 'country' | 'sector'>
    | undefined;
  if (!company) return null;
  const identifiers = sql(db, 'SELECT type, country, value FROM company_identifiers WHERE company_id = ? ORDER BY id').all(companyId) as CompanyDossier['identifiers'];
  const inspections = sql(
    db,
    `SELECT i.ref, i.status, i.start_date AS startDate, i.end_date AS endDate, i.city, i.host_state AS hostState
       FROM inspection_companies ic JOIN inspections i ON i.id = ic.inspection_id WHERE ic.company_id = ? ORDER BY i.start_date DESC`,
  ).all(companyId) as CompanyDossier['inspections'];
  return { ...company, identifiers, alerts: alertsOfCompany(db, companyId), inspections };
}

/** Opening a dossier is recorded: who looked at which company's case data, and when. */
export function viewCompanyDossier(db: Db, clock: Clock, member: Member, companyId: number, correlationId?: string): CompanyDossier | null {
  const dossier = companyDossier(db, companyId);
  if (dossier) {
    appendAudit(db, clock, { actor: actorOf(member), action: 'company.viewed', subjectType: 'company', subjectRef: String(companyId), correlationId });
  }
  return dossier;
}
