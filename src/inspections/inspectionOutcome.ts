import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import type { DomainErrorDetail } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { FRAUD_TYPES, type FraudType } from '../alerts/vocabulary';
import { changedInspection, checkMayChange, checkTransition, inspectionOrFail, type InspectionChangeRequest } from './inspectionLifecycle';
import type { InspectionOutcome, InspectionView } from './inspectionQueries';
import { FOLLOW_UP_MAX_LENGTH, MAX_COUNT } from './vocabulary';

/** What a person typed into the outcome form. */
export interface OutcomeDraft {
  companiesInspected?: string;
  workersChecked?: string;
  infringements?: Partial<Record<string, string>>;
  followUp?: string;
  reportReference?: string;
}

export type OutcomeInput = Omit<InspectionOutcome, 'reportedAt' | 'reportedByAuthorityId' | 'formId'>;

export type OutcomeValidation = { ok: true; input: OutcomeInput } | { ok: false; errors: DomainErrorDetail[] };

function count(value: string | undefined, field: string, required: boolean, errors: DomainErrorDetail[]): number {
  const text = (value ?? '').trim();
  if (!text) {
    if (required) errors.push({ field, key: 'inspections.errors.required' });
    return 0;
  }
  if (!/^\d{1,7}$/.test(text) || Number(text) > MAX_COUNT) {
    errors.push({ field, key: 'inspections.errors.badCount', vars: { max: MAX_COUNT } });
    return 0;
  }
  return Number(text);
}

/** Checks the whole outcome form and reports every problem at once, on its field. */
export function validateOutcomeDraft(draft: OutcomeDraft): OutcomeValidation {
  const errors: DomainErrorDetail[] = [];
  const companiesInspected = count(draft.companiesInspected, 'companiesInspected', true, errors);
  const workersChecked = count(draft.workersChecked, 'workersChecked', true, errors);
  const infringements: Partial<Record<FraudType, number>> = {};
  for (const type of FRAUD_TYPES) {
    const found = count(draft.infringements?.[type], `infringements.${type}`, false, errors);
    if (found > 0) infringements[type] = found;
  }
  const followUp = (draft.followUp ?? '').trim();
  if (!followUp) errors.push({ field: 'followUp', key: 'inspections.errors.required' });
  else if (followUp.length > FOLLOW_UP_MAX_LENGTH) errors.push({ field: 'followUp', key: 'inspections.errors.tooLong', vars: { max: FOLLOW_UP_MAX_LENGTH } });
  const reportReference = (draft.reportReference ?? '').trim();
  if (!reportReference) errors.push({ field: 'reportReference', key: 'inspections.errors.required' });
  else if (!/^[\p{L}\d][\p{L}\d ./_:-]{0,59}$/u.test(reportReference)) errors.push({ field: 'reportReference', key: 'inspections.errors.badReference' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, input: { companiesInspected, workersChecked, infringements, followUp, reportReference } };
}

export type OutcomeResult = { kind: 'recorded'; inspection: InspectionView } | { kind: 'already_recorded'; inspection: InspectionView };

/**
 * Records the post-inspection report of an inspection that was carried out, which moves it to
 * "report shared". The same form sent again (Teams resends, double clicks) records nothing more.
 */
export function recordInspectionOutcome(
  db: Db,
  clock: Clock,
  member: Member,
  request: InspectionChangeRequest & { outcome: OutcomeInput; formId: string },
): OutcomeResult {
  return inTransaction(db, () => {
    const inspection = inspectionOrFail(db, request.ref);
    if (inspection.outcome?.formId === request.formId) return { kind: 'already_recorded' as const, inspection };
    checkTransition(inspection, 'report_shared');
    checkMayChange(inspection, member, 'report_shared');
    const now = clock.now().toISOString();
    const outcome: InspectionOutcome = { ...request.outcome, reportedAt: now, reportedByAuthorityId: member.authority.id, formId: request.formId };
    sql(db, "UPDATE inspections SET status = 'report_shared', outcome_json = ?, status_reason = NULL, version = version + 1, updated_at = ? WHERE id = ?").run(
      JSON.stringify(outcome),
      now,
      inspection.id,
    );
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'inspection.report_shared',
      subjectType: 'inspection',
      subjectRef: inspection.ref,
      details: {
        from: inspection.status,
        companiesInspected: outcome.companiesInspected,
        workersChecked: outcome.workersChecked,
        infringements: outcome.infringements,
        reportReference: outcome.reportReference,
      },
      correlationId: request.correlationId,
    });
    return { kind: 'recorded' as const, inspection: changedInspection(db, clock, { ...request, ref: inspection.ref }) };
  });
}

/** For the outcome form: an inspection the member may report on now, or the reason why not. */
export function inspectionToReport(db: Db, member: Member, ref: string): InspectionView {
  const inspection = inspectionOrFail(db, ref);
  checkTransition(inspection, 'report_shared');
  checkMayChange(inspection, member, 'report_shared');
  return inspection;
}

