import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { alertsOfCompany, type AlertView } from '../alerts/alertQueries';
import { assertAlertParticipant } from '../alerts/alertAccess';

export interface CompanyDossier {
  id: number;
  name: string;
  country: string | null;
  sector: string | null;
  identifiers: Array<{ type: string; country: string; value: string }>;
  alerts: AlertView[];
  inspections: Array<{ ref: string; status: string; startDate: string; endDate: string; city: string | null; hostState: string | null }>;
}

export type CompanyProfile = Pick<CompanyDossier, 'id' | 'name' | 'country' | 'sector' | 'identifiers'>;

/** The company as registered, without its alerts: anyone who may see the company may see this. */
export function companyProfile(db: Db, companyId: number): CompanyProfile | null {
  const company = sql(db, 'SELECT id, name, country, nace_code AS sector FROM companies WHERE id = ?').get(companyId) as
    | Pick<CompanyDossier, 'id' | 'name' | 'country' | 'sector'>
    | undefined;
  if (!company) return null;
  const identifiers = sql(db, 'SELECT type, country, value FROM company_identifiers WHERE company_id = ? ORDER BY id').all(companyId) as CompanyDossier['identifiers'];
  return { ...company, identifiers };
}

function companyDossier(db: Db, companyId: number): CompanyDossier | null {
  const company = companyProfile(db, companyId);
  if (!company) return null;
  const inspections = sql(
    db,
    `SELECT i.ref, i.status, i.start_date AS startDate, i.end_date AS endDate, i.city, i.host_state AS hostState
       FROM inspection_companies ic JOIN inspections i ON i.id = ic.inspection_id WHERE ic.company_id = ? ORDER BY i.start_date DESC`,
  ).all(companyId) as CompanyDossier['inspections'];
  return { ...company, alerts: alertsOfCompany(db, companyId), inspections };
}

/**
 * Opening a dossier is recorded: who looked at which company's case data, and when. The dossier
 * holds the company's alerts, so only a participating authority opens it.
 */
export function viewCompanyDossier(db: Db, clock: Clock, member: Member, companyId: number, correlationId?: string): CompanyDossier | null {
  assertAlertParticipant(member);
  const dossier = companyDossier(db, companyId);
  if (dossier) {
    appendAudit(db, clock, { actor: actorOf(member), action: 'company.viewed', subjectType: 'company', subjectRef: String(companyId), correlationId });
  }
  return dossier;
}
