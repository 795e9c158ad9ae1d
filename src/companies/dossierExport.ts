import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { assertAlertParticipant } from '../alerts/alertAccess';
import { alertsOfCompany, type AlertView } from '../alerts/alertQueries';
import { getRequestById, type RequestView } from '../requests/requestQueries';
import { mayReadRequest } from '../requests/requestAccess';
import { companyProfile, type CompanyProfile } from './companyDossier';

export type DossierFormat = 'html' | 'csv';

export interface DossierInspection {
  ref: string;
  status: string;
  startDate: string;
  endDate: string;
  city: string | null;
  placeState: string | null;
  leadShortName: string | null;
  imiRequestNumber: string | null;
}

/** A company's dossier as exported for a national case file: only what the reader may see. */
export interface DossierExport {
  company: CompanyProfile;
  alerts: AlertView[];
  inspections: DossierInspection[];
  requests: RequestView[];
  exportedAt: string;
  exportedBy: { authorityId: string; shortName: string; memberState: string | null };
}

/**
 * The dossier of a company exported (printable page or CSV): its identifiers, its alerts with the
 * answers, its inspections, and the information requests on it that the reader's authority sent
 * or received (need-to-know: a request is read by its parties only). The dossier holds alerts, so
 * only a participating authority exports it. Every export is in the audit log, with what it held.
 */
export function exportCompanyDossier(db: Db, clock: Clock, member: Member, companyId: number, format: DossierFormat, correlationId?: string): DossierExport | null {
  assertAlertParticipant(member);
  const company = Number.isSafeInteger(companyId) ? companyProfile(db, companyId) : null;
  if (!company) return null;
  const inspections = sql(
    db,
    `SELECT i.ref, i.status, i.start_date AS startDate, i.end_date AS endDate, i.city, i.place_state AS placeState,
            la.short_name AS leadShortName, i.imi_request_number AS imiRequestNumber
       FROM inspection_companies ic JOIN inspections i ON i.id = ic.inspection_id LEFT JOIN authorities la ON la.id = i.lead_authority_id
      WHERE ic.company_id = ? ORDER BY i.start_date DESC, i.id DESC`,
  ).all(companyId) as DossierInspection[];
  const requestIds = sql(db, 'SELECT id FROM information_requests WHERE company_id = ? ORDER BY created_at DESC, id DESC').all(companyId) as Array<{ id: number }>;
  const requests = requestIds.map((row) => getRequestById(db, row.id)).filter((request): request is RequestView => request !== null && mayReadRequest(member, request));
  const alerts = alertsOfCompany(db, companyId);
  const dossier: DossierExport = {
    company,
    alerts,
    inspections,
    requests,
    exportedAt: clock.now().toISOString(),
    exportedBy: { authorityId: member.authority.id, shortName: member.authority.shortName, memberState: member.authority.memberState },
  };
  appendAudit(db, clock, {
    actor: actorOf(member),
    action: 'company.exported',
    subjectType: 'company',
    subjectRef: String(companyId),
    details: { format, alerts: alerts.map((a) => a.ref), inspections: inspections.map((i) => i.ref), requests: requests.map((r) => r.ref) },
    correlationId,
  });
  return dossier;
}
