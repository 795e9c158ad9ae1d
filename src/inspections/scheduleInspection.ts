import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { submissionKey } from '../identity/submissionKey';
import { insertCompany } from '../companies/companyStore';
import { companiesWithIdentifiers } from '../companies/companyMatching';
import { listAuthorities, listMemberStates } from '../reference/participants';
import { NACE_REVISION } from '../reference/nace';
import { nextReference } from '../store/references';
import { recordEvent } from '../events/domainEvents';
import type { InspectionInput, InspectionReference } from './inspectionInput';
import { getInspectionById, overlappingInspections, type InspectionView, type OverlappingInspection } from './inspectionQueries';

/** What the form checks need from the store, read once per submission. */
export function inspectionReference(db: Db): InspectionReference {
  return {
    memberStates: listMemberStates(db).map((state) => state.code),
    authorities: listAuthorities(db).map((authority) => ({ id: authority.id, memberState: authority.memberState })),
    actionStatus: (ref) => (sql(db, 'SELECT status FROM actions WHERE ref = ?').get(ref) as { status: string } | undefined)?.status ?? null,
    companyKnown: (identifier) => companiesWithIdentifiers(db, [identifier]).length > 0,
  };
}

export type ScheduleResult =
  | { kind: 'created'; inspection: InspectionView }
  | { kind: 'already_submitted'; inspection: InspectionView }
  | { kind: 'overlap'; overlapping: OverlappingInspection[] };

export interface ScheduleOptions {
  /** The id the form was shown with: sent again by the same person, it gets the first's inspection. */
  formId: string;
  /** The person saw the inspections at the same place and dates and schedules this one anyway. */
  overlapConfirmed: boolean;
  correlationId?: string;
}

function previousSubmission(db: Db, idempotencyKey: string): InspectionView | null {
  const row = sql(db, 'SELECT id FROM inspections WHERE idempotency_key = ?').get(idempotencyKey) as { id: number } | undefined;
  return row ? getInspectionById(db, row.id) : null;
}

/** The company of each target: the one the store knows by that identifier, or a new dossier. */
function targetCompanyIds(db: Db, clock: Clock, input: InspectionInput): number[] {
  const ids = new Set<number>();
  for (const target of input.companies) {
    const known = companiesWithIdentifiers(db, [target.identifier]);
    if (known.length > 0) {
      ids.add(known[0]);
      continue;
    }
    if (!target.name) throw new DomainError({ key: 'inspections.errors.companyNameNeeded', field: 'companies' });
    ids.add(insertCompany(db, clock, { name: target.name, country: target.identifier.country, naceCode: null, identifiers: [target.identifier] }));
  }
  return [...ids];
}

/**
 * Schedules a concerted or joint inspection proposed by a member. Another live inspection at the
 * same place on overlapping dates is shown first (a warning, not a refusal); everything else is
 * written in one transaction with its audit entry and its `inspection.scheduled` event.
 */
export function scheduleInspection(db: Db, clock: Clock, member: Member, input: InspectionInput, options: ScheduleOptions): ScheduleResult {
  const idempotencyKey = submissionKey(member, options.formId);
  const previous = previousSubmission(db, idempotencyKey);
  if (previous) return { kind: 'already_submitted', inspection: previous };

  const overlapping = overlappingInspections(db, input);
  if (overlapping.length > 0 && !options.overlapConfirmed) return { kind: 'overlap', overlapping };

  return inTransaction(db, () => {
    // Checked again inside the write lock: two clicks can both pass the check above.
    const raced = previousSubmission(db, idempotencyKey);
    if (raced) return { kind: 'already_submitted' as const, inspection: raced };

    const now = clock.now();
    const actionId = input.actionRef ? ((sql(db, 'SELECT id FROM actions WHERE ref = ?').get(input.actionRef) as { id: number } | undefined)?.id ?? null) : null;
    if (input.actionRef && actionId === null) throw new DomainError({ key: 'inspections.errors.unknownAction', field: 'actionRef' });
    const companyIds = targetCompanyIds(db, clock, input);
    const ref = nextReference(db, 'CJI', now.getUTCFullYear(), 3);
    const { lastInsertRowid } = sql(
      db,
      `INSERT INTO inspections (ref, kind, host_state, lead_authority_id, nace_code, nace_revision, city, region, place_state,
                                start_date, end_date, action_id, ela_support, notes, imi_request_number, created_by_user_id, idempotency_key, created_at, updated_at)
       VALUES (@ref, @kind, @hostState, @leadAuthorityId, @sector, @naceRevision, @city, @region, @placeState,
               @startDate, @endDate, @actionId, @elaSupport, @notes, @imiRequestNumber, @userId, @idempotencyKey, @now, @now)`,
    ).run({
      ref,
      kind: input.kind,
      hostState: input.hostState,
      leadAuthorityId: input.leadAuthorityId,
      sector: input.sector,
      naceRevision: input.sector ? NACE_REVISION : null,
      city: input.city,
      region: input.region,
      placeState: input.placeState,
      startDate: input.startDate,
      endDate: input.endDate,
      actionId,
      elaSupport: input.elaSupport ? 1 : 0,
      notes: input.notes,
      imiRequestNumber: input.imiRequestNumber,
      userId: member.userId,
      idempotencyKey,
      now: now.toISOString(),
    });
    const inspectionId = Number(lastInsertRowid);
    for (const state of input.states) sql(db, 'INSERT INTO inspection_states (inspection_id, member_state) VALUES (?, ?)').run(inspectionId, state);
    for (const id of input.authorityIds) sql(db, 'INSERT INTO inspection_authorities (inspection_id, authority_id) VALUES (?, ?)').run(inspectionId, id);
    for (const companyId of companyIds) sql(db, 'INSERT INTO inspection_companies (inspection_id, company_id) VALUES (?, ?)').run(inspectionId, companyId);
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'inspection.created',
      subjectType: 'inspection',
      subjectRef: ref,
      details: {
        kind: input.kind,
        states: input.states,
        leadAuthorityId: input.leadAuthorityId,
        startDate: input.startDate,
        endDate: input.endDate,
        companyIds,
        actionRef: input.actionRef,
        overlapping: overlapping.map((o) => o.ref),
      },
      correlationId: options.correlationId,
    });
    recordEvent(db, clock, { type: 'inspection.scheduled', ref });
    const inspection = getInspectionById(db, inspectionId)!;
    return { kind: 'created' as const, inspection };
  });
}
